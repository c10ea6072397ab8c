"""At 360 px in Chromium: a household registers, the commune official verifies it, the household
lists a product with a phone photo, and the product is on the public site."""

import io

from oscar.core.loading import get_model
from PIL import Image

from sellers.models import Seller

from .conftest import PASSWORD, make_official

Product = get_model("catalogue", "Product")


def photo_file(tmp_path):
    image = Image.new("RGB", (800, 600), (40, 120, 60))
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    path = tmp_path / "IMG_20250301_0930.jpg"
    path.write_bytes(out.getvalue())
    return path


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def submit(page):
    page.click("#content_inner form[method=post] button[type=submit] >> nth=0")


def test_household_goes_from_nothing_to_a_live_product_on_a_phone(phone, tmp_path):
    official = make_official("canbo.tuachua", "Tủa Chùa")
    page = phone.page

    # 1. Register through the wizard.
    phone.goto("/seller/")
    page.click("text=Đăng ký bán hàng")
    page.fill("input[name=phone]", "+84 977 123 456")
    page.fill("input[name=password]", PASSWORD)
    page.select_option("select[name=commune]", label="Xã Tủa Chùa")
    phone.screenshot("seller-01-account")
    no_sideways_scroll(page)
    submit(page)
    page.fill("input[name=name]", "Hộ Vàng A Sử")
    page.check("input[name=entity_type][value=household]")
    page.fill("input[name=address]", "Bản Sín Chải")
    phone.screenshot("seller-02-shop")
    submit(page)
    page.fill("input[name=rep_name]", "Vàng A Sử")
    page.check("input[name=rep_sex][value=M]")
    page.fill("input[name=rep_birth_year]", "1984")
    submit(page)
    phone.screenshot("seller-04-consent")
    page.check("input[name=consent]")
    submit(page)
    page.select_option("select[name=ethnic_group]", label="H'Mông")
    page.fill("input[name=citizen_id]", "011084009876")
    phone.screenshot("seller-05-identity")
    submit(page)
    page.fill("textarea[name=story]", "Chè Shan Tuyết cổ thụ trên núi cao.")
    submit(page)
    phone.screenshot("seller-07-review")
    no_sideways_scroll(page)
    page.click("text=Gửi hồ sơ để xác minh")
    page.wait_for_selector("text=đang chờ cán bộ xã xác minh")
    seller = Seller.objects.get(phone="0977123456")
    assert seller.status == Seller.Status.SUBMITTED and seller.rep_citizen_id_last4 == "9876"
    page.click("text=Đăng xuất")

    # 2. The commune official verifies it.
    phone.goto("/seller/login/")
    page.fill("input[name=username]", official.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    page.click("text=Hộ Vàng A Sử")
    phone.screenshot("official-01-seller")
    no_sideways_scroll(page)
    page.check("input[name=decision][value=approve]")
    submit(page)
    page.wait_for_selector("text=Đã ghi quyết định")
    seller.refresh_from_db()
    assert seller.status == Seller.Status.VERIFIED
    page.click("text=Đăng xuất")

    # 3. The household logs in with its phone number and lists a product with a photo.
    phone.goto("/seller/login/")
    page.fill("input[name=username]", "0977 123 456")
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    phone.screenshot("seller-08-home")
    page.click("text=Đăng sản phẩm mới >> nth=0")
    page.fill("input[name=title]", "Chè Shan Tuyết Sín Chải 200g")
    page.fill("textarea[name=description]", "Chè búp hái tay từ cây cổ thụ.")
    page.select_option("select[name=product_group]", "beverage")
    page.fill("input[name=price]", "180000")
    page.fill("input[name=stock]", "20")
    page.fill("input[name=weight_grams]", "250")
    page.set_input_files("input[name=photo]", str(photo_file(tmp_path)))
    phone.screenshot("seller-09-product-form")
    no_sideways_scroll(page)
    submit(page)
    page.wait_for_selector("text=Đã lưu sản phẩm")
    phone.screenshot("seller-10-products")
    product = Product.objects.get(seller=seller)
    assert product.images.count() == 1

    # 4. The product is on the public site.
    phone.goto(product.get_absolute_url())
    page.wait_for_selector("text=Chè Shan Tuyết Sín Chải 200g")
    phone.screenshot("seller-11-public-product")
    no_sideways_scroll(page)
