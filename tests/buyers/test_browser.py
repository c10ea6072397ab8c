"""A buyer on a 360 px phone: search without accents, 4★+, two sellers, guest COD checkout, status."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_phone_buyer_searches_filters_buys_from_two_sellers_and_tracks(phone, shop):
    rice_coop = shop.seller("HTX Gạo Thanh Xương", commune="Thanh Yên")
    sticky_coop = shop.seller("HTX Nếp Tủa Chùa", commune="Tủa Chùa")
    shop.product(rice_coop, "Gạo tám thơm Điện Biên", 45000, stars=4, weight=1000)
    shop.product(sticky_coop, "Gạo nếp nương Điện Biên", 60000, stars=5, weight=1000)
    shop.product(sticky_coop, "Gạo Điện Biên loại thường", 20000, stars=3)
    page = phone.page

    phone.goto("/catalogue/")
    page.fill("#site-q", "gao dien bien")
    page.locator(".site-search button").click()
    expect(page.locator(".product-card")).to_have_count(3)
    phone.screenshot("buyers-1-search")

    page.locator(".filters > summary").click()
    page.locator("a[data-stars='4']").click()
    expect(page.locator(".product-card")).to_have_count(2)
    expect(page.locator(".product-card", has_text="loại thường")).to_have_count(0)
    phone.screenshot("buyers-2-filter-4-stars")

    for title in ("Gạo tám thơm Điện Biên", "Gạo nếp nương Điện Biên"):
        page.locator(".product-card", has_text=title).locator("button[data-add]").click()
        page.wait_for_load_state()
    page.locator(".product-card", has_text="Gạo tám thơm").locator("a").nth(1).click()
    expect(page.locator("h1")).to_have_text("Gạo tám thơm Điện Biên")
    phone.screenshot("buyers-3-product-page")

    phone.goto("/basket/")
    phone.screenshot("buyers-4-basket")
    page.locator("a[href='/checkout/']").last.click()

    page.fill("input[name='username']", "hoa@example.com")
    page.check("input[name='options'][value='anonymous']")
    page.locator("main form button[type='submit']").first.click()

    page.fill("input[name='first_name']", "Nguyễn Thị Hoa")
    page.fill("input[name='phone_number']", "0912 345 678")
    page.select_option("select[name='state']", "Hà Nội")
    page.fill("input[name='line4']", "Phường Ba Đình")
    page.fill("input[name='line1']", "12 phố Phan Đình Phùng")
    phone.screenshot("buyers-5-address")
    page.locator("#new_shipping_address button[type='submit']").click()

    expect(page.locator("input[value='cod']")).to_be_checked()
    phone.screenshot("buyers-6-payment-method")
    page.locator("main form button[type='submit']").click()

    expect(page.locator("[data-preview-part]")).to_have_count(2)
    phone.screenshot("buyers-7-preview")
    page.locator("#place-order").click()

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))
    phone.screenshot("buyers-8-thank-you")
    page.locator("[data-status-link]").click()
    expect(page).to_have_url(re.compile(r"/order-status/"))
    parts = page.locator(".part")
    expect(parts).to_have_count(2)
    expect(parts.filter(has_text="HTX Gạo Thanh Xương")).to_contain_text("Đã xác nhận")
    expect(parts.filter(has_text="HTX Nếp Tủa Chùa")).to_contain_text("Đã xác nhận")
    phone.screenshot("buyers-9-order-status")
