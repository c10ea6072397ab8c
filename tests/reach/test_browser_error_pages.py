"""Error pages in the browser at 360 px (DEBUG is off under pytest): checked by axe, screenshotted."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_error_pages_at_phone_size(phone, settings):
    page = phone.page

    response = phone.goto("/khong-co-trang-nay/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    phone.screenshot("errors-404")

    # CSRF: a form posted after the session's cookies are gone (an old tab, a cleared browser).
    phone.goto("/accounts/login/")
    page.context.clear_cookies()
    page.fill("#id_login-username", "ai-do@example.com")
    page.fill("#id_login-password", "mat-khau-bat-ky")
    page.locator("button[name='login_submit']").click()
    expect(page.locator("h1")).to_have_text("Phiên làm việc đã hết hạn")
    phone.screenshot("errors-403-csrf")

    get_user_model().objects.create_user("mua", "mua@example.com", "mat-khau-dai-123")
    phone.goto("/accounts/login/")
    page.fill("#id_login-username", "mua@example.com")
    page.fill("#id_login-password", "mat-khau-dai-123")
    page.locator("button[name='login_submit']").click()
    page.wait_for_load_state()
    response = phone.goto("/officials/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Không có quyền xem trang này")
    phone.screenshot("errors-403")

    settings.ROOT_URLCONF = "tests.reach.error_urls"
    response = phone.goto("/test-server-error/")
    assert response.status == 500
    expect(page.locator("h1")).to_have_text("Hệ thống đang gặp sự cố")
    phone.screenshot("errors-500")
    phone.problems.clear()  # the 500 above was asked for
