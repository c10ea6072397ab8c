"""At 360 px in Chromium: a seller adds its Shopee shop and hides a product; the commune official
confirms the shop from the queue."""

from oscar.core.loading import get_model

from sellers.models import ExternalShopLink

from .conftest import PASSWORD, make_official, make_product, make_verified_seller

Product = get_model("catalogue", "Product")


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def log_in(phone, username):
    page = phone.page
    phone.goto("/seller/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("#content_inner form[method=post] button[type=submit] >> nth=0")


def test_seller_links_a_shop_and_hides_a_product_official_confirms(phone):
    official = make_official("canbo.tuachua", "Tủa Chùa")
    seller = make_verified_seller("0912000501", official, name="Hợp tác xã Chè Shan Tuyết Sín Chải")
    tea = make_product(seller, title="Chè Shan Tuyết cổ thụ Tủa Chùa hộp 200g")
    make_product(seller, title="Mật ong bạc hà", price=250000)
    page = phone.page

    # 1. The seller adds its Shopee shop; a wrong address first gets a clear message.
    log_in(phone, "0912000501")
    page.wait_for_selector("text=Cửa hàng trên sàn khác")
    phone.screenshot("links-00-seller-home")
    page.click("text=Cửa hàng trên sàn khác")
    no_sideways_scroll(page)
    page.select_option("select[name=platform]", "shopee")
    page.fill("input[name=url]", "https://www.facebook.com/htxchesinchai")
    page.click("text=Thêm để cán bộ xác nhận")
    page.wait_for_selector(".sf-error")
    phone.screenshot("links-01-wrong-platform")
    page.fill("input[name=url]", "https://shopee.vn/htx_che_shan_tuyet_sin_chai_tua_chua_dien_bien")
    page.click("text=Thêm để cán bộ xác nhận")
    page.wait_for_selector("text=Chờ xác nhận")
    phone.screenshot("links-02-pending")
    no_sideways_scroll(page)

    # 2. It hides a product for the season.
    page.click("nav.sf-tabs >> text=Sản phẩm")
    page.click(f"form[action$='/products/{tea.pk}/visibility/'] button")
    page.wait_for_selector("text=Đang ẩn")
    phone.screenshot("products-01-one-hidden")
    no_sideways_scroll(page)
    tea.refresh_from_db()
    assert tea.is_public is False
    page.click("text=Tổng quan")
    page.click("text=Đăng xuất")

    # 3. The commune official confirms the shop from the queue.
    log_in(phone, official.email)
    page.wait_for_selector("text=Cửa hàng trên sàn khác")
    phone.screenshot("links-03-official-queue")
    no_sideways_scroll(page)
    page.click(".sf-links >> text=Không chấp nhận…")
    phone.screenshot("links-04-official-reject-open")
    page.click(".sf-links button:has-text('Xác nhận')")
    page.wait_for_selector("text=Đã xác nhận cửa hàng")
    link = ExternalShopLink.objects.get()
    assert link.confirmed_by_id == official.pk
    phone.goto(f"/officials/sellers/{seller.pk}/")
    phone.screenshot("links-05-official-seller")
    no_sideways_scroll(page)
