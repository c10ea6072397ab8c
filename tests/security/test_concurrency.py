"""Two officials decide the same file at the same moment: one decision (defect 10).

Real threads, each with its own PostgreSQL connection, posting the officials' form at once.
Without the row lock both saw "submitted" and both approved: two partners, two audit entries,
two notices.
"""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from sellers import services
from sellers.models import AuditLogEntry, OcopCertificate, Seller
from tests.sellers.conftest import make_official, make_submitted_seller, make_verified_seller

Partner = get_model("partner", "Partner")
Notification = get_model("communication", "Notification")


def _at_once(requests):
    """Run each (client, url, data) POST in its own thread, released together."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def post(i, client, url, data):
        try:
            barrier.wait()
            results[i] = client.post(url, data).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_two_officials_approving_one_registration_at_once_make_one_decision():
    commune_official = make_official("canbo.xa", "Tủa Chùa")
    province_official = make_official("canbo.tinh")
    seller = make_submitted_seller("0912000801")
    partners_before = Partner.objects.count()
    url = reverse("officials:seller", kwargs={"pk": seller.pk})
    statuses = _at_once(
        [
            (_signed_in(commune_official), url, {"decision": "approve"}),
            (_signed_in(province_official), url, {"decision": "approve"}),
        ]
    )
    assert sorted(statuses) == [200, 302]  # one decided, the other told it is decided already
    seller.refresh_from_db()
    assert seller.status == Seller.Status.VERIFIED
    assert Partner.objects.count() == partners_before + 1
    assert AuditLogEntry.objects.filter(seller=seller, action="seller.approve").count() == 1
    assert Notification.objects.filter(recipient=seller.user).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_officials_deciding_one_certificate_at_once_make_one_decision():
    commune_official = make_official("canbo.xa", "Tủa Chùa")
    province_official = make_official("canbo.tinh")
    seller = make_verified_seller("0912000802", commune_official)
    today = timezone.localdate()
    certificate = services.add_certificate(
        seller,
        product_name="Chè Shan Tuyết",
        stars=4,
        product_group="beverage",
        decision_number="7/QĐ-UBND",
        issued_on=today - datetime.timedelta(days=10),
        expires_on=today + datetime.timedelta(days=900),
    )
    url = reverse("officials:certificate", kwargs={"pk": certificate.pk})
    statuses = _at_once(
        [
            (_signed_in(commune_official), url, {"decision": "approve"}),
            (_signed_in(province_official), url, {"decision": "reject", "reason": "Ảnh mờ"}),
        ]
    )
    assert sorted(statuses) == [200, 302]
    certificate = OcopCertificate.objects.get(pk=certificate.pk)
    assert certificate.reviewed_at is not None
    assert AuditLogEntry.objects.filter(seller=seller, action__startswith="certificate.").count() == 1
