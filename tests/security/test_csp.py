"""A Content-Security-Policy header on every page, and the pages keep to it (defect 11).

The storefront, seller workspace and officials' pages allow scripts only from our own host or
with the response's nonce; Chromium reports any violation on the console, which fails here.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.sellers.conftest import make_official, make_product, make_verified_seller

User = get_user_model()


def _policy(response):
    return dict(
        (part.split()[0], part.split()[1:]) for part in response["Content-Security-Policy"].split(";") if part
    )


@pytest.mark.django_db
def test_storefront_pages_allow_only_own_and_nonced_scripts(client):
    official = make_official("canbo.csp", "Tủa Chùa")
    product = make_product(make_verified_seller("0912000777", official))
    # The home page has no inline script at all; the printable label has one (its print button).
    for url, has_inline in (("/", False), (reverse("catalogue:label", args=[product.pk]), True)):
        response = client.get(url)
        policy = _policy(response)
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        nonce = next(v for v in policy["script-src"] if v.startswith("'nonce-"))[7:-1]
        inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
        assert bool(inline) == has_inline and all(f'nonce="{nonce}"' in attrs for attrs in inline)
        again = client.get(url)
        assert again.headers["Content-Security-Policy"] != response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_redirect_and_an_error_page_carry_the_header_too(client):
    assert "Content-Security-Policy" in client.get("/seller/products/")  # 302 to login
    assert "Content-Security-Policy" in client.get("/khong-co-trang-nay/")


def _sign_in(phone, user):
    client = Client()
    client.force_login(user)
    phone.page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": phone.base_url}]
    )


def _csp_violations(phone):
    return [m for m in phone.console if "Content Security Policy" in m or "Content-Security-Policy" in m]


@pytest.mark.django_db(transaction=True)
def test_the_pages_people_use_keep_to_the_policy_in_chromium(phone):
    official = make_official("canbo.csp", "Tủa Chùa")
    seller = make_verified_seller("0912000601", official)
    product = make_product(seller)
    pages = [
        "/",
        "/catalogue/",
        product.get_absolute_url(),
        reverse("catalogue:label", kwargs={"pk": product.pk}),
        "/search/?q=che",
        "/basket/",
        "/accounts/login/",
        "/seller/login/",
        "/seller/register/",
    ]
    for path in pages:
        phone.goto(path)
    _sign_in(phone, seller.user)
    for path in ["/seller/", "/seller/products/", "/seller/products/new/", "/seller/orders/"]:
        phone.goto(path)
    _sign_in(phone, official)
    for path in ["/officials/", f"/officials/sellers/{seller.pk}/"]:
        phone.goto(path)
    operator = User.objects.create_user("op", "op@example.vn", "x", is_staff=True, is_superuser=True)
    _sign_in(phone, operator)
    # Staff areas drawn by Oscar, Django and Wagtail: checked here for the policy only (their own
    # markup's accessibility is not ours to pass yet: docs/reach.md).
    for path in ["/dashboard/", f"/dashboard/catalogue/products/{product.pk}/", "/cms/", "/admin/"]:
        phone.goto(path, check=False)
    assert _csp_violations(phone) == []
