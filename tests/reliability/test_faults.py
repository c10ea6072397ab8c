"""Faults against real processes: Redis stopped, a Celery worker and a gunicorn worker SIGKILLed,
and two app servers sharing one database, one Redis and S3 media (moto in server mode).

Every process here is started by the test on a free loopback port with production settings
(tests/reliability/production_like.py), against the test database and a private redis-server.
"""

import json
import os
import re
import signal
import threading
import time

import boto3
import pytest
import requests
from django.db import connection
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.core.models import OutboxMessage, TaskReceipt
from sellers.models import Seller
from tests.buyers.conftest import ADDRESS, Shop
from tests.sellers.conftest import PASSWORD, make_official, make_submitted_seller, make_verified_seller
from tests.sellers.test_uploads import phone_jpeg

from .processes import CeleryWorker, Gunicorn, RedisServer, Visitor, app_environment, sent_mail, wait_for

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")
Country = get_model("address", "Country")


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    if server.process is not None:
        server.stop()


@pytest.fixture
def processes():
    """Everything started by a test, stopped at its end (before its database is emptied)."""
    started = []
    yield started
    for process in reversed(started):
        process.stop()


@pytest.fixture
def env_for(transactional_db, own_redis, tmp_path):
    def build(**extra):
        return app_environment(connection.settings_dict, own_redis.url(), tmp_path, **extra)

    return build


def start(processes, process):
    processes.append(process)
    return process


def vietnam():
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={"iso_3166_1_a3": "VNM", "printable_name": "Việt Nam", "is_shipping_country": True},
    )


def log_in(visitor, server, username):
    response = visitor.post(server, reverse("sellers:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.text[:300]


def place_guest_order(visitor, server, product, email):
    steps = [
        (reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}),
        (reverse("checkout:index"), {"username": email, "options": "anonymous"}),
        (reverse("checkout:shipping-address"), ADDRESS),
        (reverse("checkout:shipping-method"), None),
        (reverse("checkout:payment-method"), {"method": "cod"}),
        (reverse("checkout:preview"), {"action": "place_order"}),
    ]
    for path, data in steps:
        response = visitor.post(server, path, data) if data else visitor.get(server, path)
        assert response.status_code == 302, (path, response.status_code, response.text[:300])
    return response


def test_a_redis_outage_breaks_no_page_and_loses_no_work(
    eager_tasks, own_redis, env_for, processes, tmp_path
):
    vietnam()
    official = make_official("canbo.faults", "Tủa Chùa")
    seller = make_verified_seller("0912000201", official)
    tea = Shop().product(seller, "Chè Shan Tuyết cổ thụ", 250000, stars=4)
    waiting = make_submitted_seller("0912000202", name="Hộ Lò Văn Pọm")
    app = start(processes, Gunicorn(env_for())).wait_ready()
    seller_visitor, official_visitor, buyer = Visitor(), Visitor(), Visitor()
    log_in(seller_visitor, app, "0912000201")
    assert buyer.get(app, "/").status_code == 200  # the cache is filled

    own_redis.stop()
    for path in ("/", reverse("catalogue:index"), tea.get_absolute_url(), "/search/?q=che"):
        assert buyer.get(app, path).status_code == 200, path
    assert seller_visitor.get(app, reverse("sellers:home")).status_code == 200  # still logged in
    log_in(official_visitor, app, official.email)  # and a new login works
    assert official_visitor.get(app, reverse("officials:queue")).status_code == 200
    response = place_guest_order(buyer, app, tea, "mai@example.vn")
    assert response.headers["Location"] == reverse("checkout:thank-you")
    decision = reverse("officials:seller", kwargs={"pk": waiting.pk})
    assert official_visitor.post(app, decision, {"decision": "approve", "reason": ""}).status_code == 302
    order = Order.objects.get()
    assert Seller.objects.get(pk=waiting.pk).status == Seller.Status.VERIFIED
    pending = set(OutboxMessage.objects.filter(sent_at=None).values_list("task", flat=True))
    assert pending == {
        "marketplace.order.tasks.send_order_confirmation_email",
        "marketplace.core.tasks.send_email",
        "marketplace.core.tasks.send_sms",
        "marketplace.indicators.tasks.refresh_figures",  # the verification moves the figures
    }
    assert sent_mail(tmp_path) == []

    own_redis.start()  # back, empty (no persistence): only the outbox remembers the work
    start(processes, CeleryWorker(env_for(OUTBOX_RELAY_SECONDS=1), tmp_path, "celery", beat=True))
    wait_for(lambda: not OutboxMessage.objects.filter(sent_at=None).exists(), 60, "the relay")
    wait_for(lambda: len(sent_mail(tmp_path)) >= 2, 30, "two e-mails")
    wait_for(lambda: (tmp_path / "sms.txt").exists(), 30, "the SMS")
    time.sleep(2)  # room for a duplicate to show up, if there were one
    recipients = sorted(to for to, _subject in sent_mail(tmp_path))
    assert recipients == sorted(["mai@example.vn", waiting.user.email])
    assert f"đã nhận đơn hàng {order.number}" in dict(sent_mail(tmp_path))["mai@example.vn"]
    assert (tmp_path / "sms.txt").read_text().count("0912000202") == 1
    assert buyer.get(app, "/").status_code == 200


@pytest.mark.parametrize("victim", ["pool process", "whole worker"])
def test_a_worker_killed_mid_task_sends_the_email_exactly_once(
    victim, eager_tasks, env_for, processes, tmp_path
):
    official = make_official("canbo.kill", "Tủa Chùa")
    waiting = make_submitted_seller("0912000203", name="Hộ Quàng Văn Ún")
    gate = tmp_path / "gate"
    env = env_for(
        EMAIL_BACKEND="tests.reliability.backends.GatedFileEmailBackend",
        MAIL_GATE=gate,
        CELERY_VISIBILITY_TIMEOUT=3,
    )
    pool = "prefork" if victim == "pool process" else "solo"
    worker = start(processes, CeleryWorker(env, tmp_path, "celery", pool=pool))
    app = start(processes, Gunicorn(env, workers=1)).wait_ready()
    official_visitor = Visitor()
    log_in(official_visitor, app, official.email)
    decision = reverse("officials:seller", kwargs={"pk": waiting.pk})
    assert official_visitor.post(app, decision, {"decision": "approve", "reason": ""}).status_code == 302
    email_task = OutboxMessage.objects.get(task="marketplace.core.tasks.send_email")

    busy = int(wait_for(lambda: (gate / "started-1").exists() and (gate / "started-1").read_text(), 60))
    if victim == "pool process":  # e.g. the kernel's OOM killer takes the process running the task
        assert busy != worker.pid
        os.kill(busy, signal.SIGKILL)
    else:  # the whole machine or container goes: nothing is acknowledged
        assert busy == worker.pid
        worker.kill()
        start(processes, CeleryWorker(env, tmp_path, "celery"))
    wait_for(lambda: TaskReceipt.objects.filter(key=str(email_task.key)).exists(), 60, "the rerun")
    time.sleep(5)  # longer than the visibility timeout: a duplicate delivery would have run by now
    assert sent_mail(tmp_path) == [(waiting.user.email, "Hồ sơ người bán đã được xác minh")]
    assert len(list(gate.glob("started-*"))) == 2  # killed once, run again, sent once
    wait_for(lambda: (tmp_path / "sms.txt").exists(), 30, "the SMS")
    assert (tmp_path / "sms.txt").read_text().count("0912000203") == 1


def test_a_gunicorn_worker_killed_under_load_loses_at_most_its_own_request(
    eager_tasks, env_for, processes, tmp_path
):
    vietnam()
    official = make_official("canbo.load", "Tủa Chùa")
    tea = Shop().product(make_verified_seller("0912000204", official), "Chè Shan Tuyết", 250000)
    app = start(processes, Gunicorn(env_for(), workers=2)).wait_ready()
    paths = [tea.get_absolute_url(), reverse("catalogue:index"), "/"]
    results = []

    def browse():
        visitor = Visitor()
        for n in range(30):
            try:
                results.append(visitor.get(app, paths[n % 3]).status_code)
            except Exception as error:  # a reset connection is a lost request
                results.append(repr(error))

    threads = [threading.Thread(target=browse) for _ in range(3)]
    for thread in threads:
        thread.start()
    wait_for(lambda: len(results) >= 20, 120, "load")
    victim = app.worker_pids()[0]
    os.kill(victim, signal.SIGKILL)
    for thread in threads:
        thread.join(180)
    lost = [result for result in results if result != 200]
    assert len(results) == 90 and len(lost) <= 1, lost
    wait_for(lambda: len(app.worker_pids()) == 2 and victim not in app.worker_pids(), 30, "a new worker")
    assert Visitor().get(app, "/").status_code == 200


def test_two_app_servers_share_media_logins_and_baskets(eager_tasks, env_for, processes, tmp_path):
    from moto.server import ThreadedMotoServer

    from .processes import free_port

    moto_port = free_port()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=moto_port, verbose=False)
    moto.start()
    try:
        endpoint = f"http://127.0.0.1:{moto_port}"
        keys = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **_lower(keys))
        s3.create_bucket(Bucket="ocop-media")
        public_read = {  # as docs/deployment.md asks: media are read by plain URLs
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": "arn:aws:s3:::ocop-media/*",
                }
            ],
        }
        s3.put_bucket_policy(Bucket="ocop-media", Policy=json.dumps(public_read))
        env = env_for(
            AWS_STORAGE_BUCKET_NAME="ocop-media",
            AWS_S3_ENDPOINT_URL=endpoint,
            AWS_S3_REGION_NAME="us-east-1",
            MEDIA_ROOT=tmp_path / "no-media-on-app-servers",
            **keys,
        )
        one = start(processes, Gunicorn(env, workers=1))
        two = start(processes, Gunicorn(env, workers=1))
        start(processes, CeleryWorker(env, tmp_path, "celery"))
        one.wait_ready(), two.wait_ready()
        vietnam()
        seller = make_verified_seller("0912000205", make_official("canbo.s3", "Tủa Chùa"))

        visitor = Visitor()
        log_in(visitor, one, "0912000205")
        assert visitor.get(two, reverse("sellers:home")).status_code == 200  # the login goes on
        form = {
            "title": "Mật ong hoa ban",
            "description": "Mật ong rừng.",
            "product_group": "food",
            "price": "180000",
            "stock": "5",
            "weight_grams": "500",
        }
        photo = {"photo": ("IMG_0001.jpg", phone_jpeg(), "image/jpeg")}
        response = visitor.post(one, reverse("sellers:product-new"), form, files=photo)
        assert response.status_code == 302, response.text[:300]
        product = Product.objects.get(seller=seller)
        name = product.images.get().original.name
        assert s3.head_object(Bucket="ocop-media", Key=name)["ContentLength"] > 0
        wait_for(lambda: _has(s3, f"thumbs/320/{name.rsplit('.', 1)[0]}.webp"), 60, "thumbnails in S3")

        page = visitor.get(two, product.get_absolute_url())
        assert page.status_code == 200
        images = set(re.findall(rf'{re.escape(endpoint)}/ocop-media/[^"\s,]+', page.text))
        assert any(name.rsplit(".", 1)[0] in url for url in images), images
        for url in images:  # fetched as a browser would, straight from the bucket
            served = requests.get(url, timeout=10)
            assert served.status_code == 200 and served.content[:4] in (b"RIFF", b"\xff\xd8\xff\xe0"), url
        assert not (tmp_path / "no-media-on-app-servers").exists()

        buyer = Visitor()
        assert buyer.get(one, product.get_absolute_url()).status_code == 200
        add = reverse("basket:add", kwargs={"pk": product.pk})
        assert buyer.post(one, add, {"quantity": 2}).status_code == 302
        basket = buyer.get(two, reverse("basket:summary"))
        assert basket.status_code == 200 and "Mật ong hoa ban" in basket.text
    finally:
        moto.stop()


def _lower(keys):
    return {key.lower(): value for key, value in keys.items()}


def _has(s3, key):
    try:
        s3.head_object(Bucket="ocop-media", Key=key)
        return True
    except s3.exceptions.ClientError:
        return False
