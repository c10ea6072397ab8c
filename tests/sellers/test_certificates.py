"""OCOP certificates: verified by an official; expired ones lose the badge (read time and daily task)."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sellers import services
from sellers.models import AuditLogEntry, OcopCertificate
from sellers.tasks import expire_certificates

from .conftest import jpeg_bytes, make_product, make_verified_seller

pytestmark = pytest.mark.django_db


def test_seller_adds_certificate_official_verifies_stars_show(client, official):
    seller = make_verified_seller("0912000201", official)
    product = make_product(seller)
    today = timezone.localdate()
    client.force_login(seller.user)
    response = client.post(
        reverse("sellers:certificate-new"),
        {
            "product_name": "Chè Shan Tuyết Tủa Chùa",
            "stars": "4",
            "product_group": "beverage",
            "decision_number": "1234/QĐ-UBND",
            "level": "province",
            "issued_on": (today - datetime.timedelta(days=30)).isoformat(),
            "expires_on": (today + datetime.timedelta(days=365)).isoformat(),
            "scan": SimpleUploadedFile("giay.jpg", jpeg_bytes(), "image/jpeg"),
            "products": [product.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()
    certificate = OcopCertificate.objects.get(seller=seller)
    assert not certificate.approved and product.ocop_certificates.valid().count() == 0

    client.force_login(official)
    assert certificate.product_name in client.get(reverse("officials:queue")).content.decode()
    client.post(reverse("officials:certificate", kwargs={"pk": certificate.pk}), {"decision": "approve"})
    product.refresh_from_db()
    assert product.ocop_stars == 4 and product.ocop_stars_on(today) == 4
    assert AuditLogEntry.objects.filter(action="certificate.approve", seller=seller).exists()


def test_expired_certificate_loses_badge_at_read_time_and_after_daily_task(official):
    seller = make_verified_seller("0912000202", official)
    product = make_product(seller)
    today = timezone.localdate()
    certificate = services.add_certificate(
        seller,
        products=[product],
        product_name="Mật ong bạc hà",
        stars=3,
        product_group="food",
        decision_number="99/QĐ-UBND",
        level="province",
        issued_on=today - datetime.timedelta(days=3 * 365),
        expires_on=today,
    )
    services.decide_certificate(certificate, official=official, approve=True)
    product.refresh_from_db()
    assert product.ocop_stars == 3

    tomorrow = today + datetime.timedelta(days=1)
    # Read time: the day after expiry, before any task ran, the badge is gone.
    assert product.ocop_stars_on(tomorrow) is None
    assert not OcopCertificate.objects.valid(on=tomorrow).exists()
    assert not certificate.is_valid(on=tomorrow)

    # The daily task flags it and clears the product's denormalised stars.
    assert services.expire_certificates(on=tomorrow) == 1
    certificate.refresh_from_db()
    product.refresh_from_db()
    assert certificate.is_expired and product.ocop_stars is None and product.ocop_expires_on is None
    assert services.expire_certificates(on=tomorrow) == 0  # idempotent


def test_daily_expiry_task_is_scheduled():
    entry = settings.CELERY_BEAT_SCHEDULE["expire-ocop-certificates"]
    assert entry["task"] == expire_certificates.name
