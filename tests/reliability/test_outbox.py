"""Background work is recorded with the change that causes it, survives a broker outage, runs once."""

import logging
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.catalogue.images import THUMBNAIL_WIDTHS, thumbnail_path
from marketplace.celery import app as celery_app
from marketplace.core import outbox, tasks
from marketplace.core.background import enqueue_after_commit
from marketplace.core.models import OutboxMessage, TaskReceipt
from sellers.models import Seller
from tests.sellers.conftest import make_official, make_submitted_seller, make_verified_seller
from tests.sellers.test_uploads import phone_jpeg, product_post

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db

attempts = []


@celery_app.task(name="tests.reliability.flaky_email")
def flaky_email(to, fail_first=False):
    """Sends one e-mail; the first run may die half-way (after its database write, before the mail)."""
    attempts.append(to)
    TaskReceipt.objects.create(key=f"ledger-line-{len(attempts)}", task="a write made by the task")
    if fail_first and len(attempts) == 1:
        raise RuntimeError("worker died mid-task")
    mail.send_mail("Thông báo", "Nội dung", settings.DEFAULT_FROM_EMAIL, [to])


def test_work_exists_only_if_the_change_that_causes_it_commits(
    eager_tasks, django_capture_on_commit_callbacks
):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_after_commit(tasks.send_email, "a@example.vn", "Tiêu đề", "Nội dung")
        raise RuntimeError("the change fails: its e-mail was never asked for")
    assert not OutboxMessage.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        enqueue_after_commit(tasks.send_email, "a@example.vn", "Tiêu đề", "Nội dung")
    message = OutboxMessage.objects.get()
    assert message.task == "marketplace.core.tasks.send_email" and message.sent_at is not None
    assert [m.to for m in mail.outbox] == [["a@example.vn"]]
    assert TaskReceipt.objects.filter(key=str(message.key)).exists()


def test_a_broker_outage_saves_the_decision_and_sends_its_notices_once_the_broker_is_back(
    client, broker_down, caplog, django_capture_on_commit_callbacks
):
    official = make_official("canbo.outage", "Tủa Chùa")
    seller = make_submitted_seller("0912000109")
    client.force_login(official)
    before = OutboxMessage.objects.count() and OutboxMessage.objects.latest("id").id or 0
    url = reverse("officials:seller", kwargs={"pk": seller.pk})
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "reason": ""})
    assert response.status_code == 302 and response.url == reverse("officials:queue")
    assert Seller.objects.get(pk=seller.pk).status == Seller.Status.VERIFIED
    pending = OutboxMessage.objects.filter(id__gt=before, sent_at=None).order_by("id")
    assert [m.task for m in pending] == [
        "marketplace.indicators.tasks.refresh_figures",  # a verified seller moves the figures
        "marketplace.core.tasks.send_email",
        "marketplace.core.tasks.send_sms",
    ]
    # One quick refused attempt, then the request leaves the rest to the relay (no second wait).
    assert [m.attempts for m in pending] == [1, 0, 0] and "refused" in pending[0].last_error.lower()
    assert any("outbox: could not send" in r.getMessage() for r in caplog.records)
    assert mail.outbox == []

    celery_app.conf.task_always_eager = True  # the broker is back (tasks run here)
    celery_app.conf.task_eager_propagates = True
    assert outbox.relay() >= 3
    assert not OutboxMessage.objects.filter(sent_at=None).exists()
    approvals = [m for m in mail.outbox if "đã được xác minh" in m.subject]
    assert [m.to for m in approvals] == [[seller.user.email]]


def test_a_photo_saved_while_the_broker_is_down_keeps_the_product_and_gets_thumbnails_later(
    client, broker_down, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    celery_app.conf.task_always_eager = True
    seller = make_verified_seller("0912000110", make_official("canbo.photo", "Tủa Chùa"))
    celery_app.conf.task_always_eager = False
    client.force_login(seller.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sellers:product-new"), product_post("IMG_2.jpg", phone_jpeg()))
    assert response.status_code == 302
    name = Product.objects.get(seller=seller).images.get().original.name
    thumbs = [Path(settings.MEDIA_ROOT) / thumbnail_path(name, width) for width in THUMBNAIL_WIDTHS]
    assert not any(path.exists() for path in thumbs)
    message = OutboxMessage.objects.get(task="marketplace.catalogue.tasks.make_thumbnails")
    assert message.args == [name] and message.sent_at is None

    celery_app.conf.task_always_eager = True
    outbox.relay()
    message.refresh_from_db()
    assert message.sent_at is not None and all(path.exists() for path in thumbs)


def test_a_message_delivered_twice_sends_one_email(eager_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_after_commit(tasks.send_email, "b@example.vn", "Tiêu đề", "Nội dung")
    message = OutboxMessage.objects.get()
    # The relay crashed after publishing but before marking the row sent: it publishes again.
    OutboxMessage.objects.filter(pk=message.pk).update(sent_at=None)
    assert outbox.relay() == 1
    # And the broker itself redelivers (an acknowledgement lost with a killed worker).
    tasks.send_email.apply(("b@example.vn", "Tiêu đề", "Nội dung"), task_id=str(message.key))
    assert len(mail.outbox) == 1
    assert TaskReceipt.objects.filter(key=str(message.key)).count() == 1


def test_a_run_that_dies_mid_task_leaves_no_receipt_so_the_redelivery_does_the_work(eager_tasks):
    attempts.clear()
    celery_app.conf.task_eager_propagates = False
    first = flaky_email.apply(("c@example.vn",), {"fail_first": True}, task_id="key-1")
    assert first.failed() and not TaskReceipt.objects.filter(key="key-1").exists()
    second = flaky_email.apply(("c@example.vn",), {"fail_first": True}, task_id="key-1")
    third = flaky_email.apply(("c@example.vn",), {"fail_first": True}, task_id="key-1")
    assert second.successful() and third.successful()
    assert attempts == ["c@example.vn", "c@example.vn"]  # the third delivery did nothing
    # The dead run's database write went with it; the finished run's stayed (no double ledger line).
    assert list(TaskReceipt.objects.filter(key__startswith="ledger-line").values_list("key", flat=True)) == [
        "ledger-line-2"
    ]
    assert len(mail.outbox) == 1


def test_tasks_are_acknowledged_late_and_requeued_when_their_worker_dies():
    for task in (tasks.send_email, tasks.send_sms, flaky_email):
        assert task.acks_late and task.reject_on_worker_lost


def test_the_relay_hands_recorded_work_to_a_real_worker(celery_worker_process, transactional_db):
    message = outbox.record(tasks.send_sms, "0912000111", "Xin chào")  # autocommit: sent at once
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not TaskReceipt.objects.filter(key=str(message.key)).exists():
        time.sleep(0.2)
    assert TaskReceipt.objects.get(key=str(message.key)).task == "marketplace.core.tasks.send_sms"
    message.refresh_from_db()
    assert message.sent_at is not None


def test_a_row_that_cannot_be_sent_does_not_hold_up_the_others(eager_tasks):
    with transaction.atomic():  # recorded together, sent by the relay (on_commit runs nothing here)
        broken = OutboxMessage.objects.create(task="no.such.task", args=[])
        good = OutboxMessage.objects.create(
            task="marketplace.core.tasks.send_email", args=["d@example.vn", "T", "N"]
        )
    assert outbox.relay() == 1
    broken.refresh_from_db(), good.refresh_from_db()
    assert broken.sent_at is None and broken.attempts == 1 and "no.such.task" in broken.last_error
    assert good.sent_at is not None and [m.to for m in mail.outbox] == [["d@example.vn"]]
