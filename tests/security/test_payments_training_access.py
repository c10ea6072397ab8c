"""What the access matrix cannot see from status codes alone: the payments and training POSTs it
lets through really change the record, the refused ones change nothing, and the Django admin
only shows money records (they are written by payments' services, never by hand)."""

import json

import pytest
from django.db import transaction
from django.urls import reverse

from payments.models import BankTransfer, CardPayment, EPaymentAccount, LedgerEntry, VietQRPayment

from .world import Browsers, build_world

pytestmark = pytest.mark.django_db

PAYMENT_MODELS = (EPaymentAccount, VietQRPayment, BankTransfer, CardPayment, LedgerEntry)


@pytest.fixture
def world():
    return build_world()


def _post_then_look(browsers, role, url, data, look):
    """POST as ``role``, read what changed with ``look()``, then roll everything back."""
    client = browsers.client(role)
    with transaction.atomic():
        response = client.post(url, data)
        seen = look()
        transaction.set_rollback(True)
    return response, seen


def test_commune_and_seller_actions_change_only_what_the_role_may(world):
    w, browsers = world, Browsers(world)

    def account_state():
        return EPaymentAccount.objects.get(pk=w.account_a_new.pk).state

    url = reverse("official_payments:account-decision", args=[w.account_a_new.pk])
    decisions = (("official_y", "unverified"), ("seller_a", "unverified"), ("official_x", "verified"))
    for role, expected in decisions:
        _response, state = _post_then_look(browsers, role, url, {"decision": "verify"}, account_state)
        assert state == expected, role

    def payment_status():
        return VietQRPayment.objects.get(pk=w.payment_a.pk).status

    confirm = {f"p{w.payment_a.pk}-bank_reference": "FT26330001"}
    for name, role, expected in (
        ("seller_payments:payment-confirm", "seller_b", "pending"),
        ("seller_payments:payment-confirm", "seller_a", "paid"),
        ("official_payments:payment-confirm", "official_y", "pending"),
        ("official_payments:payment-confirm", "province", "paid"),
    ):
        response, status = _post_then_look(
            browsers, role, reverse(name, args=[w.payment_a.pk]), confirm, payment_status
        )
        assert status == expected, (name, role, response.status_code)

    def resolved():
        return BankTransfer.objects.get(pk=w.transfer_a.pk).resolved_at is not None

    resolve = {f"t{w.transfer_a.pk}-payment": "", f"t{w.transfer_a.pk}-note": "Đã gọi người mua"}
    for name, role, expected in (
        ("official_payments:transfer-resolve", "official_y", False),
        ("seller_payments:transfer-resolve", "seller_b", False),
        ("official_payments:transfer-resolve", "official_x", True),
        ("seller_payments:transfer-resolve", "seller_a", True),
    ):
        _response, done = _post_then_look(
            browsers, role, reverse(name, args=[w.transfer_a.pk]), resolve, resolved
        )
        assert done is expected, (name, role)


@pytest.mark.parametrize("provider", ["sepay", "casso"])
def test_an_unsigned_bank_notification_is_refused_and_changes_nothing(world, client, provider):
    body = {
        "id": 424242,
        "gateway": "Vietcombank",
        "accountNumber": world.account_a.account_number,
        "transferType": "in",
        "transferAmount": int(world.payment_a.amount),
        "content": world.payment_a.reference,
        "referenceCode": "FT26330424",
    }
    before = BankTransfer.objects.count()
    response = client.post(
        reverse("payments:webhook", args=[provider]), json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 401
    assert BankTransfer.objects.count() == before
    assert VietQRPayment.objects.get(pk=world.payment_a.pk).status == "pending"


def test_attendance_recorded_by_commune_y_official_is_refused(world):
    browsers = Browsers(world)
    url = reverse("training:session", args=[world.session_x.pk])
    phone = {"phone": world.seller_b.phone, "name": "", "last4": ""}

    def attendees():
        return world.session_x.attendance.count()

    response, count = _post_then_look(browsers, "official_y", url, phone, attendees)
    assert response.status_code == 403 and count == 1


def test_the_django_admin_only_shows_money_records(world):
    client = Browsers(world).client("operator")
    objects = {
        EPaymentAccount: world.account_a,
        VietQRPayment: world.payment_a,
        BankTransfer: world.transfer_a,
        LedgerEntry: None,
        CardPayment: None,
    }
    for model in PAYMENT_MODELS:
        name = f"admin:payments_{model._meta.model_name}"
        assert client.get(reverse(f"{name}_changelist")).status_code == 200
        add = reverse(f"{name}_add")
        assert client.get(add).status_code == 403
        assert client.post(add, {}).status_code == 403
        obj = objects[model]
        if obj is None:
            continue
        change = reverse(f"{name}_change", args=[obj.pk])
        page = client.get(change)
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
        assert client.post(change, {"amount": 1}).status_code == 403
        assert client.post(reverse(f"{name}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=obj.pk).exists()
    assert VietQRPayment.objects.get(pk=world.payment_a.pk).amount == world.payment_a.amount
