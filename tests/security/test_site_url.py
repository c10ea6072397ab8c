"""The site's public address comes from settings (SITE_URL, from the environment): order e-mails
link to it, and `migrate` writes it into Django's and Wagtail's site records (defect 8)."""

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import call_command
from oscar.core.loading import get_model

from tests.sellers.conftest import make_order

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")


def test_the_setting_is_read_from_the_environment():
    assert settings.SITE_URL == "http://testserver.ocop-dienbien.test"  # set in settings/test.py's env


def test_order_emails_link_to_the_configured_site(shop):
    from marketplace.order.tasks import send_order_confirmation_email

    seller = shop.seller("HTX Gạo")
    order = make_order("300001", (seller, shop.product(seller, "Gạo")), email="mua@example.vn")
    mail.outbox.clear()
    assert send_order_confirmation_email(order.pk)
    body = mail.outbox[0].body
    assert f"{settings.SITE_URL}/" in body
    assert "example.com" not in body


def test_migrate_writes_the_address_into_the_site_records(settings):
    from wagtail.models import Site as WagtailSite

    settings.SITE_URL = "https://cho.ocop-dienbien.vn"
    call_command("migrate", verbosity=0)
    site = Site.objects.get(pk=settings.SITE_ID)
    assert site.domain == "cho.ocop-dienbien.vn"
    wagtail_site = WagtailSite.objects.get(is_default_site=True)
    assert (wagtail_site.hostname, wagtail_site.port) == ("cho.ocop-dienbien.vn", 443)
