"""The basket's buttons clicked in Chromium, as a buyer meets them: update, remove, save for later,
move back, voucher — signed in and as a guest. No Oscar or jQuery script is on the page, so each
is a plain form post the server answers."""

import datetime

import pytest
from django.utils import timezone
from oscar.core.loading import get_model
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def _add(phone, product):
    phone.goto(product.get_absolute_url())
    phone.page.locator("form[data-form='product-buy'] button[type='submit']").click()
    phone.page.wait_for_load_state()


def _line(page, title):
    return page.locator("#basket_formset .basket-line", has_text=title)


def test_guest_updates_and_removes_basket_lines(phone, shop):
    coop = shop.seller("HTX Gạo Thanh Xương", commune="Thanh Yên")
    rice = shop.product(coop, "Gạo tám thơm Điện Biên", 45000)
    honey = shop.product(coop, "Mật ong bạc hà", 150000)
    page = phone.page
    _add(phone, rice)
    _add(phone, honey)

    phone.goto("/basket/")
    line = _line(page, "Gạo tám thơm")
    line.locator("input[name$='-quantity']").fill("3")
    line.locator("button", has_text="Cập nhật").click()
    expect(_line(page, "Gạo tám thơm").locator("input[name$='-quantity']")).to_have_value("3")
    expect(page.locator("[role=alert], .alert").first).to_be_visible()

    _line(page, "Mật ong").locator("button", has_text="Bỏ khỏi giỏ").click()
    expect(_line(page, "Mật ong")).to_have_count(0)
    expect(_line(page, "Gạo tám thơm")).to_have_count(1)
    phone.screenshot("basket-1-guest-after-remove")

    _line(page, "Gạo tám thơm").locator("button", has_text="Bỏ khỏi giỏ").click()
    expect(page.locator("#basket_formset .basket-line")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Giỏ hàng của bạn trống")
    assert not phone.page_errors


def test_signed_in_buyer_saves_for_later_moves_back_removes_and_adds_a_voucher(
    phone, shop, django_user_model
):
    coop = shop.seller("HTX Chè Tủa Chùa", commune="Tủa Chùa")
    tea = shop.product(coop, "Chè Shan Tuyết cổ thụ", 250000)
    coffee = shop.product(coop, "Cà phê Mường Ảng", 120000)
    _voucher("TET2027", percent=10)
    django_user_model.objects.create_user("mai@example.com", "mai@example.com", "mật-khẩu-dài-2026")
    page = phone.page
    phone.goto("/accounts/login/")
    page.fill("#id_login-username", "mai@example.com")
    page.fill("#id_login-password", "mật-khẩu-dài-2026")
    page.locator("#login_form button[type='submit']").click()
    _add(phone, tea)
    _add(phone, coffee)

    phone.goto("/basket/")
    _line(page, "Cà phê").locator("button", has_text="Để mua sau").click()
    expect(_line(page, "Cà phê")).to_have_count(0)
    saved = page.locator("#saved_basket_formset .basket-line", has_text="Cà phê")
    expect(saved).to_have_count(1)
    phone.screenshot("basket-2-saved-for-later")

    saved.locator("button", has_text="Chuyển vào giỏ").click()
    expect(_line(page, "Cà phê")).to_have_count(1)
    expect(page.locator("#saved_basket_formset .basket-line")).to_have_count(0)

    _line(page, "Chè Shan Tuyết").locator("button", has_text="Bỏ khỏi giỏ").click()
    expect(_line(page, "Chè Shan Tuyết")).to_have_count(0)

    page.locator("details.voucher > summary").click()
    page.fill("form[data-form='voucher-add'] input[name='code']", "tet2027")
    page.locator("form[data-form='voucher-add'] button[type='submit']").click()
    expect(page.locator(".basket-totals, main")).to_contain_text("TET2027")
    phone.screenshot("basket-3-voucher")
    page.locator("form[action$='/remove/'][action*='/vouchers/'] [type='submit']").click()
    expect(page.locator("form[action$='/remove/'][action*='/vouchers/']")).to_have_count(0)
    assert not phone.page_errors


def _voucher(code, percent):
    Range = get_model("offer", "Range")
    Benefit = get_model("offer", "Benefit")
    Condition = get_model("offer", "Condition")
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    Voucher = get_model("voucher", "Voucher")
    everything = Range.objects.create(name="Mọi sản phẩm", includes_all_products=True)
    offer = ConditionalOffer.objects.create(
        name=f"Mã {code}",
        offer_type=ConditionalOffer.VOUCHER,
        benefit=Benefit.objects.create(range=everything, type=Benefit.PERCENTAGE, value=percent),
        condition=Condition.objects.create(range=everything, type=Condition.COUNT, value=1),
    )
    now = timezone.now()
    voucher = Voucher.objects.create(
        name=f"Mã {code}",
        code=code,
        start_datetime=now - datetime.timedelta(days=1),
        end_datetime=now + datetime.timedelta(days=30),
    )
    voucher.offers.add(offer)
    return voucher
