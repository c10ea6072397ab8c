"""The seller's and the commune official's remaining forms, submitted in Chromium at 360 px:
an order part packed, shipped and delivered; a certificate added and decided; a link elsewhere
refused by the official and removed by the seller."""

from datetime import date, timedelta

from oscar.core.loading import get_model

from sellers.models import ExternalShopLink, OcopCertificate

from .conftest import PASSWORD, make_official, make_order, make_product, make_verified_seller
from .test_browser_seller_journey import photo_file

OrderPart = get_model("order", "OrderPart")
StockRecord = get_model("partner", "StockRecord")


def log_in(phone, username):
    page = phone.page
    phone.goto("/seller/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form[data-form='seller-login'] button[type=submit]").click()
    page.wait_for_load_state()


def test_seller_packs_ships_and_delivers_an_order_part(phone):
    official = make_official("canbo.tuachua", "Tủa Chùa")
    seller = make_verified_seller("0912000601", official, name="Hộ Giàng A Dế")
    tea = make_product(seller, title="Chè Shan Tuyết cổ thụ 200g", stock=5)
    make_order("100601", (seller, tea))
    part = OrderPart.objects.get(partner=seller.partner)
    page = phone.page
    log_in(phone, "0912000601")

    phone.goto(f"/seller/orders/{part.pk}/")
    page.locator("form[data-form='part-packed'] button").click()
    page.wait_for_selector("form[data-form='part-packed']", state="detached")
    part.refresh_from_db()
    assert part.status == "packed"

    page.locator("form[data-form='part-shipped'] button").click()  # no carrier: a clear message
    page.wait_for_selector("text=Hãy ghi đơn vị vận chuyển.")
    page.fill("input[name=carrier]", "Bưu điện Việt Nam (VNPost)")
    page.fill("input[name=tracking_code]", "EB123456789VN")
    phone.screenshot("seller-order-shipping")
    page.locator("form[data-form='part-shipped'] button").click()
    page.wait_for_selector("form[data-form='part-delivered']")
    part.refresh_from_db()
    assert (part.status, part.carrier, part.tracking_code) == (
        "shipped",
        "Bưu điện Việt Nam (VNPost)",
        "EB123456789VN",
    )

    page.locator("form[data-form='part-delivered'] button").click()
    page.wait_for_selector("form[data-form='part-delivered']", state="detached")
    part.refresh_from_db()
    record = StockRecord.objects.get(product=tea)
    assert part.status == "delivered"
    assert (record.num_in_stock, record.num_allocated) == (4, 0)  # the unit left the shelf once
    phone.screenshot("seller-order-delivered")


def test_certificate_added_by_the_seller_and_decided_by_the_official(phone, tmp_path):
    official = make_official("canbo.tuachua", "Tủa Chùa")
    seller = make_verified_seller("0912000602", official, name="HTX Chè Sín Chải")
    make_product(seller, title="Chè Shan Tuyết Sín Chải 100g")
    page = phone.page
    log_in(phone, "0912000602")

    phone.goto("/seller/certificates/new/")
    page.fill("input[name=product_name]", "Chè Shan Tuyết Sín Chải")
    page.check("input[name=stars][value='4']")
    page.select_option("select[name=product_group]", "beverage")
    page.fill("input[name=decision_number]", "1234/QĐ-UBND")
    page.select_option("select[name=level]", index=1)
    issued = date.today() - timedelta(days=30)
    page.fill("input[name=issued_on]", issued.isoformat())
    page.fill("input[name=expires_on]", (issued + timedelta(days=3 * 365)).isoformat())
    page.set_input_files("input[name=scan]", str(photo_file(tmp_path)))
    page.locator("input[name=products]").first.check()
    phone.screenshot("seller-certificate-form")
    page.locator("form[data-form='certificate-edit'] button[type=submit]").click()
    page.wait_for_selector("text=1234/QĐ-UBND")
    certificate = OcopCertificate.objects.get(seller=seller)

    phone.page.context.clear_cookies()
    log_in(phone, official.email)
    phone.goto(f"/officials/certificates/{certificate.pk}/")
    page.check("input[name=decision][value=approve]")
    page.locator("form[data-form='certificate-decision'] button[type=submit]").click()
    page.wait_for_selector("text=Đã ghi quyết định về chứng nhận")
    certificate.refresh_from_db()
    assert certificate.approved and certificate.reviewed_at is not None
    phone.screenshot("official-certificate-decided")


def test_official_refuses_a_link_with_a_reason_and_the_seller_removes_it(phone):
    official = make_official("canbo.tuachua", "Tủa Chùa")
    seller = make_verified_seller("0912000603", official, name="Hộ Lò Thị Mai")
    link = ExternalShopLink.objects.create(
        seller=seller,
        platform=ExternalShopLink.Platform.FACEBOOK,
        url="https://www.facebook.com/lothimai.dienbien",
    )
    page = phone.page
    log_in(phone, official.email)
    phone.goto(f"/officials/sellers/{seller.pk}/")
    page.locator("details.sf-edit > summary").first.click()
    page.fill(f"#reason-{link.pk}", "Không mở được trang này")
    page.locator("form[data-form='external-link-reject'] button[type=submit]").click()
    page.wait_for_load_state()
    link.refresh_from_db()
    assert link.rejected_at is not None and link.review_note == "Không mở được trang này"

    phone.page.context.clear_cookies()
    log_in(phone, "0912000603")
    phone.goto("/seller/links/")
    page.wait_for_selector("text=Không mở được trang này")
    phone.screenshot("seller-link-refused")
    page.locator("form[data-form='external-link-remove'] button[type=submit]").click()
    page.wait_for_selector("text=Chưa có cửa hàng nào trên sàn khác.")
    assert not ExternalShopLink.objects.filter(pk=link.pk, removed_at__isnull=True).exists()
