"""The sellers' ledger: append-only entries, written only here.

Payable balance = card sales − commission − refunds − payouts (payments.selectors.payable_balance).
A part's sale and its commission are written once (a unique constraint backs this up), so a
notification handled twice cannot count a sale twice.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sellers.models import Seller

from .. import selectors
from ..models import LedgerEntry

Kind = LedgerEntry.Kind


def commission_rate() -> Decimal:
    return Decimal(str(settings.PAYMENTS_COMMISSION_RATE))


def commission_on(amount) -> Decimal:
    """The marketplace's commission on a sale, rounded to whole đồng."""
    return (Decimal(amount) * commission_rate()).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _seller_of_part(part) -> Seller:
    return Seller.objects.get(partner_id=part.partner_id)


def _add(**fields) -> LedgerEntry:
    return LedgerEntry.objects.create(**fields)


@transaction.atomic
def record_sale(part, *, method: str, reference: str = "", user=None) -> LedgerEntry | None:
    """A paid seller part: the sale (collected by the marketplace for cards, by the seller
    otherwise) and the commission on its goods. Returns None when it was already recorded."""
    seller = _seller_of_part(part)
    kind = Kind.SALE_MARKETPLACE if method == LedgerEntry.Method.CARD else Kind.SALE_SELLER
    try:
        with transaction.atomic():
            sale = _add(
                seller=seller,
                kind=kind,
                method=method,
                amount=Decimal(part.total),
                part=part,
                reference=reference[:100],
                created_by=user,
                note=_("Đơn %(number)s") % {"number": part.order.number},
            )
    except IntegrityError:
        return None  # already recorded: a replayed notification changes nothing
    commission = commission_on(part.items_total)
    if commission:
        _add(
            seller=seller,
            kind=Kind.COMMISSION,
            method=method,
            amount=commission,
            part=part,
            reference=reference[:100],
            note=_("Phí sàn %(rate)s%% đơn %(number)s")
            % {"rate": commission_rate() * 100, "number": part.order.number},
        )
    return sale


def refundable(part) -> Decimal:
    """How much of a card part can still be refunded."""
    entries = LedgerEntry.objects.filter(part=part)
    sold = sum((e.amount for e in entries if e.kind == Kind.SALE_MARKETPLACE), Decimal(0))
    refunded = sum((e.amount for e in entries if e.kind == Kind.REFUND), Decimal(0))
    return sold - refunded


@transaction.atomic
def record_refund(part, amount, *, reference: str, user=None) -> LedgerEntry:
    amount = Decimal(amount)
    seller = Seller.objects.select_for_update().get(partner_id=part.partner_id)
    if amount <= 0 or amount != amount.to_integral_value():
        raise ValidationError({"amount": _("Số tiền hoàn phải là số đồng dương.")})
    if amount > refundable(part):
        raise ValidationError({"amount": _("Số tiền hoàn lớn hơn số tiền thẻ còn lại của kiện này.")})
    return _add(
        seller=seller,
        kind=Kind.REFUND,
        method=LedgerEntry.Method.CARD,
        amount=amount,
        part=part,
        reference=reference[:100],
        created_by=user,
        note=_("Hoàn tiền đơn %(number)s") % {"number": part.order.number},
    )


@transaction.atomic
def record_payout(seller, amount, *, bank_reference: str, user) -> LedgerEntry:
    """The operator transferred money to the seller; never more than the seller is owed."""
    amount = Decimal(amount)
    seller = Seller.objects.select_for_update().get(pk=seller.pk)  # one payout at a time per seller
    bank_reference = (bank_reference or "").strip()
    if not bank_reference:
        raise ValidationError({"bank_reference": _("Hãy ghi mã giao dịch ngân hàng của lần chuyển tiền.")})
    if amount <= 0 or amount != amount.to_integral_value():
        raise ValidationError({"amount": _("Số tiền phải là số đồng dương.")})
    if amount > selectors.payable_balance(seller):
        raise ValidationError({"amount": _("Số tiền lớn hơn số dư sàn đang giữ cho người bán.")})
    return _add(
        seller=seller,
        kind=Kind.PAYOUT,
        amount=amount,
        reference=bank_reference[:100],
        created_by=user,
        note=_("Chuyển tiền cho người bán"),
    )


@transaction.atomic
def record_correction(entry: LedgerEntry, *, user, note: str) -> LedgerEntry:
    """Undo an entry by a new one of the same kind with the opposite amount (nothing is edited)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Hãy ghi lý do điều chỉnh.")})
    return _add(
        seller=entry.seller,
        kind=entry.kind,
        method=entry.method,
        amount=-entry.amount,
        part=entry.part,
        reference=entry.reference,
        created_by=user,
        note=note[:255],
    )
