"""Error pages with DEBUG off: Vietnamese, in the site frame, pointing somewhere useful.

The 500 page is also rendered with the database unreachable (a real closed port, not a mock).
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from tests.reliability.processes import free_port

FRAME = 'class="site-header"'
NEXT_STEPS = ('action="/search/"', 'href="/catalogue/"', 'href="/"')


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def _assert_error_page(response, status, heading):
    assert response.status_code == status
    html = response.content.decode()
    assert heading in html
    assert FRAME in html, "error page without the site header"
    assert 'lang="vi"' in html
    for link in NEXT_STEPS:
        assert link in html
    for english in ("Not Found", "Forbidden", "Bad Request", "Server Error", "CSRF verification failed"):
        assert english not in html


@pytest.mark.django_db
def test_404_page_in_the_site_frame(client):
    response = client.get("/khong-co-trang-nay/")
    _assert_error_page(response, 404, "Không tìm thấy trang")
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_403_page_for_a_buyer_at_the_officials_queue(client):
    buyer = get_user_model().objects.create_user("buyer", "buyer@example.com", "mat-khau-dai-123")
    client.force_login(buyer)
    response = client.get("/officials/")
    _assert_error_page(response, 403, "Không có quyền xem trang này")


@pytest.mark.django_db
def test_400_page_for_a_request_with_a_foreign_host(client):
    response = client.get("/", HTTP_HOST="ke-gian.example")
    _assert_error_page(response, 400, "Yêu cầu không hợp lệ")


@pytest.mark.django_db
def test_csrf_failure_page_says_nothing_was_changed():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/basket/add/1/", {"quantity": 1})
    _assert_error_page(response, 403, "Phiên làm việc đã hết hạn")
    assert "Không có gì bị thay đổi" in response.content.decode()


def test_500_page_renders_with_the_database_unreachable(django_db_blocker):
    client = Client(raise_request_exception=False)
    with django_db_blocker.unblock():
        saved = dict(connection.settings_dict)
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
        try:
            response = client.get("/catalogue/")
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống đang gặp sự cố" in html
    assert 'lang="vi"' in html and "site.css" in html
    for link in NEXT_STEPS:
        assert link in html
    assert "Server Error" not in html


@pytest.mark.django_db
def test_404_page_in_english_on_the_english_site(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404 and 'lang="en"' in html
    assert "Page not found" in html and "Go to the home page" in html
    assert "Không tìm thấy trang" not in html
