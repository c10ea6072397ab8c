"""Cached catalogue counts (facets, page count): invalidated by writes, consistent per facet."""

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_communes(shop):
    a = shop.seller("HTX Gạo Mường Thanh", commune="Mường Thanh")
    b = shop.seller("HTX Chè Tủa Chùa", commune="Tủa Chùa")
    shop.product(a, "Gạo tám thơm", stars=4)
    shop.product(a, "Gạo nếp", stars=3)
    shop.product(b, "Chè Shan Tuyết", stars=5, group="beverage")
    shop.product(b, "Mật ong rừng")
    return a, b


def communes(response):
    return {c["seller__commune__name"]: c["n"] for c in response.context["facets"]["communes"]}


def test_a_new_product_shows_in_the_counts_of_the_next_request(client, shop, two_communes):
    url = reverse("catalogue:index")
    assert client.get(url).context["facets"]["groups"] == {"food": 3, "beverage": 1}
    shop.product(two_communes[1], "Chè búp", group="beverage")
    response = client.get(url)
    assert response.context["facets"]["groups"] == {"food": 3, "beverage": 2}
    assert response.context["paginator"].count == 5


def test_stars_refreshed_by_a_new_certificate_show_at_once(client, shop, two_communes):
    from marketplace.catalogue.services import refresh_ocop_fields

    url = reverse("catalogue:index")
    assert client.get(url).context["facets"]["stars"] == {3: 3, 4: 2, 5: 1}
    honey = shop.product(two_communes[1], "Mật ong bạc hà")
    assert client.get(url).context["facets"]["stars"] == {3: 3, 4: 2, 5: 1}
    certificate = two_communes[1].certificates.get(stars=5)
    certificate.products.add(honey)
    refresh_ocop_fields([honey])  # a queryset.update(): no post_save
    assert client.get(url).context["facets"]["stars"] == {3: 4, 4: 3, 5: 2}


def test_each_facet_counts_ignore_only_its_own_filter(client, shop, two_communes):
    tua_chua = shop.commune("Tủa Chùa")
    response = client.get(reverse("catalogue:index"), {"commune": tua_chua.pk, "stars": 4})
    facets = response.context["facets"]
    assert facets["groups"] == {"beverage": 1}  # Tủa Chùa, 4★+
    assert communes(response) == {"Mường Thanh": 1, "Tủa Chùa": 1}  # any commune, 4★+
    assert facets["stars"] == {3: 1, 4: 1, 5: 1}  # Tủa Chùa, any stars
    assert response.context["paginator"].count == 1


def test_typo_fallback_only_when_nothing_matches_exactly(client, two_communes):
    url = reverse("search:search")
    assert [p.title for p in client.get(url, {"q": "gao tam"}).context["products"]] == ["Gạo tám thơm"]
    assert connection.vendor == "postgresql"  # tests run on PostgreSQL: typo tolerance is pg_trgm's
    typo = client.get(url, {"q": "shan tuyt"})
    assert "Chè Shan Tuyết" in [p.title for p in typo.context["products"]]
