"""A buyer's remaining forms, submitted in Chromium at 360 px: search from an error page, the
language switch, the catalogue's filter panel, a review, and the account pages Oscar draws
(register, profile, password, address book, notifications, forgotten password)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.sellers.conftest import make_official, make_order, make_product, make_verified_seller

pytestmark = pytest.mark.django_db(transaction=True)
User = get_user_model()
ProductReview = get_model("reviews", "ProductReview")
UserAddress = get_model("address", "UserAddress")
Notification = get_model("communication", "Notification")
PASSWORD = "mật-khẩu-dài-2026"


@pytest.fixture(autouse=True)
def _vietnam(db):
    get_model("address", "Country").objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={"iso_3166_1_a3": "VNM", "printable_name": "Việt Nam", "is_shipping_country": True},
    )


def test_search_from_a_missing_page_switch_language_and_filter_the_catalogue(phone):
    official = make_official("canbo.tuachua", "Tủa Chùa")
    tea_house = make_verified_seller("0912000801", official, name="Hộ Giàng A Dế")
    make_product(tea_house, title="Chè Shan Tuyết cổ thụ 200g", price=180000)
    make_product(tea_house, title="Chè Shan Tuyết búp 100g", price=90000)
    page = phone.page

    phone.goto("/trang-khong-co/")
    page.fill("form[data-form='error-search'] input[name=q]", "che shan tuyet")
    page.locator("form[data-form='error-search'] button").click()
    expect(page.locator(".product-card")).to_have_count(2)

    page.locator(".filters > summary").click()
    page.fill("#f-pmax", "100000")
    page.locator("form[data-form='catalogue-filters'] button[type=submit]").click()
    expect(page.locator(".product-card")).to_have_count(1)
    expect(page.locator(".product-card")).to_contain_text("búp 100g")
    phone.screenshot("reach-forms-1-filtered")

    page.locator("form[data-form='language'] button", has_text="English").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("form[data-form='language'] button", has_text="Tiếng Việt").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_buyer_account_pages_and_a_review(phone):
    official = make_official("canbo.tuachua", "Tủa Chùa")
    seller = make_verified_seller("0912000802", official, name="HTX Gạo Thanh Yên")
    rice = make_product(seller, title="Gạo tám thơm Điện Biên 5kg", price=120000)
    page = phone.page

    # Register, then the profile and the password.
    phone.goto("/accounts/login/")
    page.fill("#id_registration-email", "lan@example.com")
    page.fill("#id_registration-password1", PASSWORD)
    page.fill("#id_registration-password2", PASSWORD)
    page.locator("#register_form button[type=submit]").click()
    page.wait_for_load_state()
    user = User.objects.get(email="lan@example.com")

    phone.goto("/accounts/profile/edit/")
    page.fill("#id_first_name", "Lan")
    page.fill("#id_last_name", "Nguyễn Thị")
    page.locator("#profile_form button[type=submit]").click()
    page.wait_for_load_state()
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Lan", "Nguyễn Thị")

    phone.goto("/accounts/change-password/")
    page.fill("#id_old_password", PASSWORD)
    page.fill("#id_new_password1", PASSWORD + "-moi")
    page.fill("#id_new_password2", PASSWORD + "-moi")
    page.locator("#change_password_form button[type=submit]").click()
    page.wait_for_load_state()
    user.refresh_from_db()
    assert user.check_password(PASSWORD + "-moi")

    # An address for next time.
    phone.goto("/accounts/addresses/add/")
    page.fill("input[name=first_name]", "Nguyễn Thị Lan")
    page.fill("input[name=line1]", "25 Lê Lợi")
    page.fill("input[name=line4]", "Phường Mường Thanh")
    page.fill("input[name=phone_number]", "0912 345 999")
    page.fill("input[name=state]", "Điện Biên")
    page.select_option("select[name=country]", label="Việt Nam")
    phone.screenshot("reach-forms-2-address")
    page.locator("form[data-form='address-create'] button[type=submit]").click()
    page.wait_for_load_state()
    assert UserAddress.objects.filter(user=user, line1="25 Lê Lợi").exists()

    # An in-app notice: read, then archived.
    Notification.objects.create(recipient=user, subject="Đơn hàng của bạn đã được gửi đi")
    phone.goto("/accounts/notifications/inbox/")
    page.locator("form[data-form='notifications'] input[type=checkbox]").first.check()
    page.locator("form[data-form='notifications'] button[value=archive]").click()
    phone.screenshot("reach-forms-3-notifications")
    page.wait_for_load_state()
    assert Notification.objects.get(recipient=user).location == Notification.ARCHIVE

    # It bought the rice: it reviews it.
    order = make_order("100802", (seller, rice), email=user.email)
    order.user = user
    order.save()
    phone.goto(rice.get_absolute_url())
    page.locator("a", has_text="Viết đánh giá").click()
    page.fill("form[data-form='review'] input[name=title]", "Gạo dẻo, thơm")
    page.select_option("form[data-form='review'] select[name=score]", "5")
    page.fill("form[data-form='review'] textarea[name=body]", "Cơm dẻo, thơm mùi lúa mới. Sẽ mua lại.")
    page.locator("form[data-form='review'] button[type=submit]").click()
    page.wait_for_load_state()
    assert ProductReview.objects.get(product=rice).score == 5

    # Signed out, it asks for a new password by e-mail.
    page.context.clear_cookies()
    phone.goto("/password-reset/")
    page.fill("input[name=email]", "lan@example.com")
    page.locator("#password_reset_form button[type=submit]").click()
    page.wait_for_load_state()
    assert any("lan@example.com" in message.to for message in mail.outbox)
