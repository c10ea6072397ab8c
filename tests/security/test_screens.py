"""The security pages (throttling, errors, CSP) at phone size in Chromium (screenshots in screenshots/)."""

import pytest
from django.conf import settings
from django.test import Client

from sellers import services
from tests.sellers.conftest import PASSWORD, make_official, make_order, make_product, make_submitted_seller


@pytest.mark.django_db(transaction=True)
def test_lockout_page_own_file_note_and_review_form_on_a_phone(phone):
    official = make_official("canbo.man", "Tủa Chùa")
    helped = make_submitted_seller("0912000901", assisted_by=official)
    # Locked out: too many wrong passwords, then the right one, typed in the browser.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post("/seller/login/", {"username": "0912000901", "password": "sai"})
    phone.goto("/seller/login/")
    phone.page.fill("input[name=username]", "0912000901")
    phone.page.fill("input[name=password]", PASSWORD)
    phone.page.press("input[name=password]", "Enter")
    phone.page.wait_for_load_state()
    assert "Tạm khoá đăng nhập" in phone.page.content()
    phone.screenshot("security-01-locked-out")

    # The official who helped the household opens its file: a note, no decision form.
    client = Client()
    client.force_login(official)
    phone.page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": phone.base_url}]
    )
    phone.goto(f"/officials/sellers/{helped.pk}/")
    assert "không tự quyết định được" in phone.page.content()
    assert phone.page.locator("input[name=decision]").count() == 0
    phone.screenshot("security-02-own-file")

    # A buyer who ordered the product writes a review.
    other = make_official("canbo.khac", "Tủa Chùa")
    seller = services.decide_registration(helped, official=other, decision="approve")
    product = make_product(seller)
    buyer = Client()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("mua", "mua@example.vn", PASSWORD)
    order = make_order("930001", (seller, product), email="mua@example.vn")
    order.user = user
    order.save()
    buyer.force_login(user)
    phone.page.context.add_cookies(
        [{"name": "sessionid", "value": buyer.cookies["sessionid"].value, "url": phone.base_url}]
    )
    phone.goto(f"/catalogue/{product.slug}_{product.pk}/reviews/add/")
    assert phone.page.locator("textarea[name=body]").count() == 1
    phone.screenshot("security-03-review-form")
