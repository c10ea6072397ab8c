"""Writes on the register: confirming a match, unlinking it, a seller's claim, follow-up notes.

Confirming or undoing a match is an official's decision on the seller's file, so it follows
the officials' rule (``sellers.scope``): in scope, and not someone who assisted that seller
nor the seller itself. Every such decision, and every view of a subject's representative data
(ethnic group is sensitive), is written to the audit log.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.background import enqueue_after_commit
from marketplace.core.figures import records_changed
from marketplace.core.messaging import notify

from .. import scope
from ..models import AuditLogEntry, OutreachNote, RegisterImport, RegisterSubject, Seller
from . import imports
from .certificates import drop_certificates, sync_certificates
from .tasks import import_register

EDITABLE = {Seller.Status.DRAFT, Seller.Status.CHANGES_REQUESTED}


def _audit(actor, action, subject, seller=None, detail=""):
    AuditLogEntry.objects.create(
        actor=actor, action=action, register_subject=subject, seller=seller, detail=detail[:2000]
    )


def log_subject_view(official, subject):
    _audit(official, "register.view_personal_data", subject, subject.seller)


@transaction.atomic
def confirm_match(subject, seller, *, official):
    """Subject ↔ seller, once each way; the seller's certificates then come from the register."""
    subject = RegisterSubject.objects.select_for_update().get(pk=subject.pk)
    seller = Seller.objects.select_for_update().get(pk=seller.pk)
    if not scope.covers_commune(official, subject.commune_id):
        raise PermissionDenied(scope.OUT_OF_SCOPE)
    scope.require_may_decide(official, seller)
    if subject.seller_id == seller.pk:
        return subject
    if subject.seller_id is not None:
        raise ValidationError(_("Chủ thể này đã được ghép với một người bán khác; hãy bỏ ghép trước."))
    if RegisterSubject.objects.filter(seller=seller).exists():
        raise ValidationError(_("Người bán này đã được ghép với một chủ thể khác trong danh sách."))
    subject.seller, subject.matched_by, subject.matched_at, subject.claimed_by = (
        seller,
        official,
        timezone.now(),
        None,
    )
    try:
        with transaction.atomic():
            subject.save(update_fields=["seller", "matched_by", "matched_at", "claimed_by"])
    except IntegrityError as error:  # matched meanwhile by another official
        raise ValidationError(
            _("Người bán này đã được ghép với một chủ thể khác trong danh sách.")
        ) from error
    _audit(official, "register.match", subject, seller, f"{subject.name} ↔ {seller.name}")
    sync_certificates(RegisterSubject.objects.filter(pk=subject.pk))
    records_changed(  # the seller's activity now counts for the subject
        since=seller.verified_at,
        commune_id=subject.commune_id,
        by=official,
        what=_("Ghép “%(subject)s” với người bán “%(seller)s”")
        % {"subject": subject.name, "seller": seller.name},
    )
    if seller.user is not None:
        notify(
            seller.user,
            _("Cơ sở của bạn đã có trong danh sách OCOP của tỉnh"),
            _("Cán bộ đã xác nhận “%(name)s” là chủ thể OCOP; chứng nhận OCOP lấy từ danh sách của tỉnh.")
            % {"name": seller.name},
        )
    return subject


@transaction.atomic
def unlink(subject, *, official, reason):
    subject = (
        RegisterSubject.objects.select_for_update(of=("self",)).select_related("seller").get(pk=subject.pk)
    )
    if subject.seller is None:
        raise ValidationError(_("Chủ thể này chưa được ghép với người bán nào."))
    scope.require_may_decide(official, subject.seller)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do bỏ ghép.")})
    seller = subject.seller
    drop_certificates(subject)
    subject.seller, subject.matched_by, subject.matched_at = None, None, None
    subject.save(update_fields=["seller", "matched_by", "matched_at"])
    records_changed(
        since=seller.verified_at,
        commune_id=subject.commune_id,
        by=official,
        what=_("Bỏ ghép “%(subject)s” khỏi “%(seller)s”: %(reason)s")
        % {"subject": subject.name, "seller": seller.name, "reason": reason},
    )
    _audit(official, "register.unlink", subject, seller, reason)
    return subject


@transaction.atomic
def claim(subject, seller):
    """A registering seller says "this is us": its draft is prefilled; an official confirms later."""
    subject = RegisterSubject.objects.select_for_update().get(pk=subject.pk)
    if subject.seller_id is not None:
        raise ValidationError(_("Cơ sở này đã có tài khoản trên chợ. Nếu đó là bạn, hãy liên hệ cán bộ xã."))
    if subject.commune_id != seller.commune_id:
        raise ValidationError(_("Cơ sở này thuộc xã/phường khác với hồ sơ của bạn."))
    RegisterSubject.objects.filter(claimed_by=seller).exclude(pk=subject.pk).update(claimed_by=None)
    subject.claimed_by = seller
    subject.save(update_fields=["claimed_by"])
    if seller.status in EDITABLE:
        _prefill(seller, subject)
    _audit(seller.user or seller.assisted_by, "register.claim", subject, seller, subject.name)
    return subject


def _prefill(seller, subject):
    kind = RegisterSubject.SELLER_TYPE[subject.kind]
    fields = {
        "name": subject.name,
        "entity_type": kind,
        "address": ", ".join(filter(None, (subject.village, subject.address)))[:255],
        "rep_name": subject.rep_name,
        "rep_sex": subject.rep_sex,
        "business_registration_no": subject.tax_code,
    }
    for name, value in fields.items():
        if value and not getattr(seller, name):
            setattr(seller, name, value)
    seller.entity_type = kind  # the register's type is official; the draft's was only a default
    seller.save()


def link_assisted(subject, seller, helper):
    """Assisted registration started from the worklist: the new draft claims its register row."""
    if not scope.covers_commune(helper, subject.commune_id) and seller.assisted_by_id != helper.pk:
        raise PermissionDenied(scope.OUT_OF_SCOPE)
    return claim(subject, seller)


def add_note(subject, *, author, text, visited_on=None):
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Hãy ghi nội dung.")})
    return OutreachNote.objects.create(
        subject=subject, author=author, text=text[:500], visited_on=visited_on or timezone.localdate()
    )


def _require_province(official):
    if not scope.is_province_official(official):
        raise PermissionDenied(_("Chỉ cán bộ tỉnh nhập danh sách OCOP của tỉnh."))


def preview_sheet(*, filename, content, official):
    """Upload: read the sheet and show what it would change, writing nothing to the register."""
    _require_province(official)
    return imports.preview(filename=filename, content=content, official=official)


def start_import(job, *, official):
    """ "Nhập": the previewed sheet goes to the background, if nothing in it was refused."""
    _require_province(official)
    if job.status != RegisterImport.Status.PREVIEWED:
        return job
    if job.errors:
        raise ValidationError(imports.refuse_message(job))
    updated = RegisterImport.objects.filter(pk=job.pk, status=RegisterImport.Status.PREVIEWED).update(
        status=RegisterImport.Status.QUEUED
    )
    if updated:
        enqueue_after_commit(import_register, job.pk)
    job.refresh_from_db()
    return job
