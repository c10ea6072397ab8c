"""Stock follows the money: expiry and cancellation return the allocation, delivery consumes it."""

import datetime

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.order import fulfilment
from payments.models import BankTransfer, LedgerEntry, VietQRPayment
from payments.services import transfers
from payments.tasks import expire_unpaid_transfers

from .conftest import bank_account, make_product, order_for, vietqr_order

StockRecord = get_model("partner", "StockRecord")


def stock(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated


@pytest.mark.django_db
def test_expiry_cancels_the_part_and_returns_its_stock(seller, official):
    product = make_product(seller, price=120000, stock=4)
    account = bank_account(seller, verified_by=official)
    payment = vietqr_order("300001", seller, product, account)
    assert stock(product) == (4, 1) and payment.part.status == "pending_payment"

    assert transfers.expire_unpaid(now=timezone.now()) == 0  # not due yet
    later = timezone.now() + datetime.timedelta(hours=24, minutes=1)
    assert transfers.expire_unpaid(now=later) == 1
    payment.refresh_from_db()
    part = payment.part
    part.refresh_from_db()
    assert payment.status == "expired" and part.status == "cancelled"
    assert stock(product) == (4, 0)
    assert transfers.expire_unpaid(now=later) == 0  # nothing twice

    # A transfer arriving after expiry is not silently accepted: review queue.
    transfers.record_notification(
        transfers.Notification("sepay", "late-1", account.account_number, payment.amount, payment.reference)
    )
    assert BankTransfer.objects.get().outcome == "not_pending"
    assert LedgerEntry.objects.count() == 0


@pytest.mark.django_db
def test_expiry_time_is_a_setting(seller, official, settings):
    settings.VIETQR_EXPIRY_HOURS = 2
    payment = vietqr_order("300002", seller, make_product(seller), bank_account(seller, verified_by=official))
    assert payment.expires_at - payment.created_at == datetime.timedelta(hours=2)


def test_expiry_task_runs_in_a_real_celery_worker(celery_worker_process, seller, official):
    product = make_product(seller, price=50000, stock=3)
    payment = vietqr_order("300003", seller, product, bank_account(seller, verified_by=official))
    VietQRPayment.objects.filter(pk=payment.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    result = expire_unpaid_transfers.delay().get(timeout=30)
    assert result == {"vietqr": 1, "card": 0}
    payment.refresh_from_db()
    assert payment.status == "expired" and stock(product) == (3, 0)


@pytest.mark.django_db
def test_delivery_consumes_stock_and_records_cash_in_the_ledger(seller):
    product = make_product(seller, price=80000, stock=6)
    order = order_for("300004", (seller, product), method="cod")
    part = order.parts.get()
    assert stock(product) == (6, 1)
    fulfilment.mark_packed(part, seller.user)
    fulfilment.mark_shipped(part, seller.user, carrier="VNPost", tracking_code="EB1VN")
    fulfilment.mark_delivered(part, seller.user)
    assert stock(product) == (5, 0)  # the sold unit left the stock record
    entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.method, entry.amount) == ("sale_seller", "cod", part.total)


@pytest.mark.django_db
def test_paid_vietqr_part_delivered_is_not_recorded_twice(seller, official):
    product = make_product(seller, price=80000, stock=6)
    payment = vietqr_order("300005", seller, product, bank_account(seller, verified_by=official))
    transfers.record_notification(
        transfers.Notification(
            "casso", "c-1", payment.account.account_number, payment.amount, payment.reference
        )
    )
    part = payment.part
    part.refresh_from_db()
    fulfilment.mark_shipped(part, seller.user, carrier="Viettel Post", tracking_code="")
    fulfilment.mark_delivered(part, seller.user)
    assert LedgerEntry.objects.count() == 1 and stock(product) == (5, 0)
