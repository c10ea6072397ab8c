"""The sellers' ledger: append-only, and payable = card sales − commission − refunds − payouts."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from payments import selectors
from payments.models import LedgerEntry
from payments.services import ledger

from .conftest import make_product, make_verified_seller, order_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def parts(official):
    seller = make_verified_seller("0912000031", official, name="HTX Mật ong")
    product = make_product(seller, price=100000, stock=50)
    return seller, [order_for(f"40000{i}", (seller, product)).parts.get() for i in range(4)]


@pytest.fixture
def operator(django_user_model):
    return django_user_model.objects.create_user(
        username="vanhanh", email="op@example.vn", password="x", is_staff=True
    )


def test_entries_are_never_changed_or_deleted(parts):
    seller, (part, *_rest) = parts
    entry = ledger.record_sale(part, method="card", reference="pi_1")
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    # Not even around the model: the database itself refuses.
    for write in (
        lambda: LedgerEntry.objects.filter(pk=entry.pk).update(amount=1),
        lambda: LedgerEntry.objects.filter(pk=entry.pk).delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            write()
    assert LedgerEntry.objects.get(pk=entry.pk).amount == part.total


def test_commission_and_payout_with_a_bank_reference(parts, operator, settings):
    settings.PAYMENTS_COMMISSION_RATE = "0.05"
    seller, (card_part, cod_part, *_rest) = parts
    ledger.record_sale(card_part, method="card", reference="pi_1")  # 130,000 = 100,000 goods + 30,000 ship
    ledger.record_sale(cod_part, method="cod")
    totals = selectors.ledger_totals(seller)
    assert totals["sale_marketplace"] == 130000 and totals["sale_seller"] == 130000
    assert totals["commission"] == 10000  # 5 % of the goods of both parts
    assert selectors.payable_balance(seller) == 120000
    with pytest.raises(ValidationError):
        ledger.record_payout(seller, 120001, bank_reference="FT1", user=operator)
    with pytest.raises(ValidationError):
        ledger.record_payout(seller, 1000, bank_reference="  ", user=operator)
    ledger.record_payout(seller, 120000, bank_reference="FT26330123", user=operator)
    assert selectors.payable_balance(seller) == 0
    assert list(selectors.balances_to_pay()) == []


def test_a_correction_is_a_new_opposite_entry(parts, operator):
    seller, (part, *_rest) = parts
    sale = ledger.record_sale(part, method="card", reference="pi_1")
    ledger.record_correction(sale, user=operator, note="Ghi nhầm")
    assert selectors.payable_balance(seller) == 0 and LedgerEntry.objects.count() == 2
    assert ledger.record_sale(part, method="card") is None  # still recorded once


operations = st.lists(
    st.one_of(
        st.tuples(st.just("card"), st.integers(0, 3)),
        st.tuples(st.just("cod"), st.integers(0, 3)),
        st.tuples(st.just("refund"), st.integers(0, 3), st.integers(1, 140000)),
        st.tuples(st.just("payout"), st.integers(1, 300000)),
    ),
    max_size=25,
)


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=operations, rate=st.sampled_from(["0", "0.05", "0.1"]))
def test_ledger_invariant_over_random_sequences(parts, operator, settings, ops, rate):
    """Whatever happens in whatever order — sales (replayed too), refunds, payouts, refused ones —
    the balance is card sales − commission − refunds − payouts, entries only ever get added, and
    nothing refused leaves a trace."""
    seller, part_list = parts
    settings.PAYMENTS_COMMISSION_RATE = rate  # restored after the test by pytest-django
    with transaction.atomic():
        expected = {"card": 0, "commission": 0, "refund": 0, "payout": 0}
        paid_by = {}
        seen = []
        for op in ops:
            before = LedgerEntry.objects.count()
            try:
                if op[0] in ("card", "cod"):
                    part = part_list[op[1]]
                    result = ledger.record_sale(part, method=op[0], reference="x")
                    if part.pk in paid_by:
                        assert result is None  # a part's sale is written once
                    else:
                        paid_by[part.pk] = op[0]
                        expected["card"] += int(part.total) if op[0] == "card" else 0
                        expected["commission"] += int(ledger.commission_on(part.items_total))
                elif op[0] == "refund":
                    part, amount = part_list[op[1]], op[2]
                    ledger.record_refund(part, amount, reference="re_x", user=operator)
                    assert paid_by.get(part.pk) == "card"  # only card money is refunded here
                    expected["refund"] += amount
                else:
                    ledger.record_payout(seller, op[1], bank_reference="FT", user=operator)
                    expected["payout"] += op[1]
            except ValidationError:
                assert LedgerEntry.objects.count() == before  # refused: nothing written
            balance = selectors.payable_balance(seller)
            assert (
                balance == expected["card"] - expected["commission"] - expected["refund"] - expected["payout"]
            )
            totals = selectors.ledger_totals(seller)
            assert totals["refund"] == expected["refund"] and totals["payout"] == expected["payout"]
            rows = list(LedgerEntry.objects.order_by("pk").values_list("pk", "kind", "amount"))
            assert rows[: len(seen)] == seen  # earlier entries untouched
            seen = rows
        for part in part_list:
            assert ledger.refundable(part) >= 0
        transaction.set_rollback(True)
