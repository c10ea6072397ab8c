"""Two phones, one cached catalogue page: each adds to their own basket (real Chromium, CSRF on)."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PhonePage

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_visitors_buy_from_the_same_cached_page(browser, live_server, phone, shop):
    seller = shop.seller("HTX Gạo Thanh Xương", commune="Thanh Yên")
    shop.product(seller, "Gạo tám thơm Điện Biên", 45000, stars=4)
    first = phone.goto("/catalogue/")
    assert first.headers["x-page-cache"] == "miss"

    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    other = PhonePage(context.new_page(), live_server.url)
    try:
        response = other.goto("/catalogue/")
        assert response.headers["x-page-cache"] == "hit"
        other.page.locator("button[data-add]").first.click()
        other.page.wait_for_load_state()
        other.goto("/catalogue/")
        expect(other.page.locator("[data-basket-count]")).to_have_text("1")
        other.screenshot("page-cache-second-visitor-basket")
        assert other.problems == []
    finally:
        context.close()

    phone.goto("/catalogue/")
    expect(phone.page.locator("[data-basket-count]")).to_have_text("0")
    phone.page.locator("button[data-add]").first.click()
    phone.page.wait_for_load_state()
    phone.goto("/catalogue/")
    expect(phone.page.locator("[data-basket-count]")).to_have_text("1")
