"""Sellers' test data: people in each role, shops with products, and orders split per seller."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model
from PIL import Image

from marketplace.catalogue import services as catalogue_services
from sellers import services
from sellers.models import Commune, EthnicGroup, OfficialProfile, Seller
from tests.in_process import _media, _tasks_run_in_process  # noqa: F401 - autouse fixtures

User = get_user_model()
Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderPart = get_model("order", "OrderPart")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")

PASSWORD = "Mat-khau-2025"


def commune(name):
    return Commune.objects.get(name=name)


def make_official(username, commune_name=None):
    user = User.objects.create_user(
        username=username, email=f"{username}@ubnd.dienbien.gov.vn", password=PASSWORD
    )
    OfficialProfile.objects.create(user=user, commune=commune(commune_name) if commune_name else None)
    return user


def make_submitted_seller(phone, commune_name="Tủa Chùa", name="Hộ Giàng A Dế", assisted_by=None):
    seller = services.register(
        phone=phone,
        password=PASSWORD,
        commune=commune(commune_name),
        email=f"{phone}@example.vn",
        assisted_by=assisted_by,
    )
    services.save_shop(seller, name=name, entity_type=Seller.EntityType.HOUSEHOLD, address="Bản Sín Chải")
    services.save_step(
        seller, services.STEP_REPRESENTATIVE, rep_name="Giàng A Dế", rep_sex="M", rep_birth_year=1980
    )
    services.record_consent(seller)
    services.save_identity(
        seller, ethnic_group=EthnicGroup.objects.get(name="H'Mông"), citizen_id="011080001234"
    )
    services.save_step(seller, services.STEP_STORY, story="Chè Shan Tuyết cổ thụ.")
    return services.submit_registration(seller)


def make_verified_seller(phone, official, commune_name="Tủa Chùa", name="Hộ Giàng A Dế"):
    seller = make_submitted_seller(phone, commune_name=commune_name, name=name)
    return services.decide_registration(seller, official=official, decision="approve")


def make_product(seller, title="Chè Shan Tuyết Tủa Chùa 200g", price=150000, stock=10):
    return catalogue_services.save_product(
        seller,
        title=title,
        description="Chè búp hái từ cây cổ thụ.",
        product_group="beverage",
        price=Decimal(price),
        stock=stock,
        weight_grams=250,
    )


def make_order(number, *sellers_products, email="nguoimua@example.vn"):
    """One buyer order with one line per (seller, product), split into one part per seller."""
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults={"name": "Việt Nam", "printable_name": "Việt Nam", "is_shipping_country": True},
    )
    address = ShippingAddress.objects.create(
        first_name="Nguyễn Thị Mai",
        line1="12 Trần Phú",
        line4="Hà Nội",
        country=country,
        phone_number="+84912000111",
    )
    total = sum(product.stockrecords.first().price for _seller, product in sellers_products)
    order = Order.objects.create(
        number=number,
        currency="VND",
        total_incl_tax=total,
        total_excl_tax=total,
        guest_email=email,
        shipping_address=address,
    )
    for seller, product in sellers_products:
        record = product.stockrecords.first()
        record.allocate(1)  # as checkout does: a placed line holds its stock until delivery
        Line.objects.create(
            order=order,
            partner=seller.partner,
            partner_name=seller.partner.name,
            partner_sku=record.partner_sku,
            stockrecord=record,
            product=product,
            title=product.title,
            quantity=1,
            num_allocated=1,
            line_price_incl_tax=record.price,
            line_price_excl_tax=record.price,
            line_price_before_discounts_incl_tax=record.price,
            line_price_before_discounts_excl_tax=record.price,
            unit_price_incl_tax=record.price,
            unit_price_excl_tax=record.price,
        )
        OrderPart.objects.create(
            order=order, partner=seller.partner, items_total=record.price, shipping_charge=30000
        )
    return order


def jpeg_bytes(size=(64, 32), **save_kwargs):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", **save_kwargs)
    return out.getvalue()


@pytest.fixture
def official(db):
    return make_official("canbo.tuachua", "Tủa Chùa")


@pytest.fixture
def two_shops(db, official):
    """Seller A and seller B, each verified with one product, and one order holding both."""
    a = make_verified_seller("0912000001", official, name="Hộ Giàng A Dế")
    b = make_verified_seller("0912000002", official, name="HTX Chè Sín Chải")
    product_a = make_product(a, title="Chè Shan Tuyết A")
    product_b = make_product(b, title="Chè Shan Tuyết B", price=200000)
    order = make_order("100001", (a, product_a), (b, product_b))
    return a, b, product_a, product_b, order
