"""VietQR transfers straight to a seller's bank account: the expected payment per seller part,
bank notifications (SePay, Casso) matched against it, confirmation by hand, and expiry.

A notification is recorded once per (provider, transaction id); only an exact match (our
reference in the content, the seller's account, the exact amount, a part still waiting) marks
a part paid. Everything else waits in the review queue of the seller and the commune official.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.order import part_states
from sellers import scope
from sellers.models import AuditLogEntry, Seller

from .. import vietqr
from ..models import BankTransfer, EPaymentAccount, LedgerEntry, VietQRPayment
from . import accounts, ledger
from .references import PART_PREFIX, VERIFY_PREFIX, new_part_reference

Outcome = BankTransfer.Outcome


def expiry_delay() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.VIETQR_EXPIRY_HOURS)


@transaction.atomic
def expect_payment(part, account) -> VietQRPayment:
    """The part waits for the buyer's transfer of its whole total to the seller's account."""
    part = part_states.take(part, "await_payment", by=part_states.PAYMENT)
    now = timezone.now()
    return VietQRPayment.objects.create(
        part=part,
        account=account,
        amount=Decimal(part.total),
        reference=new_part_reference(),
        created_at=now,
        expires_at=now + expiry_delay(),
    )


def qr_payload(payment: VietQRPayment) -> str:
    return vietqr.payload(
        bank_bin=payment.account.bank_bin,
        account_number=payment.account.account_number,
        amount=int(payment.amount),
        reference=payment.reference,
    )


# --- paying a part ---------------------------------------------------------------------------


def _mark_paid(payment: VietQRPayment, *, transfer=None, user=None, bank_reference=""):
    """Inside a transaction, on a locked pending payment: paid, the part confirmed, the sale in
    the seller's ledger, and the account verified by this first matched transfer."""
    now = timezone.now()
    payment.status = VietQRPayment.Status.PAID
    payment.paid_at = now
    payment.transfer = transfer
    payment.confirmed_by = user
    payment.bank_reference = bank_reference[:60]
    payment.save()
    part_states.take(payment.part, "pay", by=part_states.PAYMENT)
    if transfer is not None:
        accounts.verify_by_payment(payment.account, when=now)
    ledger.record_sale(
        payment.part,
        method=LedgerEntry.Method.VIETQR,
        reference=bank_reference or payment.reference,
        user=user,
    )


@dataclass
class Notification:
    """A bank notification, whichever service sent it."""

    provider: str
    transaction_id: str
    account_number: str
    amount: Decimal
    content: str
    bank_reference: str = ""
    transaction_at: datetime.datetime | None = None
    incoming: bool = True
    raw: dict | None = None


def record_notification(note: Notification) -> tuple[BankTransfer, bool]:
    """Record and match a notification once; the same transaction id again changes nothing.

    Returns (transfer, created).
    """
    try:
        with transaction.atomic():
            transfer = BankTransfer.objects.create(
                provider=note.provider,
                transaction_id=str(note.transaction_id)[:64],
                account_number=str(note.account_number or "")[:32],
                amount=note.amount,
                content=note.content or "",
                bank_reference=str(note.bank_reference or "")[:64],
                transaction_at=note.transaction_at,
                raw=note.raw or {},
                outcome=Outcome.OUTGOING if not note.incoming else Outcome.UNKNOWN_REFERENCE,
            )
            if note.incoming:
                _match(transfer)
            return transfer, True
    except IntegrityError:
        transfer = BankTransfer.objects.get(
            provider=note.provider, transaction_id=str(note.transaction_id)[:64]
        )
        return transfer, False


def _match(transfer: BankTransfer):
    references = vietqr.references_in(transfer.content, prefixes=(PART_PREFIX, VERIFY_PREFIX))
    payment = (
        VietQRPayment.objects.select_for_update()
        .select_related("account", "part")
        .filter(reference__in=references)
        .first()
    )
    arrived_at = (
        EPaymentAccount.objects.banks()
        .active()
        .filter(account_number=transfer.account_number)
        .order_by("-verified_at")
        .first()
    )
    transfer.account = arrived_at
    if payment is not None:
        transfer.payment = payment
        transfer.seller_id = payment.account.seller_id
        if payment.account.account_number != transfer.account_number:
            transfer.outcome = Outcome.WRONG_ACCOUNT
        elif transfer.amount != payment.amount:
            transfer.outcome = Outcome.WRONG_AMOUNT
        elif payment.status != VietQRPayment.Status.PENDING:
            transfer.outcome = Outcome.NOT_PENDING
        else:
            transfer.outcome = Outcome.MATCHED
            transfer.account = payment.account
            transfer.save()
            _mark_paid(
                payment, transfer=transfer, bank_reference=transfer.bank_reference or transfer.transaction_id
            )
            return
    else:
        proving = (
            EPaymentAccount.objects.active()
            .filter(verify_reference__in=references, account_number=transfer.account_number)
            .first()
        )
        if proving is not None:
            transfer.outcome = Outcome.MATCHED
            transfer.account = proving
            transfer.seller_id = proving.seller_id
            accounts.verify_by_payment(proving)
        else:
            transfer.outcome = Outcome.UNKNOWN_REFERENCE
            transfer.seller_id = arrived_at.seller_id if arrived_at else None
    transfer.save()


# --- people: confirmation by hand, review queue ------------------------------------------------


def _may_act_for(user, seller: Seller) -> str:
    """'seller' or 'official' when the user may confirm this seller's transfers; else refused.

    An official confirming a payment decides on the seller's file: the officials' rule
    (sellers/scope.py) applies, separation of duties included."""
    if seller.user_id is not None and seller.user_id == user.pk:
        return "seller"
    if scope.official_profile(user) is None:
        raise PermissionDenied(_("Bạn không xử lý được thanh toán của người bán này."))
    scope.require_may_decide(user, seller)
    return "official"


@transaction.atomic
def confirm_by_hand(payment: VietQRPayment, *, user, bank_reference: str, transfer=None):
    """The seller (seeing the money in its bank app) or an official confirms a transfer, with the
    bank's reference; written to the audit log."""
    payment = (
        VietQRPayment.objects.select_for_update()
        .select_related("account__seller", "part__order")
        .get(pk=payment.pk)
    )
    seller = payment.account.seller
    _may_act_for(user, seller)
    bank_reference = (bank_reference or "").strip()
    if not bank_reference:
        raise ValidationError({"bank_reference": _("Hãy ghi mã giao dịch trong ứng dụng ngân hàng.")})
    if payment.status != VietQRPayment.Status.PENDING:
        raise ValidationError(_("Khoản thanh toán này không còn chờ xác nhận."))
    _mark_paid(payment, user=user, bank_reference=bank_reference)
    if transfer is not None:
        _resolve(transfer, user=user, note=_("Gắn với đơn %(ref)s") % {"ref": payment.reference})
    AuditLogEntry.objects.create(
        actor=user,
        action="payment.confirm_by_hand",
        seller=seller,
        detail=f"{payment.reference} {payment.amount} ₫ – {bank_reference}",
    )
    return payment


def _resolve(transfer, *, user, note):
    transfer.resolved_at = timezone.now()
    transfer.resolved_by = user
    transfer.resolution_note = note[:1000]
    transfer.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])


@transaction.atomic
def resolve_transfer(transfer: BankTransfer, *, user, note: str, payment: VietQRPayment | None = None):
    """Handle a review item: attach it to a waiting payment (confirms that part), or close it
    with a note saying what was done (e.g. money sent back to the buyer)."""
    transfer = BankTransfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.resolved_at is not None or transfer.outcome in (Outcome.MATCHED, Outcome.OUTGOING):
        raise ValidationError(_("Giao dịch này đã được xử lý."))
    seller = transfer.seller or (payment.account.seller if payment else None)
    if seller is None:
        if not scope.is_province_official(user):
            raise PermissionDenied(_("Chỉ cán bộ cấp tỉnh xử lý giao dịch không rõ người nhận."))
    else:
        _may_act_for(user, seller)
    if payment is not None:
        return confirm_by_hand(
            payment,
            user=user,
            bank_reference=transfer.bank_reference or transfer.transaction_id,
            transfer=transfer,
        )
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Hãy ghi đã xử lý thế nào (ví dụ: đã trả lại tiền cho người mua).")})
    _resolve(transfer, user=user, note=note)
    if seller is not None:
        AuditLogEntry.objects.create(
            actor=user, action="payment.review_closed", seller=seller, detail=f"{transfer}: {note}"[:1000]
        )
    return transfer


# --- expiry ------------------------------------------------------------------------------------


def expire_unpaid(now=None) -> int:
    """Parts whose transfer did not come in time are cancelled and their stock returned.

    Each payment in its own transaction, re-checked under a row lock, so a notification arriving
    at the same moment either pays it first or finds it expired (and goes to review).
    """
    now = now or timezone.now()
    due = VietQRPayment.objects.filter(status=VietQRPayment.Status.PENDING, expires_at__lte=now)
    count = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            payment = VietQRPayment.objects.select_for_update().select_related("part").get(pk=pk)
            if payment.status != VietQRPayment.Status.PENDING or payment.expires_at > now:
                continue
            payment.status = VietQRPayment.Status.EXPIRED
            payment.save(update_fields=["status"])
            part_states.take(payment.part, "cancel", by=part_states.PAYMENT, reason="payment_expired")
            count += 1
    return count
