"""Hostile query strings and paths on the public catalogue: a message or a 4xx, never a 500.

PostgreSQL refuses NUL bytes in text, so they are among the inputs.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"q": "gạo\x00"},
        {"group": "\x00"},
        {"commune": "\x00"},
        {"price_min": "1e999"},
        {"price_max": "-5"},
        {"stars": "\x00"},
        {"sort": "\x00"},
        {"q": "a" * 10000},
        {"page": "99999999999999999999"},
    ],
)
def test_hostile_catalogue_and_search_parameters(client, params):
    r = client.get(reverse("search:search"), params)
    assert r.status_code in (200, 400, 404), r.status_code
    r = client.get(reverse("catalogue:index"), params)
    assert r.status_code in (200, 400, 404), r.status_code


def test_hostile_paths_are_not_found(client):
    for url in ["/order-status/\x00/", "/shop/%00/", "/catalogue/trace/0/", "/catalogue/label/99999999999/"]:
        assert client.get(url).status_code in (400, 404), url


def test_seller_html_in_a_description_cannot_run_script_on_the_product_page(client, shop):
    seller = shop.seller("HTX Mật ong")
    evil = (
        '<p onmouseover="steal()">Mật ong <b>rừng</b></p><script>steal()</script>'
        '<a href="javascript:steal()">xem</a><img src="x" onerror="steal()">'
    )
    honey = shop.product(seller, "Mật ong bạc hà", description=evil)
    html = client.get(honey.get_absolute_url()).content.decode()
    assert "<p>Mật ong <b>rừng</b></p>" in html  # harmless formatting stays
    assert "<script>steal" not in html and "javascript:" not in html
    assert "onmouseover" not in html and "onerror" not in html


def test_a_plain_text_description_keeps_its_paragraphs_and_is_escaped(client, shop):
    seller = shop.seller("HTX Mật ong")
    text = "Mật ong rừng nguyên chất.\n\nThu hoạch tháng 3 & tháng 4 > 500 tổ ong."
    honey = shop.product(seller, "Mật ong bạc hà", description=text)
    html = client.get(honey.get_absolute_url()).content.decode()
    assert "<p>Mật ong rừng nguyên chất.</p>" in html
    assert "<p>Thu hoạch tháng 3 &amp; tháng 4 &gt; 500 tổ ong.</p>" in html
