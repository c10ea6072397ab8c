"""Pages that once answered 500: each now answers a page, a form error or a 4xx."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from tests.sellers.conftest import make_order

from .html_forms import form_data, page_forms

pytestmark = pytest.mark.django_db
User = get_user_model()
Range = get_model("offer", "Range")


def test_a_public_range_page_lists_its_products(client, shop):
    product = shop.product(shop.seller("HTX Gạo"), "Gạo Séng Cù", stars=4)
    offer_range = Range.objects.create(name="Quà Tết", slug="qua-tet", is_public=True)
    offer_range.add_product(product)
    response = client.get(reverse("catalogue:range", kwargs={"slug": "qua-tet"}))
    assert response.status_code == 200
    assert "Gạo Séng Cù" in response.content.decode() and "OCOP 4★" in response.content.decode()


def test_a_buyer_who_bought_the_product_can_open_the_review_form(client, shop):
    seller = shop.seller("HTX Gạo")
    product = shop.product(seller, "Gạo Séng Cù")
    buyer = User.objects.create_user("buyer", "mua@example.vn", "Mat-khau-2025")
    order = make_order("200001", (seller, product), email="mua@example.vn")
    order.user = buyer
    order.save()
    client.force_login(buyer)
    url = reverse("catalogue:reviews-add", kwargs={"product_slug": product.slug, "product_pk": product.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="body"' in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/orders/%00/",
        "/dashboard/orders/%00/",
        "/dashboard/orders/?order_number=%00",
        "/dashboard/orders/%00/shipping-address/",
        "/accounts/orders/?order_number=%00",
        "/catalogue/?q=%00",
        "/%00/",
    ],
)
def test_a_nul_byte_in_the_path_or_query_is_a_400(client, url):
    operator = User.objects.create_user("op", "op@example.vn", "x", is_staff=True, is_superuser=True)
    client.force_login(operator)
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("value", ["abc", "\x00", "1e999", "-1"])
def test_a_malformed_recommendation_on_the_dashboard_product_form_is_a_form_error(client, shop, value):
    product = shop.product(shop.seller("HTX Gạo"), "Gạo Séng Cù")
    operator = User.objects.create_user("op", "op@example.vn", "x", is_staff=True, is_superuser=True)
    client.force_login(operator)
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    form = [f for f in page_forms(client.get(url).content.decode()) if f["method"] == "post"][-1]
    data = {**form_data(form), "primary_recommendations-0-recommendation": value}
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with its error
    product.refresh_from_db()
    assert product.title == "Gạo Séng Cù"
