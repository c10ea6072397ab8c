"""Read-side queries about payments: e-payment accounts (indicator I2), review queues, ledgers."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, DecimalField, F, IntegerField, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from sellers.scope import in_official_scope

from .models import BankTransfer, EPaymentAccount, LedgerEntry, VietQRPayment


def end_of_day(as_of: datetime.date) -> datetime.datetime:
    """The first instant after ``as_of`` in Vietnam's time zone (records strictly before it count)."""
    next_day = as_of + datetime.timedelta(days=1)
    return datetime.datetime.combine(next_day, datetime.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def verified_epayment_seller_ids(as_of: datetime.date) -> QuerySet:
    """Primary keys of sellers that, at the end of ``as_of`` (Asia/Ho_Chi_Minh), had at least one
    e-payment account verified by then and not disabled by then (indicator I2).

    A values-list queryset, usable as a subquery:
    ``Seller.objects.filter(pk__in=verified_epayment_seller_ids(d))``.
    """
    end = end_of_day(as_of)
    return (
        EPaymentAccount.objects.filter(verified_at__lt=end)
        .exclude(disabled_at__lt=end)
        .order_by()  # no default ordering: DISTINCT on the seller id alone
        .values_list("seller_id", flat=True)
        .distinct()
    )


def has_verified_epayment_account(seller) -> bool:
    return EPaymentAccount.objects.verified().filter(seller=seller).exists()


def accounts_of(seller):
    return EPaymentAccount.objects.filter(seller=seller).order_by(
        "disabled_at", "-verified_at", "-created_at"
    )


def verified_bank_account(seller):
    """The account VietQR transfers go to: the seller's most recently verified bank account."""
    return EPaymentAccount.objects.verified().banks().filter(seller=seller).order_by("-verified_at").first()


def sellers_with_vietqr(seller_ids) -> set:
    """Of these sellers, those that can take VietQR (a verified bank account): one query."""
    return set(
        EPaymentAccount.objects.verified()
        .banks()
        .filter(seller_id__in=seller_ids)
        .values_list("seller_id", flat=True)
    )


# --- officials and sellers: what needs a person ------------------------------------------------


def accounts_to_verify(official):
    return (
        EPaymentAccount.objects.for_commune_official(official)
        .active()
        .filter(verified_at__isnull=True)
        .select_related("seller__commune")
        .order_by("created_at")
    )


def transfers_to_review(*, official=None, seller=None):
    """Notifications that did not match exactly, for a seller or an official's commune.

    A province official also sees transfers that reached no known seller.
    """
    transfers = BankTransfer.objects.needs_review().select_related("seller", "payment__part__order")
    if seller is not None:
        return transfers.filter(seller=seller)
    return in_official_scope(transfers, official, "seller__commune_id")


def pending_vietqr_payments(*, official=None, seller=None):
    payments = VietQRPayment.objects.filter(status=VietQRPayment.Status.PENDING).select_related(
        "part__order", "account__seller"
    )
    if seller is not None:
        return payments.filter(account__seller=seller)
    return in_official_scope(payments, official, "account__seller__commune_id")


# --- ledger ------------------------------------------------------------------------------------


def _signed_amount():
    sign = Case(
        *[When(kind=kind, then=Value(s)) for kind, s in LedgerEntry.BALANCE_SIGN.items()],
        output_field=IntegerField(),
    )
    return F("amount") * sign


def payable_balance(seller) -> int:
    """What the marketplace owes the seller: card sales − commission − refunds − payouts."""
    total = LedgerEntry.objects.filter(seller=seller).aggregate(
        balance=Coalesce(
            Sum(_signed_amount(), output_field=DecimalField()), Value(0), output_field=DecimalField()
        )
    )["balance"]
    return int(total)


def ledger_totals(seller) -> dict:
    """Sum of each kind of entry, in đồng (every kind present, 0 when none)."""
    rows = LedgerEntry.objects.filter(seller=seller).values("kind").annotate(total=Sum("amount"))
    totals = {kind: 0 for kind in LedgerEntry.Kind.values}
    totals.update({row["kind"]: int(row["total"]) for row in rows})
    return totals


def ledger_of(seller):
    return LedgerEntry.objects.filter(seller=seller).select_related("part__order")


def balances_to_pay():
    """Sellers the marketplace owes money, with the amount (operator's payout list)."""
    from sellers.models import Seller

    return (
        Seller.objects.annotate(
            balance=Coalesce(
                Sum(
                    F("ledger_entries__amount")
                    * Case(
                        *[
                            When(ledger_entries__kind=kind, then=Value(s))
                            for kind, s in LedgerEntry.BALANCE_SIGN.items()
                        ],
                        output_field=IntegerField(),
                    ),
                    output_field=DecimalField(),
                ),
                Value(0),
                output_field=DecimalField(),
            )
        )
        .filter(balance__gt=0)
        .order_by("-balance")
    )
