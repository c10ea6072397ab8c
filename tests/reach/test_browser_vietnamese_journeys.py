"""A buyer and an editor on a 360 px phone, in Vietnamese, through the pages Oscar, Django and
Wagtail draw. Every page is checked by `phone` (tests/page_checks.py): axe-core, no sideways
scroll, none of Oscar's/Django's/Wagtail's English messages; this test adds what it expects."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.page_checks import small_tap_targets

pytestmark = pytest.mark.django_db(transaction=True)

HEAVY_SCRIPTS = ("jquery", "moment", "tempusdominus")
UPDATE_BASKET = "form#basket_formset .basket-line__qty button[type='submit']"


def _scripts(page):
    return page.evaluate("[...document.scripts].map(s => s.src).filter(Boolean)")


def test_buyer_registers_buys_and_reads_orders_in_vietnamese(phone, shop):
    tea = shop.seller("HTX Chè Shan Tuyết Tủa Chùa", commune="Tủa Chùa")
    honey = shop.seller("Hộ Lò Văn Piệng", commune="Mường Ảng")
    shop.product(tea, "Chè Shan Tuyết cổ thụ 200g", 185000, stars=4, stock=3)
    shop.product(honey, "Mật ong bạc hà 500ml", 250000, stars=3)
    page = phone.page

    # Registration: Django's password rule in Vietnamese.
    phone.goto("/accounts/login/")
    page.fill("#id_registration-email", "lan@example.vn")
    page.fill("#id_registration-password1", "ngan")
    page.fill("#id_registration-password2", "ngan")
    page.locator("button[name='registration_submit']").click()
    expect(page.locator("body")).to_contain_text("Mật khẩu quá ngắn")
    phone.screenshot("reach-01-register-short-password")
    page.fill("#id_registration-password1", "che-shan-tuyet-2026")
    page.fill("#id_registration-password2", "che-shan-tuyet-2026")
    page.locator("button[name='registration_submit']").click()
    page.wait_for_load_state()

    # Product page and basket: Oscar's messages in Vietnamese, stock without a stray space.
    phone.goto("/")
    assert small_tap_targets(page) == []
    phone.goto("/catalogue/")
    assert small_tap_targets(page) == []
    page.locator(".product-card", has_text="Chè Shan Tuyết").locator("a").first.click()
    expect(page.locator("h1")).to_have_text("Chè Shan Tuyết cổ thụ 200g")
    phone.screenshot("reach-02-product")
    assert small_tap_targets(page) == []
    page.locator(".buy-form button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("Tổng giỏ hàng")
    phone.screenshot("reach-03-added-to-basket")
    phone.goto("/basket/")
    quantity = page.locator("input[name$='-quantity']").first
    quantity.fill("9")
    page.locator(UPDATE_BASKET).first.click()
    expect(page.locator("body")).to_contain_text("chỉ còn 3")
    phone.screenshot("reach-04-basket-over-stock")
    remove = page.locator("a[data-behaviours~='remove'], .basket-remove").first
    box = remove.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, f"remove link is {box['width']}×{box['height']} px"
    assert small_tap_targets(page) == []

    # Checkout as the signed-in buyer, cash on delivery.
    quantity = page.locator("input[name$='-quantity']").first
    quantity.fill("1")
    page.locator(UPDATE_BASKET).first.click()
    page.wait_for_load_state()
    page.locator("a[href='/checkout/']").last.click()
    page.fill("input[name='first_name']", "Nguyễn Thị Lan")
    page.fill("input[name='phone_number']", "0912345678")
    page.select_option("select[name='state']", "Hà Nội")
    page.fill("input[name='line4']", "Phường Ba Đình")
    page.fill("input[name='line1']", "12 phố Phan Đình Phùng")
    page.locator("#new_shipping_address button[type='submit']").click()
    page.locator("main form button[type='submit']").click()
    expect(page.locator("body")).to_contain_text("0912 345 678")
    page.locator("#place-order").click()
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))

    # The account's order pages: light, human status labels, no tax columns, no scripts.
    phone.goto("/accounts/orders/")
    expect(page.locator(".order-card")).to_have_count(1)
    expect(page.locator(".order-card")).to_contain_text("Đã xác nhận")
    assert not any(name in src.lower() for src in _scripts(page) for name in HEAVY_SCRIPTS), _scripts(page)
    phone.screenshot("reach-05-account-orders")
    assert small_tap_targets(page) == []
    page.locator(".order-card").click()
    expect(page.locator("h1")).to_contain_text("Đơn hàng")
    body = page.inner_text("main")
    assert "thuế" not in body.lower() and "confirmed" not in body
    assert "0912 345 678" in body
    assert _scripts(page) == []
    phone.screenshot("reach-06-account-order-detail")
    assert small_tap_targets(page) == []
    page.locator("form button[type='submit']", has_text="Mua lại").click()
    expect(page).to_have_url(re.compile(r"/basket/$"))
    phone.screenshot("reach-07-reordered")

    # The order filter: a date range with the order in it, then one without.
    phone.goto("/accounts/orders/")
    page.locator(".filters > summary").click()
    today = page.evaluate("new Date().toLocaleDateString('sv-SE', {timeZone: 'Asia/Ho_Chi_Minh'})")
    page.fill("#o-from", today)
    page.locator(".filters__form button[type='submit']").click()
    expect(page.locator(".order-card")).to_have_count(1)
    page.locator(".filters > summary").click()
    page.fill("#o-from", "2099-01-01")
    page.fill("#o-to", "")
    page.locator(".filters__form button[type='submit']").click()
    expect(page.locator(".empty")).to_contain_text("Không có đơn hàng nào")
    phone.check_page()

    phone.goto("/accounts/")
    phone.screenshot("reach-08-account")


def test_editor_sees_vietnamese_page_types_in_wagtail(phone):
    get_user_model().objects.create_superuser("bientap", "bientap@example.vn", "bien-tap-vien-2026")
    page = phone.page
    phone.goto("/cms/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "bien-tap-vien-2026")
    page.locator("form button[type='submit']").first.click()
    page.wait_for_load_state()
    phone.screenshot("reach-09-cms-dashboard")
    assert "gravatar.com" not in page.content()
    from cms.models import HomePage

    home = HomePage.objects.get()
    phone.goto(f"/cms/pages/{home.pk}/add_subpage/")
    body = page.inner_text("main")
    assert "Trang tin tức" in body and "News index page" not in body
    phone.screenshot("reach-10-cms-page-types")
    # A new page's address has no diacritics (Wagtail's slug field, filled from the title).
    phone.goto(f"/cms/pages/add/cms/newsindexpage/{home.pk}/")
    page.fill("#id_title", "Tin tức Điện Biên")
    page.locator("#id_title").press("Tab")
    # The CSP forbids eval, so no wait_for_function with a string: expect() polls from Python.
    expect(page.locator("#id_slug")).not_to_have_value("", timeout=5000)
    slug = page.input_value("#id_slug")
    assert slug == "tin-tuc-dien-bien", slug


def test_catalogue_filters_close_after_apply_and_show_removable_chips(phone, shop):
    coop = shop.seller("HTX Nông sản Thanh Yên", commune="Thanh Yên")
    shop.product(coop, "Gạo Séng Cù", 40000, stars=3)
    shop.product(coop, "Gạo nếp cái hoa vàng", 55000, stars=3)
    shop.product(coop, "Măng khô", 90000)
    page = phone.page

    phone.goto("/catalogue/")
    page.locator(".filters > summary").click()
    expect(page.locator("a[data-stars='3']")).to_be_visible()
    expect(page.locator("a[data-stars='4'], a[data-stars='5']")).to_have_count(0)  # nothing to find there
    phone.screenshot("reach-11-catalogue-filters-open")
    page.locator("a[data-stars='3']").click()
    expect(page.locator(".product-card")).to_have_count(2)
    assert page.locator("details.filters").get_attribute("open") is None
    chip = page.locator(".active-filters .chip")
    expect(chip).to_have_count(1)
    expect(page.locator(".product-card").first).to_be_in_viewport()
    phone.screenshot("reach-12-catalogue-filtered")
    chip.click()
    expect(page.locator(".product-card")).to_have_count(3)
    expect(page.locator(".active-filters")).to_have_count(0)


def test_header_nav_fits_one_line_with_44_px_targets(phone):
    from cms.models import CourseIndexPage, HomePage, NewsIndexPage

    home = HomePage.objects.get()
    home.add_child(instance=CourseIndexPage(title="Khoá học", slug="khoa-hoc"))
    home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    get_user_model().objects.create_user("mua", "mua@example.vn", "mat-khau-dai-2026")
    page = phone.page
    tops = "[...document.querySelectorAll('.site-nav > *')].map(e => e.getBoundingClientRect().top)"

    for signed_in in (False, True):
        phone.goto("/")
        expect(page.locator(".site-nav")).to_contain_text("Tin tức")
        line = page.evaluate(tops)
        assert max(line) - min(line) < 10, f"the header links and language button wrap: {line}"
        assert small_tap_targets(page) == []
        if not signed_in:
            phone.goto("/accounts/login/")
            page.fill("#id_login-username", "mua@example.vn")
            page.fill("#id_login-password", "mat-khau-dai-2026")
            page.locator("button[name='login_submit']").click()
            page.wait_for_load_state()
    phone.screenshot("reach-13-header-signed-in")
