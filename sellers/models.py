"""Seller entities, their representatives, OCOP certificates, and reference data."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.ocop import ProductGroup

from .scope import in_official_scope

KINH_CODE = "01"


class EthnicGroup(models.Model):
    """One of Vietnam's 54 recognised groups, with the statistics office's code (01 Kinh … 54 Rơ-măm)."""

    code = models.CharField(_("mã"), max_length=2, unique=True)
    name = models.CharField(_("tên"), max_length=50)

    class Meta:
        ordering = ["code"]
        verbose_name = _("dân tộc")
        verbose_name_plural = _("dân tộc")

    def __str__(self):
        return self.name

    @property
    def is_minority(self):
        return self.code != KINH_CODE


class Commune(models.Model):
    """A commune or ward of Điện Biên (two-tier administration since 1 July 2025)."""

    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Xã")
        WARD = "ward", _("Phường")

    class Zone(models.TextChoices):
        I = "I", _("Khu vực I")  # noqa: E741
        II = "II", _("Khu vực II")
        III = "III", _("Khu vực III")

    code = models.CharField(_("mã"), max_length=5, unique=True)
    name = models.CharField(_("tên"), max_length=80)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.COMMUNE)
    is_em_area = models.BooleanField(_("vùng đồng bào DTTS và miền núi"), default=True)
    zone = models.CharField(_("khu vực"), max_length=3, choices=Zone.choices, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("xã/phường")
        verbose_name_plural = _("xã/phường")

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"


class SellerQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=Seller.Status.VERIFIED)

    def pending_review(self):
        return self.filter(status=Seller.Status.SUBMITTED)

    def for_commune_official(self, user):
        """Sellers an official may see: province staff see all, commune staff their commune."""
        return in_official_scope(self, user)


class Seller(models.Model):
    """An OCOP subject selling here: household, cooperative, cooperative group or enterprise."""

    class EntityType(models.TextChoices):
        HOUSEHOLD = "household", _("Hộ gia đình / hộ kinh doanh")
        COOPERATIVE = "cooperative", _("Hợp tác xã")
        COOP_GROUP = "coop_group", _("Tổ hợp tác")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang đăng ký")
        SUBMITTED = "submitted", _("Chờ xác minh")
        CHANGES_REQUESTED = "changes_requested", _("Cần bổ sung")
        VERIFIED = "verified", _("Đã xác minh")
        REJECTED = "rejected", _("Bị từ chối")

    # A file with its final decision (indicator I7); one sent back for changes is still open.
    DECIDED = frozenset({Status.VERIFIED, Status.REJECTED})

    class Sex(models.TextChoices):
        FEMALE = "F", _("Nữ")
        MALE = "M", _("Nam")

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.PROTECT, related_name="seller", null=True, blank=True
    )
    # The representative's login (phone number as username); one shop per account.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="seller",
        null=True,
        blank=True,
        verbose_name=_("tài khoản"),
    )
    name = models.CharField(_("tên cơ sở"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    entity_type = models.CharField(_("loại hình"), max_length=20, choices=EntityType.choices)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="sellers", verbose_name=_("xã/phường")
    )
    address = models.CharField(_("địa chỉ (thôn/bản)"), max_length=255, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    rep_name = models.CharField(_("người đại diện"), max_length=120)
    rep_sex = models.CharField(_("giới tính"), max_length=1, choices=Sex.choices, blank=True)
    rep_ethnic_group = models.ForeignKey(
        EthnicGroup, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("dân tộc")
    )
    rep_birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    rep_citizen_id_hash = models.CharField(max_length=64, blank=True, editable=False)
    rep_citizen_id_last4 = models.CharField(_("4 số cuối CCCD"), max_length=4, blank=True, editable=False)
    personal_data_consent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Ethnic origin is sensitive (Decree 13/2023): shown to buyers only if the seller opts in.
    publish_ethnic_group = models.BooleanField(_("hiển thị dân tộc trên gian hàng"), default=False)
    business_registration_no = models.CharField(_("số đăng ký kinh doanh"), max_length=30, blank=True)
    story = models.TextField(_("câu chuyện sản phẩm"), blank=True)
    story_photo = models.ImageField(_("ảnh"), upload_to="sellers/story/%Y/%m/", blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_online = models.BooleanField(_("nộp trực tuyến"), default=True)
    decided_online = models.BooleanField(_("xử lý trực tuyến"), default=False)
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assisted_sellers",
        verbose_name=_("người hỗ trợ đăng ký"),
    )
    # Last registration-wizard step saved, so a dropped connection resumes at the next one.
    wizard_step = models.PositiveSmallIntegerField(default=0, editable=False)
    # The official's latest reason (changes requested or rejection), shown to the seller.
    review_note = models.TextField(_("ý kiến của cán bộ"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    # When the file got its final decision (verified or rejected); a file sent back for changes
    # is not decided yet.
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SellerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("người bán")
        verbose_name_plural = _("người bán")
        indexes = [models.Index(fields=["status", "commune"])]

    def __str__(self):
        return self.name

    @property
    def public_ethnic_group(self):
        """The representative's ethnic group for public pages, only with the seller's consent."""
        return self.rep_ethnic_group if self.publish_ethnic_group else None

    @property
    def has_open_shop(self):
        """Verified and given its Oscar partner: may sell. The one test for workspace pages and writes."""
        return self.status == self.Status.VERIFIED and self.partner_id is not None


class OfSellerQuerySet(models.QuerySet):
    """Rows owned by a seller (``seller`` FK), scoped like ``SellerQuerySet.for_commune_official``."""

    def for_commune_official(self, user):
        return self.filter(seller__in=Seller.objects.for_commune_official(user))


class OcopCertificateQuerySet(OfSellerQuerySet):
    def pending_review(self):
        return self.filter(approved=False, reviewed_at__isnull=True)

    def valid(self, on=None):
        """Certificates counting on a date: approved and not expired (correct at read time)."""
        on = on or timezone.localdate()
        return self.filter(approved=True, issued_on__lte=on, expires_on__gte=on)


class OcopCertificate(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        NATIONAL = "national", _("Cấp trung ương")

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="certificates")
    products = models.ManyToManyField(
        "catalogue.Product", related_name="ocop_certificates", blank=True, verbose_name=_("sản phẩm")
    )
    product_name = models.CharField(_("tên sản phẩm được công nhận"), max_length=200)
    stars = models.PositiveSmallIntegerField(
        _("số sao"), validators=[MinValueValidator(3), MaxValueValidator(5)]
    )
    product_group = models.CharField(_("nhóm sản phẩm"), max_length=20, choices=ProductGroup.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    level = models.CharField(_("cấp công nhận"), max_length=10, choices=Level.choices, default=Level.PROVINCE)
    issued_on = models.DateField(_("ngày cấp"))
    expires_on = models.DateField(_("ngày hết hạn"))
    scan = models.ImageField(_("ảnh giấy chứng nhận"), upload_to="sellers/certificates/%Y/", blank=True)
    approved = models.BooleanField(_("đã xác minh"), default=False)
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_note = models.TextField(_("ý kiến của cán bộ"), blank=True)
    # Set when the certificate is the register's record (matched subject): not typed, not reviewed.
    # Follows the product's latest rating: re-rated, the same certificate (and its products) update.
    register_product = models.OneToOneField(
        "RegisterProduct", on_delete=models.SET_NULL, null=True, blank=True, related_name="certificate"
    )
    # Kept in step by a daily task; read-time checks use expires_on directly.
    is_expired = models.BooleanField(default=False, editable=False)

    objects = OcopCertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-stars", "-issued_on"]
        verbose_name = _("chứng nhận OCOP")
        verbose_name_plural = _("chứng nhận OCOP")

    def __str__(self):
        return f"{self.product_name} ({self.stars}★)"

    def is_valid(self, on=None):
        on = on or timezone.localdate()
        return self.approved and self.issued_on <= on <= self.expires_on


class OfficialProfile(models.Model):
    """Marks a user as a commune official (commune set) or province official (commune empty)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="official_profile"
    )
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, null=True, blank=True)
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)

    def __str__(self):
        return f"{self.user} – {self.commune or _('cấp tỉnh')}"


class AuditLogEntry(models.Model):
    """Append-only record of officials' decisions and views of personal data."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=40)
    seller = models.ForeignKey(
        Seller, on_delete=models.PROTECT, null=True, blank=True, related_name="audit_log"
    )
    register_subject = models.ForeignKey(
        "RegisterSubject", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_log"
    )
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action}"


class ExternalShopLinkQuerySet(OfSellerQuerySet):
    def active(self):
        """Links the seller has not removed."""
        return self.filter(removed_at__isnull=True)

    def pending_review(self):
        return self.active().filter(confirmed_at__isnull=True, rejected_at__isnull=True)

    def confirmed(self, on=None):
        """Confirmed links counting on a date (today: confirmed and still listed)."""
        if on is None:
            return self.active().filter(confirmed_at__isnull=False)
        return self.filter(confirmed_at__date__lte=on).filter(
            Q(removed_at__isnull=True) | Q(removed_at__date__gt=on)
        )


class ExternalShopLink(models.Model):
    """A seller's own shop on another platform; indicator I1 counts it once an official confirms it.

    A removed link keeps its row (``removed_at``) so an indicator computed for a past date stays right.
    """

    class Platform(models.TextChoices):
        SHOPEE = "shopee", "Shopee"
        LAZADA = "lazada", "Lazada"
        TIKTOK = "tiktok", "TikTok Shop"
        TIKI = "tiki", "Tiki"
        FACEBOOK = "facebook", "Facebook"
        ZALO = "zalo", "Zalo"
        POSTMART = "postmart", "Postmart"
        VOSO = "voso", "Voso"
        OTHER = "other", _("Khác")

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="external_links")
    platform = models.CharField(_("sàn / mạng xã hội"), max_length=20, choices=Platform.choices)
    url = models.URLField(
        _("đường dẫn cửa hàng"), max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    added_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ xác nhận"),
    )
    confirmed_at = models.DateTimeField(_("ngày xác nhận"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("ngày không chấp nhận"), null=True, blank=True)
    review_note = models.TextField(_("ý kiến của cán bộ"), blank=True)
    removed_at = models.DateTimeField(_("ngày gỡ"), null=True, blank=True)

    objects = ExternalShopLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-added_at"]
        verbose_name = _("cửa hàng trên sàn khác")
        verbose_name_plural = _("cửa hàng trên sàn khác")
        constraints = [
            models.UniqueConstraint(
                fields=["seller", "url"],
                condition=Q(removed_at__isnull=True, rejected_at__isnull=True),
                name="sellers_external_link_once_per_seller",
            )
        ]
        indexes = [models.Index(fields=["seller", "confirmed_at"])]

    def __str__(self):
        return f"{self.get_platform_display()}: {self.url}"

    @property
    def is_pending(self):
        return self.confirmed_at is None and self.rejected_at is None and self.removed_at is None


# --- the province's OCOP register -----------------------------------------------------------------


class RegisterSubject(models.Model):
    """A producer on the province's OCOP register (rated by decision), whether or not it sells here.

    ``seller`` is the confirmed match to its account here (one each way); ``claimed_by`` a seller
    that said "this is us" and waits for an official to confirm it.
    """

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        COOPERATIVE = "cooperative", _("Hợp tác xã")
        COOP_GROUP = "coop_group", _("Tổ hợp tác")
        HOUSEHOLD_BUSINESS = "household_business", _("Hộ kinh doanh")
        HOUSEHOLD = "household", _("Hộ gia đình")

    # The seller's entity type each kind counts as in the indicators' breakdowns.
    SELLER_TYPE = {
        Kind.ENTERPRISE: Seller.EntityType.ENTERPRISE,
        Kind.COOPERATIVE: Seller.EntityType.COOPERATIVE,
        Kind.COOP_GROUP: Seller.EntityType.COOP_GROUP,
        Kind.HOUSEHOLD_BUSINESS: Seller.EntityType.HOUSEHOLD,
        Kind.HOUSEHOLD: Seller.EntityType.HOUSEHOLD,
    }
    HOUSEHOLDS = (Kind.HOUSEHOLD_BUSINESS, Kind.HOUSEHOLD)

    # What makes a row of a sheet this subject again: its tax code, else its name in its commune.
    identity = models.CharField(max_length=260, unique=True, editable=False)
    name = models.CharField(_("tên chủ thể"), max_length=200)
    kind = models.CharField(_("loại hình"), max_length=20, choices=Kind.choices)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="register_subjects", verbose_name=_("xã/phường")
    )
    village = models.CharField(_("thôn/bản"), max_length=120, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    rep_name = models.CharField(_("người đại diện"), max_length=120, blank=True)
    rep_sex = models.CharField(_("giới tính"), max_length=1, choices=Seller.Sex.choices, blank=True)
    rep_ethnic_group = models.ForeignKey(
        EthnicGroup, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("dân tộc")
    )
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True, db_index=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True, db_index=True)
    seller = models.OneToOneField(
        Seller, on_delete=models.SET_NULL, null=True, blank=True, related_name="register_subject"
    )
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    matched_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.ForeignKey(
        Seller, on_delete=models.SET_NULL, null=True, blank=True, related_name="register_claims"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["commune__name", "name"]
        verbose_name = _("chủ thể OCOP")
        verbose_name_plural = _("danh sách chủ thể OCOP")
        indexes = [models.Index(fields=["commune", "name"])]

    def __str__(self):
        return self.name

    @property
    def is_household(self):
        return self.kind in self.HOUSEHOLDS


class RegisterProduct(models.Model):
    """A product of a register subject; its stars come from its ratings (decisions)."""

    subject = models.ForeignKey(RegisterSubject, on_delete=models.CASCADE, related_name="products")
    key = models.CharField(max_length=200, editable=False)  # the folded name: same product again
    name = models.CharField(_("tên sản phẩm"), max_length=200)
    product_group = models.CharField(_("nhóm sản phẩm"), max_length=20, choices=ProductGroup.choices)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["subject", "key"], name="sellers_register_product_once")
        ]

    def __str__(self):
        return self.name


class RegisterRatingQuerySet(models.QuerySet):
    def valid(self, on):
        """Ratings in force on a date: decided on or before it, not yet expired."""
        return self.filter(decided_on__lte=on, expires_on__gte=on)


class RegisterRating(models.Model):
    """One rating decision of a register product; a re-rating is a new row (the history)."""

    product = models.ForeignKey(RegisterProduct, on_delete=models.CASCADE, related_name="ratings")
    stars = models.PositiveSmallIntegerField(
        _("số sao"), validators=[MinValueValidator(3), MaxValueValidator(5)]
    )
    score = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định"))
    level = models.CharField(
        _("cấp công nhận"),
        max_length=10,
        choices=OcopCertificate.Level.choices,
        default=OcopCertificate.Level.PROVINCE,
    )
    expires_on = models.DateField(_("ngày hết hạn"))

    objects = RegisterRatingQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "decision_number"], name="sellers_register_rating_once"
            )
        ]
        indexes = [models.Index(fields=["decided_on", "expires_on"])]

    def __str__(self):
        return f"{self.product} {self.stars}★ ({self.decision_number})"


class RegisterImport(models.Model):
    """A sheet of the register: previewed at upload, imported (all rows or none) by a Celery task.

    The file is kept in the database, not in public media: it holds phone numbers.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Đã xem trước")
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang nhập")
        SUCCEEDED = "succeeded", _("Đã nhập xong")
        FAILED = "failed", _("Bị từ chối")

    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    # {"created": n, "updated": n, "unchanged": n, "refused": n, "rows": [...] (first changes)}.
    plan = models.JSONField(default=dict)
    # [{"row": 7, "reason": "..."}], row numbers as the spreadsheet shows them.
    errors = models.JSONField(default=list)
    ignored_rows = models.JSONField(default=list)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
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
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}


class OutreachNote(models.Model):
    """A dated follow-up on a register subject ("đã đến nhà, chưa có điện thoại thông minh")."""

    subject = models.ForeignKey(RegisterSubject, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    visited_on = models.DateField(_("ngày"), default=timezone.localdate)
    text = models.CharField(_("ghi chú"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-visited_on", "-created_at"]

    def __str__(self):
        return f"{self.visited_on:%d/%m/%Y} {self.text}"
