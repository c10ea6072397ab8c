"""Stored indicator figures: daily snapshots, yearly targets, export jobs, alert runs."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .definitions import CODES


class SnapshotDay(models.Model):
    """One row per snapshotted date: which dates exist (trend points) and when they were taken."""

    date = models.DateField(primary_key=True)
    taken_at = models.DateTimeField(default=timezone.now)
    # Data-quality gaps on that day per commune id, so the dashboard never counts them live.
    data_gaps = models.JSONField(default=dict)

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return str(self.date)


class Counters(models.Model):
    """A day's breakdown (ethnic group × entity type × sex) and every indicator's counters."""

    date = models.DateField()
    ethnic_group = models.ForeignKey(
        "sellers.EthnicGroup", on_delete=models.PROTECT, null=True, related_name="+"
    )
    entity_type = models.CharField(max_length=20, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    # One numerator and denominator per indicator (definitions.COUNTER_FIELDS).
    i1_num = models.PositiveIntegerField(default=0)
    i1_den = models.PositiveIntegerField(default=0)
    i2_num = models.PositiveIntegerField(default=0)
    i2_den = models.PositiveIntegerField(default=0)
    i3_num = models.PositiveIntegerField(default=0)
    i3_den = models.PositiveIntegerField(default=0)
    i4_num = models.PositiveIntegerField(default=0)
    i4_den = models.PositiveIntegerField(default=0)
    i5_num = models.PositiveIntegerField(default=0)
    i5_den = models.PositiveIntegerField(default=0)
    i6_num = models.PositiveIntegerField(default=0)
    i6_den = models.PositiveIntegerField(default=0)
    i7_num = models.PositiveIntegerField(default=0)
    i7_den = models.PositiveIntegerField(default=0)
    # Coverage: the register's OCOP subjects, and those of them matched to an account here.
    cov_num = models.PositiveIntegerField(default=0)
    cov_den = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class SnapshotCell(Counters):
    """Counts of one breakdown cell (commune × ethnic group × entity type × sex) on one date.

    One wide row holds every indicator's numerator and denominator for the cell, so a
    dashboard, export or trend is one grouped SUM over few rows. People registries (village
    heads, staff) have no entity type: their rows carry entity_type "".
    """

    commune = models.ForeignKey("sellers.Commune", on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["date", "commune"], name="indicators_cell_date_commune")]

    def __str__(self):
        return f"{self.date} {self.commune_id}/{self.ethnic_group_id}/{self.entity_type}/{self.sex}"


class SnapshotTotal(Counters):
    """The same counters summed over communes (province totals per ethnic group × entity type × sex).

    Written with the cells by ``take_snapshot``; province-wide figures and trends read these
    few rows a day instead of every commune's cells.
    """

    class Meta:
        indexes = [models.Index(fields=["date"], name="indicators_total_date")]

    def __str__(self):
        return f"{self.date} {self.ethnic_group_id}/{self.entity_type}/{self.sex}"


class Target(models.Model):
    """A yearly target (percent) set by a province official; 2025 is the baseline."""

    indicator = models.CharField(max_length=2, choices=[(c, c) for c in CODES])
    year = models.PositiveSmallIntegerField()
    percent = models.DecimalField(max_digits=5, decimal_places=1)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="indicators_target_once")]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.percent} %"


class ExportJob(models.Model):
    """An Excel/CSV export built by Celery, with progress for the waiting page."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Lỗi")

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    params = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="indicators/exports/%Y/%m/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"export {self.pk} ({self.status})"


class AlertRun(models.Model):
    """One monthly alert run: a month is alerted once, even if the job runs twice."""

    month = models.DateField(unique=True)
    ran_at = models.DateTimeField(default=timezone.now)
    lagging = models.JSONField(default=list)
    data_gaps = models.JSONField(default=dict)

    def __str__(self):
        return f"alerts {self.month:%Y-%m}"


class StaleFigures(models.Model):
    """A change to the records behind the figures, waiting to be recomputed (see refresh.py).

    Written in the transaction of the change itself, so it exists exactly when the change
    does; a refresh takes every row at once, so a burst of changes costs one recomputation.
    """

    since = models.DateField()  # the first day whose snapshot the change concerns
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"stale since {self.since}"


class FiguresRefresh(models.Model):
    """The one row that lets a single refresh run at a time (a crashed worker's lease expires)."""

    lease_until = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"leased until {self.lease_until}" if self.lease_until else "free"


class SignOff(models.Model):
    """A commune's month on its way to being signed (signoff.py holds the state machine).

    Approved means locked: the month's snapshot cells of the commune are no longer recomputed,
    and a later change to a record of that month is listed as a correction after locking.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Đã gửi, chờ tỉnh duyệt")
        RETURNED = "returned", _("Tỉnh trả lại")
        APPROVED = "approved", _("Đã duyệt, số liệu đã chốt")

    commune = models.ForeignKey("sellers.Commune", on_delete=models.PROTECT, related_name="+")
    month = models.DateField()  # the month's first day
    status = models.CharField(max_length=10, choices=Status.choices)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    # The counters of the commune at the month's end as submitted: what the province approves.
    figures = models.JSONField(default=dict)
    warnings = models.JSONField(default=list)  # the warnings open at submission
    note = models.TextField(blank=True)  # the commune's explanation of those warnings
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)  # why the province returned it

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commune", "month"], name="indicators_signoff_once")]
        indexes = [models.Index(fields=["month", "status"], name="indicators_signoff_month")]

    def __str__(self):
        return f"{self.commune_id} {self.month:%Y-%m} {self.status}"


class SignOffEvent(models.Model):
    """Every step of a sign-off, in order: who submitted, returned or approved, and what they wrote."""

    signoff = models.ForeignKey(SignOff, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.signoff_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class LateCorrection(models.Model):
    """A change to the records of a locked month: the signed figures stay, the change counts
    from the next period on, and the sign-off pages and the review pack list it."""

    commune = models.ForeignKey(
        "sellers.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # None: the change concerns several communes (a register import)
    month = models.DateField()  # the locked month it concerns (first day)
    day = models.DateField()  # the first day of the records it concerns
    what = models.CharField(max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.commune_id}: {self.what}"


class ReviewPack(models.Model):
    """A period's review pack (Word report + Excel appendix), built by Celery from locked figures."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Lỗi")

    period = models.CharField(max_length=10)  # periods.Period.key
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    report = models.FileField(upload_to="indicators/packs/%Y/%m/", blank=True)
    appendix = models.FileField(upload_to="indicators/packs/%Y/%m/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"pack {self.period} ({self.status})"
