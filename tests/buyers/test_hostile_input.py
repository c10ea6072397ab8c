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
