"""Officials verify sellers of their commune: decisions audit-logged, sellers told three ways."""

import logging

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from sellers.models import AuditLogEntry, Seller

from .conftest import make_official, make_submitted_seller

Notification = get_model("communication", "Notification")
pytestmark = pytest.mark.django_db


def decide(client, seller, decision, reason=""):
    url = reverse("officials:seller", kwargs={"pk": seller.pk})
    return client.post(url, {"decision": decision, "reason": reason})


def test_official_approves_a_seller_which_opens_its_shop(
    client, official, caplog, django_capture_on_commit_callbacks
):
    seller = make_submitted_seller("0912000101")
    client.force_login(official)
    queue = client.get(reverse("officials:queue")).content.decode()
    assert seller.name in queue

    page = client.get(reverse("officials:seller", kwargs={"pk": seller.pk})).content.decode()
    assert "H&#x27;Mông" in page and "1234" in page
    assert AuditLogEntry.objects.filter(
        actor=official, seller=seller, action="seller.view_personal_data"
    ).exists()

    with (
        caplog.at_level(logging.INFO, logger="marketplace.core.sms"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = decide(client, seller, "approve")
    assert response.url == reverse("officials:queue")
    seller.refresh_from_db()
    assert seller.status == Seller.Status.VERIFIED and seller.decided_online and seller.verified_at
    # Shop opened: an Oscar partner with the seller's user and dashboard access.
    assert seller.partner is not None and seller.user in seller.partner.users.all()
    assert seller.user.has_perm("partner.dashboard_access")
    # Audit, in-app notice, e-mail, SMS.
    assert AuditLogEntry.objects.filter(actor=official, seller=seller, action="seller.approve").exists()
    assert Notification.objects.filter(recipient=seller.user, subject__contains="đã được xác minh").exists()
    assert [m.to for m in mail.outbox] == [[seller.user.email]]
    assert "đã được xác minh" in mail.outbox[0].subject
    assert any("0912000101" in r.getMessage() and "xác minh" in r.getMessage() for r in caplog.records)
    assert seller not in client.get(reverse("officials:queue")).context["sellers"]


def test_asking_for_changes_and_rejecting_need_a_reason(client, official, django_capture_on_commit_callbacks):
    seller = make_submitted_seller("0912000102")
    client.force_login(official)
    response = decide(client, seller, "request_changes", "")
    assert "Hãy ghi lý do" in response.content.decode()
    assert Seller.objects.get(pk=seller.pk).status == Seller.Status.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, seller, "request_changes", "Ảnh CCCD bị mờ, chụp lại giúp.")
    seller.refresh_from_db()
    assert seller.status == Seller.Status.CHANGES_REQUESTED and seller.review_note.startswith("Ảnh CCCD")
    assert "chụp lại" in mail.outbox[-1].body
    # The seller sees the reason, edits and resubmits.
    client.force_login(seller.user)
    assert "chụp lại" in client.get(reverse("sellers:home")).content.decode()
    client.post(reverse("sellers:register-review"))
    seller.refresh_from_db()
    assert seller.status == Seller.Status.SUBMITTED

    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, seller, "reject", "Không phải chủ thể OCOP <script>")
    seller.refresh_from_db()
    assert seller.status == Seller.Status.REJECTED and seller.partner is None
    actions = list(AuditLogEntry.objects.filter(seller=seller).values_list("action", flat=True))
    assert {"seller.request_changes", "seller.reject"} <= set(actions)
    notice = Notification.objects.filter(recipient=seller.user).first()
    assert "<script>" not in notice.body and "&lt;script&gt;" in notice.body
    # A decided file cannot be decided again.
    response = decide(client, seller, "approve")
    assert "không ở trạng thái chờ" in response.content.decode()


def test_commune_officials_see_only_their_commune_province_sees_all(client, official):
    elsewhere = make_submitted_seller("0912000103", commune_name="Mường Nhé", name="Hộ Mường Nhé")
    client.force_login(official)  # Tủa Chùa
    assert "Hộ Mường Nhé" not in client.get(reverse("officials:queue")).content.decode()
    assert client.get(reverse("officials:seller", kwargs={"pk": elsewhere.pk})).status_code == 404
    assert decide(client, elsewhere, "approve").status_code == 404
    assert Seller.objects.get(pk=elsewhere.pk).status == Seller.Status.SUBMITTED
    assert not AuditLogEntry.objects.filter(seller=elsewhere).exists()

    province = make_official("so.dantoc")
    client.force_login(province)
    assert "Hộ Mường Nhé" in client.get(reverse("officials:queue")).content.decode()


def test_non_officials_are_refused(client):
    seller = make_submitted_seller("0912000104")
    client.force_login(seller.user)
    assert client.get(reverse("officials:queue")).status_code == 403
    assert client.get(reverse("officials:seller", kwargs={"pk": seller.pk})).status_code == 403
    client.logout()
    assert client.get(reverse("officials:queue")).url.startswith(reverse("sellers:login"))
