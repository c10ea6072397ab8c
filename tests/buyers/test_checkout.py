"""Basket across sellers → one order split into one part per seller; emails; status link."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.order import status_links
from marketplace.shipping.rates import flat_rate_by_weight_and_region, region_of

from .conftest import ADDRESS, add_to_basket, place_order, prepare_guest_checkout

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


def status_paths(text):
    prefix = status_links.status_path(Order(number="0")).rsplit("/", 2)[0] + "/"
    return re.findall(re.escape(prefix) + r"[^/\s\"']+/", text)


def signed_order_number(text):
    """The order number carried by the (one) signed status link in a text."""
    numbers = {
        status_links.order_number_from_token(path.rstrip("/").rsplit("/", 1)[1])
        for path in status_paths(text)
    }
    assert len(numbers) == 1, numbers
    return numbers.pop()


def test_flat_rate_by_weight_and_region():
    assert region_of("Điện Biên") == "dien_bien" and region_of("Hồ Chí Minh") == "south"
    assert flat_rate_by_weight_and_region(1000, "north") == 25000
    assert flat_rate_by_weight_and_region(1001, "north") == 30000
    assert flat_rate_by_weight_and_region(2500, "south") == 38000 + 3 * 8000


def test_three_products_of_two_sellers_make_one_order_in_two_parts(
    client, shop, django_capture_on_commit_callbacks
):
    rice_coop = shop.seller("HTX Gạo", commune="Thanh Yên")
    tea_coop = shop.seller("HTX Chè", commune="Tủa Chùa")
    rice = shop.product(rice_coop, "Gạo tám", 45000, weight=1000)
    sticky = shop.product(rice_coop, "Gạo nếp", 60000, weight=1000)
    tea = shop.product(tea_coop, "Chè Shan Tuyết", 250000, weight=200)
    add_to_basket(client, rice, 2)
    add_to_basket(client, sticky)
    add_to_basket(client, tea)
    prepare_guest_checkout(client, "hoa@example.com", state="Hồ Chí Minh")
    preview = client.get(reverse("checkout:preview"))
    assert preview.status_code == 200 and len(preview.context["seller_parts"]) == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = place_order(client)
    assert response.status_code == 302 and response["Location"] == reverse("checkout:thank-you")

    order = Order.objects.get()
    parts = {part.partner.seller.name: part for part in order.parts.all()}
    assert set(parts) == {"HTX Gạo", "HTX Chè"}
    # Rice coop: 2 × 45,000 + 60,000; one 3 kg parcel to the south: 38,000 + 4 × 8,000.
    assert parts["HTX Gạo"].items_total == Decimal(150000)
    assert parts["HTX Gạo"].shipping_charge == Decimal(70000)
    assert parts["HTX Chè"].items_total == Decimal(250000)
    assert parts["HTX Chè"].shipping_charge == Decimal(38000)
    assert order.shipping_incl_tax == Decimal(108000)
    assert order.total_incl_tax == Decimal(400000 + 108000)
    assert order.guest_email == "hoa@example.com"
    assert str(order.shipping_address.phone_number).endswith("912345678")
    assert order.sources.get().source_type.code == "cod"
    assert StockRecord.objects.get(product=rice).num_allocated == 2

    # Confirmation email (Celery task) in Vietnamese, with the signed status link.
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["hoa@example.com"] and "đã nhận đơn hàng" in email.subject
    # The link is signed with a timestamp, so compare what it opens, not its text.
    assert signed_order_number(email.body) == order.number

    thanks = client.get(reverse("checkout:thank-you")).content.decode()
    assert signed_order_number(thanks) == order.number
    status = client.get(status_paths(thanks)[0]).content.decode()
    assert "HTX Gạo" in status and "HTX Chè" in status and "Đã xác nhận" in status


def test_a_seller_part_with_only_a_homestay_pays_no_shipping(client, shop):
    goods = shop.product(shop.seller("HTX Gạo"), "Gạo tám", 45000, weight=1000)
    homestay = shop.product(shop.seller("Homestay bản Mển"), "Một đêm homestay", 300000, service=True)
    add_to_basket(client, goods)
    add_to_basket(client, homestay)
    prepare_guest_checkout(client, "lan@example.com", state="Hà Nội")
    assert place_order(client).status_code == 302

    order = Order.objects.get()
    charges = {part.partner.seller.name: part.shipping_charge for part in order.parts.all()}
    assert charges == {"HTX Gạo": Decimal(25000), "Homestay bản Mển": Decimal(0)}
    assert order.shipping_incl_tax == Decimal(25000)
    assert order.total_incl_tax == Decimal(45000 + 300000 + 25000)


def test_address_needs_phone_and_province(client, shop):
    product = shop.product(shop.seller("HTX"), "Mật ong")
    add_to_basket(client, product)
    client.post(reverse("checkout:index"), {"username": "a@example.com", "options": "anonymous"})
    response = client.post(
        reverse("checkout:shipping-address"),
        {"first_name": "A", "line1": "1", "line4": "X", "state": "Narnia", "phone_number": ""},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"phone_number", "state"}
    assert "postcode" not in response.context["form"].fields


def test_status_email_for_a_seller_part(client, shop):
    product = shop.product(shop.seller("HTX Chè"), "Chè")
    add_to_basket(client, product)
    prepare_guest_checkout(client, "b@example.com")
    place_order(client)
    part = Order.objects.get().parts.get()
    part.status, part.carrier, part.tracking_code = "shipped", "VNPost", "EB123VN"
    part.save()
    mail.outbox.clear()
    from marketplace.order.tasks import send_order_status_email

    assert send_order_status_email(part.id) is True
    assert "Đang giao" in mail.outbox[0].subject and "EB123VN" in mail.outbox[0].body


def test_buyer_of_a_product_sold_meanwhile_is_told_before_paying(client, shop):
    product = shop.product(shop.seller("HTX"), "Gạo cuối", stock=1)
    add_to_basket(client, product)
    prepare_guest_checkout(client, "late@example.com")
    StockRecord.objects.filter(product=product).update(num_allocated=1)  # someone else just bought it
    response = place_order(client)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Gạo cuối" in page
    assert Order.objects.count() == 0


def test_allocation_is_refused_when_stock_ran_out_after_the_check(shop):
    from marketplace.partner.exceptions import InsufficientStock

    product = shop.product(shop.seller("HTX"), "Gạo cuối", stock=2)
    record = StockRecord.objects.get(product=product)
    record.allocate(2)
    with pytest.raises(InsufficientStock, match="vừa được người khác đặt hết"):
        record.allocate(1)
    record.refresh_from_db()
    assert record.num_allocated == 2


def test_account_order_page_shows_the_parts(client, shop, django_user_model):
    user = django_user_model.objects.create_user(username="u", email="u@example.com", password="pw-123456")
    client.force_login(user)
    product = shop.product(shop.seller("HTX Mật ong"), "Mật ong")
    add_to_basket(client, product)
    client.get(reverse("checkout:index"))
    response = client.post(reverse("checkout:shipping-address"), {**ADDRESS})
    assert response.status_code == 302
    client.get(reverse("checkout:shipping-method"))
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    assert place_order(client).status_code == 302
    order = Order.objects.get(user=user)
    html = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()
    assert "Tình trạng từng kiện hàng" in html and "Đã xác nhận" in html and "HTX Mật ong" in html


def test_a_buyer_who_ordered_a_product_can_review_it_once(client, shop, django_user_model):
    user = django_user_model.objects.create_user(username="r", email="r@example.com", password="pw-123456")
    client.force_login(user)
    honey = shop.product(shop.seller("HTX Mật ong"), "Mật ong bạc hà")
    add_to_basket(client, honey)
    client.get(reverse("checkout:index"))
    client.post(reverse("checkout:shipping-address"), {**ADDRESS})
    client.get(reverse("checkout:shipping-method"))
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    assert place_order(client).status_code == 302

    url = reverse("catalogue:reviews-add", kwargs={"product_slug": honey.slug, "product_pk": honey.pk})
    review = {"score": 5, "title": "Mật thơm", "body": "Mật ong bạc hà thơm, đóng gói cẩn thận."}
    assert client.post(url, review).status_code == 302
    honey.refresh_from_db()
    assert honey.reviews.get().user == user and honey.rating == 5
    assert "Mật thơm" in client.get(honey.get_absolute_url()).content.decode()
    # A second review by the same buyer is refused.
    client.post(url, {**review, "title": "Lần hai"})
    assert honey.reviews.count() == 1
