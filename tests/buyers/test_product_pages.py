"""Product page, traceability page and label, seller shop page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def rice(shop):
    seller = shop.seller("HTX Gạo Thanh Xương", commune="Thanh Yên", ethnic_code="03")
    return shop.product(seller, "Gạo tám thơm Điện Biên", 45000, stars=4, description="<p>Gạo đặc sản</p>")


def test_product_page_shows_price_stars_certificate_and_producer(client, rice):
    response = client.get(rice.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "45.000" in html and "OCOP 4★" in html
    assert "Còn hiệu lực" in html
    assert rice.seller.name in html and reverse("seller-shop", kwargs={"slug": rice.seller.slug}) in html
    assert "Thái" in html  # the representative's ethnic group, on the producer card
    assert reverse("catalogue:trace", kwargs={"pk": rice.pk}) in html


def test_ethnic_group_is_public_only_with_the_sellers_consent(client, shop):
    private = shop.seller("Hộ ông Giàng A Páo", ethnic_code="08", publish_ethnic=False)
    tea = shop.product(private, "Chè Shan Tuyết", 250000)
    for url in (tea.get_absolute_url(), reverse("seller-shop", kwargs={"slug": private.slug})):
        html = client.get(url).content.decode()
        assert "Giàng A Páo" in html and "H'Mông" not in html and "dân tộc" not in html


def test_out_of_stock_product_page_says_so(client, shop):
    seller = shop.seller("HTX Mật ong")
    honey = shop.product(seller, "Mật ong bạc hà", stock=0)
    html = client.get(honey.get_absolute_url()).content.decode()
    assert "Hết hàng" in html and 'name="quantity"' not in html


def test_product_page_writes_nothing_and_has_a_constant_query_count(client, shop, rice):
    for i in range(60):
        shop.product(rice.seller, f"Sản phẩm {i}")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(rice.get_absolute_url()).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    assert len(queries) <= 12, [q["sql"] for q in queries]


@pytest.mark.parametrize("count", [5, 60])
def test_product_page_query_ceiling(client, shop, django_assert_max_num_queries, count):
    seller = shop.seller("HTX Chè")
    products = [shop.product(seller, f"Chè {i}", stars=3) for i in range(count)]
    with django_assert_max_num_queries(12):
        assert client.get(products[-1].get_absolute_url()).status_code == 200


def test_traceability_page_of_an_expired_certificate_says_so(client, shop):
    seller = shop.seller("HTX Thịt trâu gác bếp", commune="Mường Chà")
    meat = shop.product(seller, "Thịt trâu gác bếp", stars=4, expired=True)
    html = client.get(reverse("catalogue:trace", kwargs={"pk": meat.pk})).content.decode()
    assert "Đã hết hạn" in html and "Còn hiệu lực" not in html
    assert "Mường Chà" in html and seller.name in html
    assert "OCOP 4★" not in client.get(meat.get_absolute_url()).content.decode()


def test_label_has_a_qr_code_of_the_traceability_url(client, rice):
    html = client.get(reverse("catalogue:label", kwargs={"pk": rice.pk})).content.decode()
    assert "<svg" in html
    assert f"/catalogue/trace/{rice.pk}/" in html


def test_seller_shop_page(client, shop, rice):
    html = client.get(reverse("seller-shop", kwargs={"slug": rice.seller.slug})).content.decode()
    assert rice.title in html and rice.seller.story in html and "Thanh Yên" in html
    pending = shop.seller("Hộ chưa duyệt", status="submitted")
    assert client.get(reverse("seller-shop", kwargs={"slug": pending.slug})).status_code == 404


def test_unknown_pages_are_404(client):
    assert client.get("/catalogue/trace/999999/").status_code == 404
    assert client.get("/catalogue/x_999999/").status_code == 404
    assert client.get("/order-status/not-a-token/").status_code == 404


def test_only_buyers_may_review(client, django_user_model, rice):
    user = django_user_model.objects.create_user(username="u1", email="u1@example.com", password="pw-123456")
    assert not rice.is_review_permitted(user)
    client.force_login(user)
    url = reverse("catalogue:reviews-add", kwargs={"product_slug": rice.slug, "product_pk": rice.pk})
    assert client.get(url).status_code == 302  # Oscar refuses and sends the user back
