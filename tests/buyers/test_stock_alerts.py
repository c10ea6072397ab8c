"""Back-in-stock alerts are sent by a periodic job, not inside the request that changes stock.

Oscar's default ("eager" alerts) checks every product alert in a post_save of every stock
record: three queries per record on each order, and e-mails sent inside the buyer's checkout
transaction when stock rises. Here the job sends them (Oscar's own dispatcher)."""

import pytest
from django.core import mail
from django.db.models.signals import post_save
from oscar.core.loading import get_model

ProductAlert = get_model("customer", "ProductAlert")
StockRecord = get_model("partner", "StockRecord")


def test_stock_changes_do_not_run_the_alert_dispatcher():
    receivers = [r for r in post_save._live_receivers(StockRecord)[0]]
    assert not [r for r in receivers if getattr(r, "__name__", "") == "send_product_alerts"]


@pytest.mark.django_db
def test_the_periodic_job_tells_waiting_buyers_when_stock_is_back(shop):
    from marketplace.catalogue.tasks import send_back_in_stock_alerts

    tea = shop.product(shop.seller("HTX Chè"), "Chè Shan Tuyết", stock=0)
    alert = ProductAlert.objects.create(product=tea, email="cho@example.com")
    alert.confirm()  # a guest's alert counts once confirmed from the e-mail link
    send_back_in_stock_alerts()
    assert mail.outbox == []  # still out of stock

    record = tea.stockrecords.get()
    record.num_in_stock = 5
    record.save()
    assert mail.outbox == []  # the save itself sends nothing
    send_back_in_stock_alerts()
    assert [m.to for m in mail.outbox] == [["cho@example.com"]]
    assert "Chè Shan Tuyết” đã có hàng trở lại" in mail.outbox[0].body  # Vietnamese, not Oscar's English
    assert ProductAlert.objects.get().status == ProductAlert.CLOSED
