"""Buyer-side test data: verified sellers with OCOP products, and a guest checkout helper."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def _vietnam_and_eager_celery(request):
    """Vietnam as shipping country (transactional tests empty the table) and in-process tasks."""
    db_fixtures = {"db", "transactional_db", "live_server", "client"}
    if not (request.node.get_closest_marker("django_db") or db_fixtures & set(request.fixturenames)):
        yield
        return
    from oscar.core.loading import get_model

    from marketplace.celery import app

    Country = get_model("address", "Country")
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={"iso_3166_1_a3": "VNM", "printable_name": "Việt Nam", "is_shipping_country": True},
    )
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def page_cache_off(settings):
    """For tests that read a view's context (search, facets): every request renders."""
    settings.PAGE_CACHE = False


class Shop:
    """Builds sellers and products the way the real services would leave them."""

    def commune(self, name):
        from sellers.models import Commune

        return Commune.objects.get(name=name)

    def seller(self, name, commune="Mường Ảng", status="verified", ethnic_code="04", publish_ethnic=True):
        from oscar.core.loading import get_model

        from sellers.models import EthnicGroup, Seller

        Partner = get_model("partner", "Partner")
        n = next(_seq)
        partner = Partner.objects.create(name=name)
        return Seller.objects.create(
            partner=partner,
            name=name,
            slug=f"seller-{n}",
            entity_type=Seller.EntityType.COOPERATIVE,
            commune=self.commune(commune),
            rep_name="Lò Văn A",
            rep_ethnic_group=EthnicGroup.objects.filter(code=ethnic_code).first(),
            publish_ethnic_group=publish_ethnic,
            story="Cây chè cổ thụ trên núi cao.",
            status=status,
        )

    def product(
        self,
        seller,
        title,
        price=100000,
        stock=10,
        description="",
        stars=None,
        expired=False,
        group="food",
        weight=500,
        created=None,
        service=False,
    ):
        from oscar.core.loading import get_model

        from marketplace.catalogue.services import refresh_ocop_fields
        from sellers.models import OcopCertificate

        Product = get_model("catalogue", "Product")
        ProductClass = get_model("catalogue", "ProductClass")
        StockRecord = get_model("partner", "StockRecord")
        product_class, _ = ProductClass.objects.get_or_create(
            slug="service" if service else "ocop",
            defaults={"name": "OCOP", "track_stock": True, "requires_shipping": not service},
        )
        product = Product.objects.create(
            title=title,
            description=description,
            product_class=product_class,
            seller=seller,
            product_group=group,
            weight_grams=weight,
            is_public=True,
        )
        if created:
            Product.objects.filter(pk=product.pk).update(date_created=created)
        StockRecord.objects.create(
            product=product,
            partner=seller.partner,
            partner_sku=f"SKU{product.pk}",
            price=Decimal(price),
            price_currency="VND",
            num_in_stock=stock,
        )
        if stars:
            today = timezone.localdate()
            issued = today - datetime.timedelta(days=1200 if expired else 30)
            cert = OcopCertificate.objects.create(
                seller=seller,
                product_name=title,
                stars=stars,
                product_group=group,
                decision_number=f"{next(_seq)}/QĐ-UBND",
                issued_on=issued,
                expires_on=issued + datetime.timedelta(days=36 * 30),
                approved=True,
            )
            cert.products.add(product)
            refresh_ocop_fields([product])
        return product


@pytest.fixture
def shop():
    return Shop()


ADDRESS = {
    "first_name": "Nguyễn Thị Hoa",
    "phone_number": "0912345678",
    "state": "Hà Nội",
    "line4": "Phường Ba Đình",
    "line1": "12 phố Phan Đình Phùng",
    "notes": "",
}


def add_to_basket(client, product, quantity=1):
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    assert response.status_code == 302


def prepare_guest_checkout(client, email, **address):
    """Walk a guest through every step up to the preview page (nothing placed yet)."""
    response = client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
    assert response.status_code == 302, response.content[:500]
    response = client.post(reverse("checkout:shipping-address"), {**ADDRESS, **address})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    response = client.get(reverse("checkout:shipping-method"))
    assert response.status_code == 302
    response = client.post(reverse("checkout:payment-method"), {"method": "cod"})
    assert response["Location"] == reverse("checkout:preview")


def place_order(client):
    return client.post(reverse("checkout:preview"), {"action": "place_order"})
