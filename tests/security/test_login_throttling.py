"""Logins are throttled per account and per IP (django-axes), with a Vietnamese message, and
unlocked after a delay; the right password does not get through while locked."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "Mat-khau-2025"
LIMIT = settings.AXES_FAILURE_LIMIT

# (url, username field, password field, extra fields) of every login form of the site.
LOGIN_FORMS = [
    ("/seller/login/", "username", "password", {}),
    ("/accounts/login/", "login-username", "login-password", {"login_submit": "1"}),
    ("/admin/login/", "username", "password", {}),
]


def _post(client, form, username, password, ip="10.1.1.1", **headers):
    url, user_field, password_field, extra = form
    data = {user_field: username, password_field: password, **extra}
    return client.post(url, data, REMOTE_ADDR=ip, **headers)


def _signed_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def account():
    return User.objects.create_user(
        username="0912000401", email="mai@example.vn", password=PASSWORD, is_staff=True
    )


@pytest.mark.parametrize("form", LOGIN_FORMS, ids=[f[0] for f in LOGIN_FORMS])
def test_the_right_password_is_refused_after_too_many_wrong_ones(form, account):
    username = "mai@example.vn" if form[0] == "/accounts/login/" else account.username
    for _ in range(LIMIT):
        _post(Client(), form, username, "sai-mat-khau")
    client = Client()
    response = _post(client, form, username, PASSWORD)
    assert response.status_code == 429
    assert "Bạn đã đăng nhập sai quá nhiều lần" in response.content.decode()
    assert not _signed_in(client)


def test_many_accounts_tried_from_one_ip_lock_that_ip(account):
    form = LOGIN_FORMS[0]
    for i in range(LIMIT):  # a forged X-Forwarded-For does not make each try a new IP
        forged = {"HTTP_X_FORWARDED_FOR": f"203.0.113.{i}"}
        _post(Client(), form, f"09120009{i:02d}", "sai-mat-khau", ip="10.2.2.2", **forged)
    client = Client()
    response = _post(client, form, account.username, PASSWORD, ip="10.2.2.2")
    assert response.status_code == 429 and not _signed_in(client)
    # Another IP, same account (which has no failures of its own): signs in.
    other = Client()
    assert _post(other, form, account.username, PASSWORD, ip="10.3.3.3").status_code == 302
    assert _signed_in(other)


def test_a_locked_account_opens_again_after_the_cool_off(account):
    from axes.models import AccessAttempt

    form = LOGIN_FORMS[0]
    for _ in range(LIMIT):
        _post(Client(), form, account.username, "sai-mat-khau")
    assert _post(Client(), form, account.username, PASSWORD).status_code == 429
    later = settings.AXES_COOLOFF_TIME + datetime.timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - later)
    client = Client()
    assert _post(client, form, account.username, PASSWORD).status_code == 302
    assert _signed_in(client)


def test_a_few_mistakes_do_not_lock(account):
    form = LOGIN_FORMS[0]
    for _ in range(LIMIT - 1):
        _post(Client(), form, account.username, "sai-mat-khau")
    client = Client()
    assert _post(client, form, account.username, PASSWORD).status_code == 302
    assert _signed_in(client)


def test_oscar_sign_up_still_signs_the_new_buyer_in(client):
    """Oscar authenticates the new account without a request; that must not fail."""
    response = client.post(
        reverse("customer:register"),
        {"email": "moi@example.vn", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert _signed_in(client)
