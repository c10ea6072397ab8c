"""Separation of duties and decisions as state machines (defects 1 and 10).

Nobody decides a file they own, submitted or assisted: another official of the commune or a
province official must. A decided file is not decided again; a commune official registers
households of its own commune only. (Two officials at once: test_concurrency.py.)
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sellers import services
from sellers.models import AuditLogEntry, Commune, EthnicGroup, ExternalShopLink, Seller
from tests.sellers.conftest import PASSWORD, make_official, make_submitted_seller, make_verified_seller

pytestmark = pytest.mark.django_db


def _own_shop_of(official):
    """An official who also registered a shop of its own at /seller/register/ and submitted it."""
    seller = services.start_seller(
        user=official, commune=Commune.objects.get(name="Tủa Chùa"), phone="0912000701"
    )
    services.save_shop(seller, name="Hộ cán bộ", entity_type=Seller.EntityType.HOUSEHOLD)
    services.save_step(seller, services.STEP_REPRESENTATIVE, rep_name="Cán Bộ A")
    services.record_consent(seller)
    services.save_identity(seller, ethnic_group=EthnicGroup.objects.get(code="03"), citizen_id="011080009999")
    return services.submit_registration(seller)


def test_an_official_cannot_verify_their_own_shop(client):
    official = make_official("canbo.a", "Tủa Chùa")
    seller = _own_shop_of(official)
    client.force_login(official)
    response = client.post(reverse("officials:seller", kwargs={"pk": seller.pk}), {"decision": "approve"})
    assert response.status_code == 403
    seller.refresh_from_db()
    assert seller.status == Seller.Status.SUBMITTED and seller.partner_id is None
    client.force_login(official)
    assert client.get(reverse("sellers:product-new")).status_code == 403
    assert client.get("/dashboard/").status_code in (302, 403)
    # The file page says so instead of offering the form.
    page = client.get(reverse("officials:seller", kwargs={"pk": seller.pk}))
    assert page.context["can_decide"] is False


def test_an_official_cannot_verify_a_household_they_assisted():
    official = make_official("canbo.a", "Tủa Chùa")
    seller = make_submitted_seller("0912000702", assisted_by=official)
    with pytest.raises(PermissionDenied):
        services.decide_registration(seller, official=official, decision="approve")
    seller.refresh_from_db()
    assert seller.status == Seller.Status.SUBMITTED
    assert not AuditLogEntry.objects.filter(action="seller.approve").exists()


@pytest.mark.parametrize("other_commune", ["Tủa Chùa", None], ids=["same commune", "province"])
def test_another_official_of_the_commune_or_the_province_decides_it(other_commune):
    official = make_official("canbo.a", "Tủa Chùa")
    seller = make_submitted_seller("0912000703", assisted_by=official)
    other = make_official("canbo.b", other_commune)
    services.decide_registration(seller, official=other, decision="approve")
    seller.refresh_from_db()
    assert seller.status == Seller.Status.VERIFIED


def test_an_official_cannot_decide_certificates_or_links_of_a_shop_they_assisted():
    helper = make_official("canbo.a", "Tủa Chùa")
    other = make_official("canbo.b", "Tủa Chùa")
    seller = make_submitted_seller("0912000704", assisted_by=helper)
    services.decide_registration(seller, official=other, decision="approve")
    seller.refresh_from_db()
    certificate = _certificate(seller)
    link = services.add_external_link(seller, platform="shopee", url="https://shopee.vn/ho-a")
    with pytest.raises(PermissionDenied):
        services.decide_certificate(certificate, official=helper, approve=True)
    with pytest.raises(PermissionDenied):
        services.decide_external_link(link, official=helper, confirm=True)
    certificate.refresh_from_db()
    assert certificate.reviewed_at is None and not certificate.approved
    assert ExternalShopLink.objects.get(pk=link.pk).is_pending


def _certificate(seller):
    today = timezone.localdate()
    return services.add_certificate(
        seller,
        product_name="Chè Shan Tuyết",
        stars=4,
        product_group="beverage",
        decision_number="12/QĐ-UBND",
        issued_on=today - datetime.timedelta(days=30),
        expires_on=today + datetime.timedelta(days=900),
    )


def test_a_decided_certificate_cannot_be_decided_again(client):
    official = make_official("canbo.a", "Tủa Chùa")
    seller = make_verified_seller("0912000705", official)
    certificate = _certificate(seller)
    services.decide_certificate(certificate, official=official, approve=True)
    certificate.refresh_from_db()
    decided_at = certificate.reviewed_at
    client.force_login(official)
    url = reverse("officials:certificate", kwargs={"pk": certificate.pk})
    response = client.post(url, {"decision": "reject", "reason": "Làm lại"})
    assert response.status_code == 200  # the page again, with the error
    certificate.refresh_from_db()
    assert certificate.approved and certificate.reviewed_at == decided_at
    assert AuditLogEntry.objects.filter(action__startswith="certificate.").count() == 1
    with pytest.raises(ValidationError):
        services.decide_certificate(certificate, official=official, approve=False, reason="x")


def test_a_decided_registration_cannot_be_decided_again():
    official = make_official("canbo.a", "Tủa Chùa")
    seller = make_verified_seller("0912000706", official)
    with pytest.raises(ValidationError):
        services.decide_registration(seller, official=official, decision="reject", reason="x")
    seller.refresh_from_db()
    assert seller.status == Seller.Status.VERIFIED


def test_a_commune_official_cannot_start_a_draft_in_another_commune(client):
    official = make_official("canbo.a", "Tủa Chùa")
    elsewhere = Commune.objects.get(name="Mường Nhé")
    client.force_login(official)
    response = client.post(
        reverse("sellers:assist-new"), {"phone": "0912000707", "password": PASSWORD, "commune": elsewhere.pk}
    )
    assert response.status_code == 200
    assert not Seller.objects.filter(commune=elsewhere).exists()
    with pytest.raises(ValidationError):
        services.register(phone="0912000708", password=PASSWORD, commune=elsewhere, assisted_by=official)
    # Nor move a household it registers at home into another commune afterwards.
    draft = services.register(
        phone="0912000709", password=PASSWORD, commune=official.official_profile.commune, assisted_by=official
    )
    response = client.post(
        reverse("sellers:assist-step", kwargs={"seller_pk": draft.pk, "step": 1}), {"commune": elsewhere.pk}
    )
    draft.refresh_from_db()
    assert draft.commune == official.official_profile.commune


def test_a_province_official_may_register_a_household_in_any_commune():
    province = make_official("canbo.tinh")
    seller = services.register(
        phone="0912000710",
        password=PASSWORD,
        commune=Commune.objects.get(name="Mường Nhé"),
        assisted_by=province,
    )
    assert seller.commune.name == "Mường Nhé"
