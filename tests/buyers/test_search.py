"""Catalogue listing and accent-insensitive search on PostgreSQL."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

# These tests read the view's context (the products), which a cached page does not have.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def titles(response):
    return [p.title for p in response.context["products"]]


@pytest.fixture
def catalogue(shop):
    a = shop.seller("HTX Nông sản Mường Thanh", commune="Mường Thanh")
    b = shop.seller("HTX Chè Tủa Chùa", commune="Tủa Chùa", ethnic_code="04")
    return {
        "rice": shop.product(a, "Gạo tám thơm Điện Biên", 45000, stars=4, description="Gạo ngon"),
        "rice2": shop.product(a, "Gạo nếp nương", 60000, description="Giống lúa của Điện Biên", stars=3),
        "tea": shop.product(b, "Chè Shan Tuyết cổ thụ", 250000, stars=5, group="beverage"),
        "honey": shop.product(b, "Mật ong rừng", 300000, group="food"),
    }


@pytest.mark.parametrize("query", ["gao dien bien", "GẠO ĐIỆN BIÊN", "gạo điện biên", "Gao Đien Bien"])
def test_search_is_accent_and_case_insensitive(client, catalogue, query):
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code == 200
    assert set(titles(response)) == {"Gạo tám thơm Điện Biên", "Gạo nếp nương"}


def test_title_matches_rank_above_description_matches(client, catalogue):
    response = client.get(reverse("search:search"), {"q": "gao dien bien"})
    assert titles(response)[0] == "Gạo tám thơm Điện Biên"


def test_d_and_dj_are_the_same_letter(client, catalogue):
    assert titles(client.get(reverse("search:search"), {"q": "điện"})) == titles(
        client.get(reverse("search:search"), {"q": "dien"})
    )


def test_typo_tolerance_and_seller_name(client, catalogue):
    assert "Chè Shan Tuyết cổ thụ" in titles(client.get(reverse("search:search"), {"q": "che shan tuyet"}))
    assert "Chè Shan Tuyết cổ thụ" in titles(client.get(reverse("search:search"), {"q": "shan tuyt"}))
    by_seller = titles(client.get(reverse("search:search"), {"q": "tua chua"}))
    assert set(by_seller) == {"Chè Shan Tuyết cổ thụ", "Mật ong rừng"}


def test_only_verified_sellers_with_stock_are_listed(client, shop, catalogue):
    pending = shop.seller("Hộ chưa xác minh", status="submitted")
    shop.product(pending, "Gạo chưa duyệt")
    seller = catalogue["rice"].seller
    shop.product(seller, "Gạo hết hàng", stock=0)
    listed = titles(client.get(reverse("catalogue:index")))
    assert "Gạo chưa duyệt" not in listed and "Gạo hết hàng" not in listed
    assert len(listed) == 4


def test_facets_stars_group_commune_price(client, shop, catalogue):
    url = reverse("catalogue:index")
    assert set(titles(client.get(url, {"stars": 4}))) == {"Gạo tám thơm Điện Biên", "Chè Shan Tuyết cổ thụ"}
    assert titles(client.get(url, {"stars": 5})) == ["Chè Shan Tuyết cổ thụ"]
    assert titles(client.get(url, {"group": "beverage"})) == ["Chè Shan Tuyết cổ thụ"]
    tua_chua = shop.commune("Tủa Chùa")
    assert set(titles(client.get(url, {"commune": tua_chua.pk}))) == {"Chè Shan Tuyết cổ thụ", "Mật ong rừng"}
    assert set(titles(client.get(url, {"price_min": 50000, "price_max": 260000}))) == {
        "Gạo nếp nương",
        "Chè Shan Tuyết cổ thụ",
    }
    response = client.get(url, {"stars": 4})
    assert response.context["facets"]["stars"] == {3: 3, 4: 2, 5: 1}


def test_expired_certificate_gives_no_stars(client, shop, catalogue):
    seller = catalogue["rice"].seller
    shop.product(seller, "Gạo cũ", stars=5, expired=True)
    old = shop.product(seller, "Gạo hết hạn hôm qua", stars=4)
    type(old).objects.filter(pk=old.pk).update(
        ocop_expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    listed = titles(client.get(reverse("catalogue:index"), {"stars": 3}))
    assert "Gạo cũ" not in listed and "Gạo hết hạn hôm qua" not in listed


def test_sorting(client, shop, catalogue):
    url = reverse("catalogue:index")
    assert titles(client.get(url, {"sort": "price_asc"}))[0] == "Gạo tám thơm Điện Biên"
    assert titles(client.get(url, {"sort": "price_desc"}))[0] == "Mật ong rừng"
    assert titles(client.get(url, {"sort": "rating"}))[0] == "Chè Shan Tuyết cổ thụ"
    newest = shop.product(
        catalogue["tea"].seller, "Hạt dổi", created=timezone.now() + datetime.timedelta(hours=1)
    )
    assert titles(client.get(url, {"sort": "newest"}))[0] == newest.title


def test_bad_filter_input_is_a_message_not_an_error(client, catalogue):
    response = client.get(
        reverse("catalogue:index"), {"stars": "abc", "price_min": "-5", "commune": "x", "sort": "?"}
    )
    assert response.status_code == 200
    assert len(titles(response)) == 4
    assert "không hợp lệ" in response.content.decode()
    assert client.get(reverse("catalogue:index"), {"page": "999"}).status_code == 404


@pytest.mark.parametrize("count", [5, 60])
def test_catalogue_list_query_count_is_constant(client, shop, django_assert_max_num_queries, count):
    sellers = [
        shop.seller(f"Người bán {i}", commune=c) for i, c in enumerate(["Mường Ảng", "Tủa Chùa", "Na Son"])
    ]
    for i in range(count):
        shop.product(sellers[i % 3], f"Sản phẩm {i}", 10000 + i, stars=3 + i % 3)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("catalogue:index"), {"q": "san pham", "stars": 3, "sort": "price_asc"})
    assert response.status_code == 200
    assert len(response.context["products"]) == min(count, 24)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("catalogue:index")).status_code == 200


def test_description_markup_is_not_searchable_text(client, shop):
    seller = shop.seller("HTX Mật ong")
    shop.product(
        seller, "Mật ong bạc hà", 300000, description="<p><strong>Mật ong</strong> từ hoa bạc hà</p>"
    )
    assert titles(client.get(reverse("search:search"), {"q": "hoa bac ha"})) == ["Mật ong bạc hà"]
    assert titles(client.get(reverse("search:search"), {"q": "strong"})) == []
