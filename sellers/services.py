"""Writes about sellers: registration wizard, assisted onboarding, verification, certificates,
shops on other platforms.

Views, tasks and tests call these functions; they check the business rules and permissions
and raise ValidationError or PermissionDenied with a message fit to show the user.
"""

import secrets
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marketplace.core.figures import records_changed
from marketplace.core.messaging import notify
from marketplace.core.text import fold

from . import scope
from .models import AuditLogEntry, ExternalShopLink, OcopCertificate, Seller
from .signals import certificate_products_changed, seller_verified
from .validators import clean_citizen_id, hash_citizen_id, normalise_phone

User = get_user_model()

VILLAGE_HEADS = "village_heads"
EDITABLE = {Seller.Status.DRAFT, Seller.Status.CHANGES_REQUESTED}
NEEDS_BUSINESS_NUMBER = {Seller.EntityType.COOPERATIVE, Seller.EntityType.ENTERPRISE}

# Wizard steps, in order; Seller.wizard_step holds the last one saved.
STEP_ACCOUNT, STEP_SHOP, STEP_REPRESENTATIVE, STEP_CONSENT, STEP_IDENTITY, STEP_STORY = range(1, 7)
LAST_STEP = STEP_STORY


# --- who may do what -------------------------------------------------------------------------


def make_village_head(user):
    group, _created = Group.objects.get_or_create(name=VILLAGE_HEADS)
    user.groups.add(group)


def can_assist(user) -> bool:
    """Village heads and officials may register households on their behalf."""
    if not user.is_authenticated:
        return False
    return hasattr(user, "official_profile") or user.groups.filter(name=VILLAGE_HEADS).exists()


def _require_helpers_commune(helper, commune):
    """A commune official registers households of its own commune only (province staff: any)."""
    if scope.official_profile(helper) is not None and not scope.covers_commune(helper, commune.pk):
        raise ValidationError({"commune": _("Cán bộ xã chỉ đăng ký hộ cho người bán ở xã/phường của mình.")})


def _require_editable(seller):
    if seller.status not in EDITABLE:
        raise ValidationError(_("Hồ sơ đã gửi đi; không sửa được lúc này."))


def _audit(actor, action, seller, detail=""):
    AuditLogEntry.objects.create(actor=actor, action=action, seller=seller, detail=detail)


def _reason(reason: str, *, required: bool) -> str:
    """An official's stripped reason; every refusal must say what the seller should do."""
    reason = reason.strip()
    if required and not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do để người bán biết cần làm gì.")})
    return reason


# --- registration ----------------------------------------------------------------------------


def create_account(*, phone: str, password: str, email: str = ""):
    """The representative's login, with the normalised phone number as username."""
    phone = normalise_phone(phone)
    if User.objects.filter(username=phone).exists():
        raise ValidationError(
            {"phone": _("Số điện thoại này đã có tài khoản. Hãy đăng nhập để tiếp tục đăng ký.")}
        )
    return User.objects.create_user(username=phone, email=email or "", password=password)


@transaction.atomic
def register(*, phone: str, password: str, commune, email: str = "", assisted_by=None):
    """Step 1: account and a draft seller at once, so everything typed later is saved on it."""
    user = create_account(phone=phone, password=password, email=email)
    return start_seller(user=user, commune=commune, assisted_by=assisted_by)


def start_seller(*, user, commune, phone: str = "", assisted_by=None):
    """A draft seller for an account; an existing customer account gives its phone here."""
    _require_helpers_commune(assisted_by, commune)
    if Seller.objects.filter(user=user).exists():
        raise ValidationError(_("Tài khoản này đã có hồ sơ người bán."))
    seller = Seller.objects.create(
        user=user,
        name="",
        slug=f"nguoi-ban-{secrets.token_hex(4)}",
        entity_type=Seller.EntityType.HOUSEHOLD,
        commune=commune,
        phone=normalise_phone(phone) if phone else user.username,
        rep_name="",
        assisted_by=assisted_by,
        wizard_step=STEP_ACCOUNT,
    )
    if assisted_by is not None and hasattr(assisted_by, "official_profile"):
        _audit(assisted_by, "seller.assist", seller, _("Đăng ký hộ"))
    return seller


def save_shop(seller, *, name, entity_type, address=""):
    base = slugify(fold(name))[:200] or "nguoi-ban"
    if not seller.slug.startswith(base):
        seller.slug = f"{base}-{secrets.token_hex(4)}"
    return save_step(seller, STEP_SHOP, name=name, entity_type=entity_type, address=address)


def save_step(seller, step: int, **fields):
    """Save the fields of one step on a draft and remember how far the wizard got."""
    _require_editable(seller)
    if "commune" in fields:
        _require_helpers_commune(seller.assisted_by, fields["commune"])
    for name, value in fields.items():
        setattr(seller, name, value)
    seller.wizard_step = max(seller.wizard_step, step)
    seller.save()
    return seller


def record_consent(seller, *, publish_ethnic_group=False):
    """Consent to processing ethnic origin and citizen ID comes before they are asked for.

    Showing the ethnic group to buyers is a separate, optional choice.
    """
    _require_editable(seller)
    if seller.personal_data_consent_at is None:
        seller.personal_data_consent_at = timezone.now()
    seller.publish_ethnic_group = publish_ethnic_group
    return save_step(seller, STEP_CONSENT)


def save_identity(seller, *, ethnic_group, citizen_id, business_registration_no=""):
    if seller.personal_data_consent_at is None:
        raise ValidationError(_("Cần đồng ý cho phép xử lý dữ liệu cá nhân trước."))
    if seller.entity_type in NEEDS_BUSINESS_NUMBER and not business_registration_no:
        raise ValidationError(
            {"business_registration_no": _("Hợp tác xã và doanh nghiệp cần có số đăng ký kinh doanh.")}
        )
    if citizen_id:
        citizen_id = clean_citizen_id(citizen_id)
        seller.rep_citizen_id_hash = hash_citizen_id(citizen_id)
        seller.rep_citizen_id_last4 = citizen_id[-4:]
    elif not seller.rep_citizen_id_hash:
        raise ValidationError({"citizen_id": _("Hãy nhập số CCCD.")})
    return save_step(
        seller,
        STEP_IDENTITY,
        rep_ethnic_group=ethnic_group,
        business_registration_no=business_registration_no,
    )


def missing_for_submission(seller) -> list[str]:
    missing = []
    if not seller.name:
        missing.append(_("Tên cơ sở"))
    if not seller.rep_name:
        missing.append(_("Người đại diện"))
    if seller.personal_data_consent_at is None:
        missing.append(_("Đồng ý xử lý dữ liệu cá nhân"))
    if not seller.rep_citizen_id_hash or seller.rep_ethnic_group_id is None:
        missing.append(_("Dân tộc và số CCCD"))
    return missing


def submit_registration(seller):
    _require_editable(seller)
    missing = missing_for_submission(seller)
    if missing:
        raise ValidationError(_("Còn thiếu: %(items)s.") % {"items": ", ".join(missing)})
    seller.status = Seller.Status.SUBMITTED
    seller.submitted_at = timezone.now()
    seller.review_note = ""
    seller.save(update_fields=["status", "submitted_at", "review_note"])
    return seller


# --- verification by officials ---------------------------------------------------------------


def log_personal_data_view(official, seller):
    scope.require_scope(official, seller)
    _audit(official, "seller.view_personal_data", seller)


DECISIONS = {
    "approve": Seller.Status.VERIFIED,
    "request_changes": Seller.Status.CHANGES_REQUESTED,
    "reject": Seller.Status.REJECTED,
}


@transaction.atomic
def decide_registration(seller, *, official, decision: str, reason: str = ""):
    """submitted -> verified | changes_requested | rejected, once.

    The row is locked first, so of two officials deciding at the same moment the second waits,
    then finds the file decided and is refused: one decision, one shop, one notice.
    """
    seller = Seller.objects.select_for_update().get(pk=seller.pk)
    scope.require_may_decide(official, seller)
    if decision not in DECISIONS:
        raise ValidationError(_("Quyết định không hợp lệ."))
    if seller.status != Seller.Status.SUBMITTED:
        raise ValidationError(_("Hồ sơ này không ở trạng thái chờ xác minh."))
    reason = _reason(reason, required=decision != "approve")
    seller.status = DECISIONS[decision]
    seller.review_note = reason
    seller.decided_online = True
    if seller.status in Seller.DECIDED:
        seller.decided_at = timezone.now()
    if decision == "approve":
        seller.verified_at = seller.decided_at
    seller.save()
    if decision == "approve":
        seller_verified.send(Seller, seller=seller)
    records_changed()
    _audit(official, f"seller.{decision}", seller, reason)
    _notify_decision(seller, decision, reason)
    return seller


def _notify_decision(seller, decision, reason):
    if seller.user is None:
        return
    subject = {
        "approve": _("Hồ sơ người bán đã được xác minh"),
        "request_changes": _("Hồ sơ người bán cần bổ sung"),
        "reject": _("Hồ sơ người bán bị từ chối"),
    }[decision]
    body = {
        "approve": _("Cơ sở %(name)s đã được xác minh. Bạn có thể đăng sản phẩm ngay."),
        "request_changes": _("Cơ sở %(name)s cần bổ sung hồ sơ: %(reason)s"),
        "reject": _("Hồ sơ của cơ sở %(name)s bị từ chối: %(reason)s"),
    }[decision] % {"name": seller.name, "reason": reason}
    notify(seller.user, subject, body, phone=seller.phone)


# --- OCOP certificates -----------------------------------------------------------------------


def add_certificate(seller, *, products=(), **fields):
    if seller.status != Seller.Status.VERIFIED:
        raise ValidationError(_("Chỉ người bán đã xác minh mới thêm được chứng nhận."))
    if fields["expires_on"] <= fields["issued_on"]:
        raise ValidationError({"expires_on": _("Ngày hết hạn phải sau ngày cấp.")})
    certificate = OcopCertificate.objects.create(seller=seller, **fields)
    certificate.products.set([p for p in products if p.seller_id == seller.pk])
    return certificate


@transaction.atomic
def decide_certificate(certificate, *, official, approve: bool, reason: str = ""):
    """pending -> approved | rejected, once (row locked: concurrent decisions give one)."""
    certificate = OcopCertificate.objects.select_for_update().select_related("seller").get(pk=certificate.pk)
    scope.require_may_decide(official, certificate.seller)
    if certificate.reviewed_at is not None:
        raise ValidationError(_("Chứng nhận này đã được xử lý."))
    reason = _reason(reason, required=not approve)
    certificate.approved = approve
    certificate.reviewed_at = timezone.now()
    certificate.review_note = reason
    certificate.is_expired = certificate.expires_on < timezone.localdate()
    certificate.save()
    certificate_products_changed.send(OcopCertificate, certificate_ids=[certificate.pk], on=None)
    action = "certificate.approve" if approve else "certificate.reject"
    _audit(official, action, certificate.seller, f"{certificate} {reason}".strip())
    if certificate.seller.user is not None:
        subject = (
            _("Chứng nhận OCOP đã được xác minh") if approve else _("Chứng nhận OCOP chưa được chấp nhận")
        )
        notify(certificate.seller.user, subject, f"{certificate}. {reason}".strip(" ."))
    return certificate


def expire_certificates(on=None) -> int:
    """Daily: flag certificates past their expiry and take their stars off the products."""
    on = on or timezone.localdate()
    expired = OcopCertificate.objects.filter(is_expired=False, expires_on__lt=on)
    ids = list(expired.values_list("pk", flat=True))
    count = OcopCertificate.objects.filter(pk__in=ids).update(is_expired=True)
    certificate_products_changed.send(OcopCertificate, certificate_ids=ids, on=on)
    return count


# --- shops on other platforms (indicator I1) -------------------------------------------------

MAX_EXTERNAL_LINKS = 20
Platform = ExternalShopLink.Platform
# Hosts (and their subdomains) a link to each platform may point at; "other" takes any host.
PLATFORM_HOSTS = {
    Platform.SHOPEE: ["shopee.vn", "shopee.com", "shp.ee"],
    Platform.LAZADA: ["lazada.vn", "lazada.com"],
    Platform.TIKTOK: ["tiktok.com"],
    Platform.TIKI: ["tiki.vn", "ti.ki"],
    Platform.FACEBOOK: ["facebook.com", "fb.com", "fb.me", "fb.watch", "m.me"],
    Platform.ZALO: ["zalo.me", "zalo.vn", "zaloapp.com"],
    Platform.POSTMART: ["postmart.vn"],
    Platform.VOSO: ["voso.vn"],
}


def _check_platform_host(platform, url):
    hosts = PLATFORM_HOSTS.get(platform)
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if hosts and not any(host == h or host.endswith("." + h) for h in hosts):
        raise ValidationError(
            {
                "url": _("Đường dẫn này không phải của %(platform)s. Hãy chọn đúng sàn, hoặc chọn “Khác”.")
                % {"platform": Platform(platform).label}
            }
        )


def add_external_link(seller, *, platform, url):
    """The seller says it also sells at ``url``; it counts for I1 once an official confirms it."""
    if seller.status != Seller.Status.VERIFIED:
        raise ValidationError(_("Chỉ người bán đã xác minh mới thêm được cửa hàng trên sàn khác."))
    link = ExternalShopLink(seller=seller, platform=platform, url=(url or "").strip())
    link.full_clean(exclude=["seller"], validate_constraints=False)
    _check_platform_host(link.platform, link.url)
    listed = seller.external_links.active().filter(rejected_at__isnull=True)
    if listed.filter(url=link.url).exists():
        raise ValidationError({"url": _("Đường dẫn này đã có trong danh sách.")})
    if listed.count() >= MAX_EXTERNAL_LINKS:
        raise ValidationError(
            _("Chỉ thêm được tối đa %(n)s cửa hàng. Hãy gỡ bớt cái cũ.") % {"n": MAX_EXTERNAL_LINKS}
        )
    link.save()
    return link


def remove_external_link(seller, link):
    """Taken off the seller's list, confirmed or not; the row stays for past indicator dates."""
    if link.seller_id != seller.pk:
        raise PermissionDenied
    if link.removed_at is None:
        link.removed_at = timezone.now()
        link.save(update_fields=["removed_at"])
        records_changed()
    return link


@transaction.atomic
def decide_external_link(link, *, official, confirm: bool, reason: str = ""):
    """An official of the seller's commune checked the shop really is this seller's."""
    link = ExternalShopLink.objects.select_for_update().select_related("seller").get(pk=link.pk)
    scope.require_may_decide(official, link.seller)
    if not link.is_pending:
        raise ValidationError(_("Đường dẫn này đã được xử lý hoặc đã bị người bán gỡ."))
    reason = _reason(reason, required=not confirm)
    now = timezone.now()
    if confirm:
        link.confirmed_by = official
        link.confirmed_at = now
    else:
        link.rejected_at = now
    link.review_note = reason
    link.save(update_fields=["confirmed_by", "confirmed_at", "rejected_at", "review_note"])
    records_changed()
    action = "external_link.confirm" if confirm else "external_link.reject"
    _audit(official, action, link.seller, f"{link} {reason}".strip())
    if link.seller.user is not None:
        subject = (
            _("Cửa hàng trên %(platform)s đã được xác nhận")
            if confirm
            else _("Cửa hàng trên %(platform)s chưa được chấp nhận")
        ) % {"platform": link.get_platform_display()}
        notify(link.seller.user, subject, f"{link.url} {reason}".strip())
    return link
