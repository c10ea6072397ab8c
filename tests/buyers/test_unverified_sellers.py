"""Products of sellers who are not (or no longer) verified cannot be bought, even by product id."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ["submitted", "changes_requested", "rejected"])
def test_basket_refuses_a_product_of_an_unverified_seller(client, shop, status):
    product = shop.product(shop.seller("HTX chưa xác minh", status=status), "Mật ong rừng")
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True)
    assert response.status_code == 200
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 0


def test_basket_accepts_a_verified_sellers_product(client, shop):
    product = shop.product(shop.seller("HTX đã xác minh"), "Mật ong rừng")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 1


@pytest.mark.parametrize("status", ["submitted", "rejected"])
def test_an_unverified_sellers_product_has_no_public_pages(client, shop, status):
    product = shop.product(shop.seller("HTX chưa xác minh", status=status), "Mật ong rừng")
    assert client.get(product.get_absolute_url()).status_code == 404
    assert client.get(reverse("catalogue:trace", kwargs={"pk": product.pk})).status_code == 404
    assert client.get(reverse("catalogue:label", kwargs={"pk": product.pk})).status_code == 404
