"""Training records: who is to be trained (registries), what they learned (progress, quiz
attempts, completions) and the in-person sessions officials record.

The registries are the denominators of indicators I5 (village heads and influential persons)
and I6 (ethnic-affairs staff); completions are the numerators of I4–I6.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sellers.models import Commune, EthnicGroup, Seller
from sellers.scope import in_official_scope

Sex = Seller.Sex

# Verification codes avoid letters and digits that read alike (0/O, 1/I/L) on a printed page.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


class RegistryQuerySet(models.QuerySet):
    def registered(self, as_of):
        """On the registry at the end of ``as_of``: registered by then and not yet left."""
        return self.filter(registered_on__lte=as_of).filter(Q(left_on__isnull=True) | Q(left_on__gt=as_of))

    def for_official(self, user):
        """Commune officials keep their commune's rows; province officials all of them."""
        return in_official_scope(self, user)


class RegistryEntry(models.Model):
    """What both registries share: a person, reachable by phone, kept by officials."""

    name = models.CharField(_("họ và tên"), max_length=120)
    # Normalised Vietnamese mobile (0xxxxxxxxx); signing in with it links the site account.
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    citizen_id_last4 = models.CharField(_("4 số cuối CCCD"), max_length=4, blank=True)
    sex = models.CharField(_("giới tính"), max_length=1, choices=Sex.choices)
    registered_on = models.DateField(_("ngày vào danh sách"), default=timezone.localdate)
    left_on = models.DateField(_("ngày thôi"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RegistryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class VillageHead(RegistryEntry):
    """A village head (trưởng bản) or influential person (người có uy tín): I5's denominator."""

    class Role(models.TextChoices):
        VILLAGE_HEAD = "village_head", _("Trưởng bản")
        INFLUENTIAL = "influential", _("Người có uy tín")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="village_heads", verbose_name=_("xã/phường")
    )
    village = models.CharField(_("thôn/bản"), max_length=100)
    ethnic_group = models.ForeignKey(
        EthnicGroup, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("dân tộc")
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.VILLAGE_HEAD)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="village_head",
        verbose_name=_("tài khoản"),
    )

    class Meta(RegistryEntry.Meta):
        verbose_name = _("trưởng bản / người có uy tín")
        verbose_name_plural = _("trưởng bản / người có uy tín")
        constraints = [
            models.UniqueConstraint(fields=["phone"], condition=~Q(phone=""), name="cms_village_head_phone")
        ]
        indexes = [models.Index(fields=["commune", "registered_on"])]


class AffairsStaff(RegistryEntry):
    """An ethnic-affairs staff member at commune or province level: I6's denominator."""

    class Level(models.TextChoices):
        COMMUNE = "commune", _("Cấp xã")
        PROVINCE = "province", _("Cấp tỉnh")

    unit = models.CharField(_("đơn vị công tác"), max_length=150)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices, default=Level.COMMUNE)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affairs_staff",
        verbose_name=_("xã/phường"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="affairs_staff",
        verbose_name=_("tài khoản"),
    )

    class Meta(RegistryEntry.Meta):
        verbose_name = _("cán bộ làm công tác dân tộc")
        verbose_name_plural = _("cán bộ làm công tác dân tộc")
        constraints = [
            models.UniqueConstraint(fields=["phone"], condition=~Q(phone=""), name="cms_staff_phone"),
            models.CheckConstraint(
                condition=Q(level="province") | Q(commune__isnull=False), name="cms_staff_commune_level"
            ),
        ]
        indexes = [models.Index(fields=["commune", "registered_on"])]


class LessonProgress(models.Model):
    """A signed-in learner finished a lesson (read it, or passed the quiz it holds)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("cms.LessonPage", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("cms.CoursePage", on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="cms_lesson_done_once")]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self):
        return f"{self.user} – {self.lesson_id}"


class QuizAttempt(models.Model):
    """One graded submission of a lesson's quiz; retries allowed, the best score counts."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("cms.LessonPage", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("cms.CoursePage", on_delete=models.CASCADE, related_name="+")
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(help_text="per cent")
    passed = models.BooleanField()
    # {question key: [chosen choice positions]} and the per-question result, for the result page.
    answers = models.JSONField(default=dict)
    results = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "lesson"])]

    def __str__(self):
        return f"{self.user} – {self.lesson_id}: {self.score}%"


class TrainingSession(models.Model):
    """An in-person training session recorded by an official; attendance counts as completion."""

    course = models.ForeignKey(
        "cms.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("khoá học"),
    )
    course_title = models.CharField(_("khoá học"), max_length=255)
    # Empty for a province-level session (recorded by a province official).
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("xã/phường")
    )
    held_on = models.DateField(_("ngày học"))
    place = models.CharField(_("địa điểm"), max_length=200)
    trainer = models.CharField(_("giảng viên"), max_length=120)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("lớp học trực tiếp")
        verbose_name_plural = _("lớp học trực tiếp")

    def __str__(self):
        return f"{self.course_title} – {self.held_on:%d/%m/%Y}"


class CourseCompletion(models.Model):
    """A person completed a course, once per person × course, online or in person.

    The person is known by whichever identities apply: the site account, the seller they
    represent, their village-head and/or staff registry row. A course page deleted later leaves
    the record (title and audience are kept here), so indicators for past dates stay right.
    """

    class Source(models.TextChoices):
        ONLINE = "online", _("Học trực tuyến")
        IN_PERSON = "in_person", _("Học trực tiếp")

    course = models.ForeignKey(
        "cms.CoursePage", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("khoá học")
    )
    course_title = models.CharField(_("khoá học"), max_length=255)
    audience = models.CharField(_("đối tượng"), max_length=10)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    seller = models.ForeignKey(
        Seller, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người bán")
    )
    village_head = models.ForeignKey(
        VillageHead, on_delete=models.PROTECT, null=True, blank=True, related_name="completions"
    )
    staff = models.ForeignKey(
        AffairsStaff, on_delete=models.PROTECT, null=True, blank=True, related_name="completions"
    )
    learner_name = models.CharField(_("họ và tên"), max_length=120)
    completed_on = models.DateField(_("ngày hoàn thành"))
    completed_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(_("hình thức"), max_length=10, choices=Source.choices)
    session = models.ForeignKey(
        TrainingSession, on_delete=models.PROTECT, null=True, blank=True, related_name="attendance"
    )
    best_score = models.PositiveSmallIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code = models.CharField(_("mã xác minh"), max_length=12, unique=True, default=new_verification_code)

    class Meta:
        ordering = ["-completed_on", "-pk"]
        verbose_name = _("hoàn thành khoá học")
        verbose_name_plural = _("hoàn thành khoá học")
        constraints = [
            models.UniqueConstraint(
                fields=["course", field],
                condition=Q(**{f"{field}__isnull": False}),
                name=f"cms_completion_once_per_{field}",
            )
            for field in ("user", "seller", "village_head", "staff")
        ] + [
            models.CheckConstraint(
                condition=Q(user__isnull=False)
                | Q(seller__isnull=False)
                | Q(village_head__isnull=False)
                | Q(staff__isnull=False),
                name="cms_completion_has_person",
            )
        ]
        indexes = [
            models.Index(fields=["seller", "completed_on"]),
            models.Index(fields=["village_head", "completed_on"]),
            models.Index(fields=["staff", "completed_on"]),
            models.Index(fields=["user", "completed_on"]),
        ]

    def __str__(self):
        return f"{self.learner_name} – {self.course_title}"


class SessionAttendance(models.Model):
    """A person attended an in-person session: a fact of the class, once per person and session,
    whether or not it made their completion (they may have completed the course before)."""

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="attendees")
    learner_name = models.CharField(_("họ và tên"), max_length=120)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    village_head = models.ForeignKey(
        VillageHead, on_delete=models.PROTECT, null=True, blank=True, related_name="attendances"
    )
    staff = models.ForeignKey(
        AffairsStaff, on_delete=models.PROTECT, null=True, blank=True, related_name="attendances"
    )
    # The person's completion of the course: made by this session, or the one that stood before.
    completion = models.ForeignKey(
        CourseCompletion, on_delete=models.SET_NULL, null=True, blank=True, related_name="attendances"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["learner_name", "pk"]
        verbose_name = _("học viên của lớp")
        verbose_name_plural = _("học viên của lớp")
        constraints = [
            models.UniqueConstraint(
                fields=["session", field],
                condition=Q(**{f"{field}__isnull": False}),
                name=f"cms_attendance_once_per_{field}",
            )
            for field in ("user", "seller", "village_head", "staff")
        ]

    def __str__(self):
        return f"{self.learner_name} – {self.session}"

    @property
    def completed_before(self):
        return self.completion is not None and self.completion.session_id != self.session_id


class AttendanceImport(models.Model):
    """An uploaded attendance sheet, imported by a Celery task; all rows or none.

    The file is kept in the database (not in public media): it holds phone numbers.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang nhập")
        SUCCEEDED = "succeeded", _("Đã nhập xong")
        FAILED = "failed", _("Bị từ chối")

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="imports")
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    # [{"row": 7, "reason": "..."}], row numbers as the spreadsheet shows them.
    errors = models.JSONField(default=list)
    # Rows that held only their number (a list numbered further than it was filled in).
    ignored_rows = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def percent(self):
        if self.status == self.Status.SUCCEEDED:
            return 100
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def finished(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
