"""A seller hides one of its products (out of season, paused) and shows it again: hidden products
leave the public catalogue, product page and shop page, and are never deleted."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from .conftest import make_product

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db


def set_visible(client, product, visible):
    url = reverse("sellers:product-visibility", kwargs={"pk": product.pk})
    return client.post(url, {"visible": "1" if visible else "0"})


def public_pages(client, product):
    catalogue = client.get("/catalogue/").content.decode()
    shop = client.get(reverse("seller-shop", kwargs={"slug": product.seller.slug})).content.decode()
    detail = client.get(product.get_absolute_url())
    return product.title in catalogue, product.title in shop, detail.status_code


def test_hidden_product_leaves_the_catalogue_and_comes_back_when_shown(client, two_shops):
    a, b, product_a, product_b, order = two_shops
    other = make_product(a, title="Mật ong bạc hà")
    assert public_pages(client, product_a) == (True, True, 200)

    client.force_login(a.user)
    response = set_visible(client, product_a, False)
    assert response.status_code == 302 and response.url == reverse("sellers:products")
    product_a.refresh_from_db()
    assert product_a.is_public is False
    page = client.get(reverse("sellers:products")).content.decode()
    assert "Đang ẩn" in page and "Hiện lại" in page  # still in the seller's own list

    client.logout()
    assert public_pages(client, product_a) == (False, False, 404)
    assert public_pages(client, other)[:2] == (True, True)  # only that one is hidden
    assert client.get(reverse("catalogue:trace", kwargs={"pk": product_a.pk})).status_code == 404
    # Orders still point at it: nothing was deleted.
    assert Product.objects.filter(pk=product_a.pk).exists() and order.lines.filter(product=product_a).exists()

    # Editing a hidden product keeps it hidden.
    client.force_login(a.user)
    client.post(
        reverse("sellers:product-edit", kwargs={"pk": product_a.pk}),
        {
            "title": product_a.title,
            "description": "Mùa sau",
            "product_group": "beverage",
            "price": "150000",
            "stock": "5",
            "weight_grams": "250",
        },
    )
    product_a.refresh_from_db()
    assert product_a.description == "Mùa sau" and product_a.is_public is False

    assert set_visible(client, product_a, True).status_code == 302
    client.logout()
    assert public_pages(client, product_a) == (True, True, 200)


def test_a_seller_cannot_hide_another_sellers_product(client, two_shops):
    a, b, product_a, product_b, order = two_shops
    client.force_login(a.user)
    assert set_visible(client, product_b, False).status_code == 404
    product_b.refresh_from_db()
    assert product_b.is_public is True
    url = reverse("sellers:product-visibility", kwargs={"pk": product_a.pk})
    assert client.get(url).status_code == 405  # a change only by POST
    assert client.post(reverse("sellers:product-visibility", kwargs={"pk": 999999})).status_code == 404


def test_anonymous_users_are_sent_to_login(client, two_shops):
    a, b, product_a, *_rest = two_shops
    response = set_visible(client, product_a, False)
    assert response.status_code == 302 and response.url.startswith(reverse("sellers:login"))
    product_a.refresh_from_db()
    assert product_a.is_public is True
