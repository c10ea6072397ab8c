"""The one state machine of an order part (marketplace/order/part_states.py): every transition
from every state is allowed exactly as the table says, refused with a clear message otherwise,
replays change nothing, stock follows; nothing else writes a part's status; docs print the table."""

import itertools
import re
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from oscar.core.loading import get_model

from marketplace.order import part_states
from marketplace.order.part_states import TRANSITIONS

from .conftest import make_official, make_order, make_product, make_verified_seller

pytestmark = pytest.mark.django_db
OrderPart = get_model("order", "OrderPart")
StockRecord = get_model("partner", "StockRecord")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def part():
    seller = make_verified_seller("0912000881", make_official("canbo.tuachua", "Tủa Chùa"))
    make_order("880001", (seller, make_product(seller, stock=5)))
    return OrderPart.objects.get()


STATES = list(itertools.product(OrderPart.Status.values, OrderPart.PaymentState.values))


@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_each_transition_from_each_state_is_what_the_table_says(part, name):
    transition = TRANSITIONS[name]
    who = sorted(transition.by)[0]
    for status, payment in STATES:
        OrderPart.objects.filter(pk=part.pk).update(status=status, payment_state=payment)
        part.refresh_from_db()
        replay = (transition.done_if == payment) or (transition.to_status == "cancelled" == status)
        if replay:
            assert part_states.take(part, name, by=who).status == status  # nothing changes
        elif status in transition.from_status and payment in transition.from_payment:
            taken = part_states.take(part, name, by=who)
            assert taken.status == (transition.to_status or _after_sets(name, status))
            assert taken.payment_state == (transition.to_payment or _payment_after(name, payment))
        else:
            with pytest.raises(ValidationError, match="Không thể"):
                part_states.take(part, name, by=who)
            part.refresh_from_db()
            assert (part.status, part.payment_state) == (status, payment)


def _after_sets(name, status):
    return "confirmed" if name == "pay" and status == "pending_payment" else status


def _payment_after(name, payment):
    return "paid" if name == "deliver" and payment == "unpaid" else payment


def test_who_may_take_a_transition_is_in_the_table(part):
    with pytest.raises(PermissionDenied):
        part_states.take(part, "pay", by=part_states.SELLER)  # a seller cannot mark card money in
    with pytest.raises(PermissionDenied):
        part_states.take(part, "pack", by=part_states.PAYMENT)
    with pytest.raises(KeyError):
        part_states.take(part, "teleport", by=part_states.SELLER)


def test_stock_is_consumed_on_delivery_and_returned_on_cancel_once(part):
    record = StockRecord.objects.get()
    assert (record.num_in_stock, record.num_allocated) == (5, 1)
    part_states.take(part, "cancel", by=part_states.SELLER, reason="hết hàng")
    part_states.take(part, "cancel", by=part_states.BUYER)  # a second cancel: nothing twice
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (5, 0)


def test_delivery_takes_the_goods_off_the_shelf_and_collects_cash(part):
    for name in ("pack", "ship", "deliver"):
        part = part_states.take(part, name, by=part_states.SELLER)
    record = StockRecord.objects.get()
    assert (part.status, part.payment_state) == ("delivered", "paid")
    assert (record.num_in_stock, record.num_allocated) == (4, 0)


def test_no_other_module_writes_a_parts_status():
    found = subprocess.run(
        ["git", "grep", "-n", "-E", r"part\.(status|payment_state) = ", "--", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    # The demo still writes its year of past orders straight into the table (not yet through
    # the machine); everything a person or a payment does goes through part_states.take.
    allowed = ("marketplace/order/part_states.py:", "tests/", "marketplace/demo/")
    assert [line for line in found if not line.startswith(allowed)] == []


def test_docs_print_the_table_as_the_code_has_it():
    doc = (ROOT / "docs" / "payments.md").read_text(encoding="utf-8")
    assert part_states.table_markdown() in doc
    assert re.search(r"\| `pack` \| seller \|", doc)
