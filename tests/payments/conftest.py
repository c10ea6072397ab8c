"""Payments test data: verified sellers with bank accounts, orders split per seller, and helpers."""

import pytest

from marketplace.celery import app as celery_app
from payments.services import accounts
from tests.sellers.conftest import PASSWORD, make_official, make_order, make_product, make_verified_seller

__all__ = ["PASSWORD", "make_official", "make_order", "make_product", "make_verified_seller"]

VIETCOMBANK = "970436"
BIDV = "970418"


@pytest.fixture(autouse=True)
def _tasks_run_in_process(request):
    """Without a worker, tasks run where they are queued; tests with a worker keep the broker."""
    if "celery_worker_process" in request.fixturenames:
        yield
        return
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def official(db):
    return make_official("canbo.tuachua", "Tủa Chùa")


@pytest.fixture
def province_official(db):
    return make_official("canbo.tinh")


def bank_account(seller, number="0011001234567", bank=VIETCOMBANK, verified_by=None):
    account = accounts.add_bank_account(
        seller, bank_bin=bank, account_number=number, holder_name=seller.rep_name
    )
    if verified_by is not None:
        account = accounts.verify_by_official(account, official=verified_by)
    return account


@pytest.fixture
def seller(official):
    return make_verified_seller("0912000001", official, name="Hộ Giàng A Dế")


def order_for(number, *sellers_products, email="nguoimua@example.vn", method=None):
    """An order split per seller, its lines holding allocated stock (as checkout leaves it), with
    the payment source checkout records for ``method`` (e.g. "cod")."""
    from oscar.core.loading import get_model

    order = make_order(number, *sellers_products, email=email)
    if method:
        SourceType = get_model("payment", "SourceType")
        source_type, _created = SourceType.objects.get_or_create(code=method, defaults={"name": method})
        order.sources.create(source_type=source_type, currency="VND", reference=number)
    return order


def vietqr_order(number, seller, product, account):
    """A one-seller order waiting for its VietQR transfer."""
    from payments.services import transfers

    order = order_for(number, (seller, product))
    part = order.parts.get()
    return transfers.expect_payment(part, account)
