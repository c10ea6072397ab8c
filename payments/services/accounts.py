"""Sellers' e-payment accounts (indicator I2): added by the seller, verified by a commune official
or by the first matched incoming transfer, disabled by the seller or refused by an official."""

import re
import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.figures import records_changed
from marketplace.core.text import fold
from sellers import scope
from sellers.models import AuditLogEntry, Seller
from sellers.validators import normalise_phone

from ..banks import banks
from ..models import EPaymentAccount
from .references import new_verify_reference

_ACCOUNT_NUMBER = re.compile(r"^[0-9]{6,19}$")


def _ascii_digits(value: str) -> str:
    """Full-width or other Unicode digits typed on a phone become ASCII; spaces and dots go."""
    value = unicodedata.normalize("NFKC", value or "")
    return re.sub(r"[\s.\-]", "", value)


def holder_name_matches(holder: str, seller: Seller) -> bool:
    """Banks print the holder without accents in capitals; compare with the representative's name
    (or the shop's name, for a cooperative's or enterprise's own account), accents ignored."""
    holder = fold(holder)
    return bool(holder) and holder in {fold(seller.rep_name), fold(seller.name)}


def _audit(actor, action, seller, detail=""):
    AuditLogEntry.objects.create(actor=actor, action=action, seller=seller, detail=detail)


def _create(seller, **fields):
    try:
        with transaction.atomic():
            return EPaymentAccount.objects.create(seller=seller, **fields)
    except IntegrityError as error:
        raise ValidationError(_("Bạn đã thêm tài khoản này rồi.")) from error


def add_bank_account(seller, *, bank_bin: str, account_number: str, holder_name: str):
    if bank_bin not in banks():
        raise ValidationError({"bank_bin": _("Hãy chọn ngân hàng trong danh sách.")})
    number = _ascii_digits(account_number)
    if not _ACCOUNT_NUMBER.match(number):
        raise ValidationError({"account_number": _("Số tài khoản gồm 6 đến 19 chữ số.")})
    holder = " ".join(unicodedata.normalize("NFKC", holder_name or "").split())
    if not holder_name_matches(holder, seller):
        raise ValidationError(
            {
                "holder_name": _("Tên chủ tài khoản phải trùng tên người đại diện (%(name)s), không cần dấu.")
                % {"name": seller.rep_name}
            }
        )
    return _create(
        seller,
        kind=EPaymentAccount.Kind.BANK,
        bank_bin=bank_bin,
        account_number=number,
        holder_name=fold(holder).upper(),
        verify_reference=new_verify_reference(),
    )


def add_ewallet(seller, *, wallet: str, phone: str):
    if wallet not in EPaymentAccount.Wallet.values:
        raise ValidationError({"wallet": _("Hãy chọn ví điện tử trong danh sách.")})
    try:
        phone = normalise_phone(_ascii_digits(phone))
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from error
    return _create(seller, kind=EPaymentAccount.Kind.EWALLET, wallet=wallet, wallet_phone=phone)


@transaction.atomic
def verify_by_official(account, *, official, note: str = ""):
    account = EPaymentAccount.objects.select_for_update().select_related("seller").get(pk=account.pk)
    scope.require_may_decide(official, account.seller)
    if account.state != "unverified":
        raise ValidationError(_("Tài khoản này không ở trạng thái chờ xác minh."))
    account.verified_at = timezone.now()
    account.verified_by = official
    account.verified_via = EPaymentAccount.VerifiedVia.OFFICIAL
    account.review_note = note.strip()
    account.save()
    records_changed()
    _audit(official, "epayment.verify", account.seller, str(account))
    return account


@transaction.atomic
def refuse_by_official(account, *, official, reason: str):
    """An official finds the account wrong (not the representative's, mistyped): it is disabled."""
    account = EPaymentAccount.objects.select_for_update().select_related("seller").get(pk=account.pk)
    scope.require_may_decide(official, account.seller)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do để người bán biết cần làm gì.")})
    if account.state != "unverified":
        raise ValidationError(_("Tài khoản này không ở trạng thái chờ xác minh."))
    account.disabled_at = timezone.now()
    account.review_note = reason
    account.save()
    _audit(official, "epayment.refuse", account.seller, f"{account}: {reason}")
    return account


def verify_by_payment(account, when=None):
    """The first transfer matched to an order proves the account is the seller's: verified then.

    Called inside the transaction that records the transfer; an account already verified keeps
    its first verification date.
    """
    updated = EPaymentAccount.objects.filter(
        pk=account.pk, verified_at__isnull=True, disabled_at__isnull=True
    ).update(verified_at=when or timezone.now(), verified_via=EPaymentAccount.VerifiedVia.PAYMENT)
    if updated:
        records_changed(
            since=when,
            commune_id=account.seller.commune_id,
            what=_("Tài khoản thanh toán của “%(seller)s” được xác minh qua giao dịch")
            % {"seller": account.seller.name},
        )
    return bool(updated)


@transaction.atomic
def disable(account, *, seller):
    """The seller stops using an account; the row stays, so past indicator figures stay right."""
    account = EPaymentAccount.objects.select_for_update().get(pk=account.pk)
    if account.seller_id != seller.pk:
        raise PermissionDenied
    if account.disabled_at is None:
        account.disabled_at = timezone.now()
        account.save(update_fields=["disabled_at"])
        records_changed()
    return account
