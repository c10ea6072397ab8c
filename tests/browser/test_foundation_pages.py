"""The foundation pages at phone size: Vietnamese, no server error, no missing file, no sideways scroll."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from PIL import Image

from cms.models import CourseIndexPage, CoursePage, HomePage
from sellers.models import Commune, Seller

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
ProductClass = get_model("catalogue", "ProductClass")

PHONE_WIDTH = 360


@pytest.fixture
def shop(transactional_db):
    """One verified seller with one product in stock, and a training course page."""
    partner = Partner.objects.create(name="HTX Nông nghiệp Thanh Yên")
    seller = Seller.objects.create(
        partner=partner,
        name="HTX Nông nghiệp Thanh Yên",
        slug="htx-thanh-yen",
        entity_type=Seller.EntityType.COOPERATIVE,
        commune=Commune.objects.get(name="Thanh Yên"),
        rep_name="Lò Văn Puôn",
        status=Seller.Status.VERIFIED,
    )
    product_class = ProductClass.objects.create(name="Nông sản", requires_shipping=True, track_stock=True)
    product = Product.objects.create(
        title="Gạo Séng Cù Điện Biên túi 5kg",
        description="Gạo dẻo thơm trồng trên cánh đồng Mường Thanh.",
        product_class=product_class,
        seller=seller,
        product_group="food",
        ocop_stars=4,
        ocop_expires_on=date(2099, 1, 1),
    )
    StockRecord.objects.create(
        product=product, partner=partner, partner_sku="GAO-5KG", price=Decimal("125000"), num_in_stock=20
    )
    # A photo and a valid OCOP rating: what the home page's featured row asks of a product.
    photo = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 180, 90)).save(photo, "JPEG")
    ProductImage.objects.create(product=product, original=SimpleUploadedFile("gao.jpg", photo.getvalue()))
    home = HomePage.objects.get()
    courses = home.add_child(instance=CourseIndexPage(title="Khoá học kỹ năng số", slug="khoa-hoc"))
    course = courses.add_child(
        instance=CoursePage(
            title="Bán hàng trên điện thoại",
            slug="ban-hang-tren-dien-thoai",
            summary="Chụp ảnh sản phẩm, viết mô tả và trả lời khách hàng.",
            duration_minutes=45,
            body="<p>Bài 1: chụp ảnh sản phẩm dưới ánh sáng tự nhiên.</p>",
        )
    )
    return {"product": product, "course": course}


def _check_page(phone, path, name, expected_text):
    response = phone.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    page = phone.page
    assert page.get_attribute("html", "lang") == "vi"
    body = page.inner_text("body")
    assert expected_text in body, f"{expected_text!r} not on {path}"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE_WIDTH, f"{path} scrolls sideways: {scroll_width}px wide"
    phone.screenshot(f"foundation-{name}")


def test_storefront_and_cms_pages_at_phone_size(phone, shop):
    product, course = shop["product"], shop["course"]
    _check_page(phone, "/", "home", "Sản phẩm nổi bật")
    assert "125.000" in phone.page.inner_text(".product-grid")
    _check_page(phone, "/catalogue/", "catalogue", "Giỏ hàng")
    _check_page(phone, product.get_absolute_url(), "product", "Gạo Séng Cù Điện Biên")
    _check_page(phone, course.url, "course", "Bán hàng trên điện thoại")
    assert phone.page_errors == []


def test_dashboard_login_at_phone_size(phone, transactional_db):
    _check_page(phone, "/dashboard/login/", "dashboard-login", "Mật khẩu")
    assert phone.page_errors == []


def test_language_switcher_changes_to_english_and_back(phone, transactional_db):
    phone.goto("/")
    assert phone.page.get_attribute("html", "lang") == "vi"
    phone.page.click(".site-header button[value=en]")
    phone.page.wait_for_load_state()
    assert phone.page.get_attribute("html", "lang") == "en"
    assert "Cart" in phone.page.inner_text(".site-header")
    phone.page.click(".site-header button[value=vi]")
    phone.page.wait_for_load_state()
    assert phone.page.get_attribute("html", "lang") == "vi"
