"""Registration wizard: each step saved at once, resumable after a dropped connection; assisted onboarding."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from sellers import services
from sellers.models import AuditLogEntry, Commune, EthnicGroup, Seller
from sellers.validators import hash_citizen_id, normalise_phone

from .conftest import PASSWORD, make_official

User = get_user_model()
pytestmark = pytest.mark.django_db


def step_url(n):
    return reverse("sellers:register-step", kwargs={"step": n})


def test_phone_numbers_are_normalised_and_bad_ones_refused():
    assert normalise_phone("+84 912.345.678") == "0912345678"
    assert normalise_phone("84912345678") == "0912345678"
    assert normalise_phone("0386 123 456") == "0386123456"
    for bad in ["12345", "0212345678", "+1 415 555 0100", "09123456789", ""]:
        with pytest.raises(ValidationError, match="Số điện thoại"):
            normalise_phone(bad)


def test_wizard_resumes_where_it_stopped_on_a_new_session(client):
    commune = Commune.objects.get(name="Tủa Chùa")
    # Step 1: account + draft seller, then logged in.
    response = client.post(
        reverse("sellers:register"),
        {"phone": "+84 912 345 678", "password": PASSWORD, "commune": commune.pk, "email": ""},
    )
    assert response.status_code == 302 and response.url == step_url(2)
    seller = Seller.objects.get(phone="0912345678")
    assert seller.status == Seller.Status.DRAFT and seller.user.username == "0912345678"
    # Step 2 saved, then the connection drops (session lost).
    client.post(step_url(2), {"name": "Hộ Giàng A Dế", "entity_type": "household", "address": "Bản Sín Chải"})
    client.logout()
    seller.refresh_from_db()
    assert (seller.name, seller.wizard_step) == ("Hộ Giàng A Dế", 2)

    # Back on another day: logging in and opening the wizard lands on step 3.
    assert client.login(username="0912345678", password=PASSWORD)
    response = client.get(reverse("sellers:register"))
    assert response.url == step_url(3)
    page = client.get(step_url(3)).content.decode()
    assert "Bước 3/7" in page
    # Skipping ahead is not possible: step 5 sends back to step 3.
    assert client.get(step_url(5)).url == step_url(3)

    client.post(step_url(3), {"rep_name": "Giàng A Dế", "rep_sex": "M", "rep_birth_year": "1980"})
    # Consent comes before ethnic group and citizen ID, and is required.
    response = client.post(step_url(4), {})
    assert "Cần đồng ý" in response.content.decode()
    assert client.get(step_url(5)).url == step_url(4)
    client.post(step_url(4), {"consent": "on"})
    seller.refresh_from_db()
    assert not seller.publish_ethnic_group  # showing it to buyers is a separate, optional choice
    assert seller.personal_data_consent_at is not None

    hmong = EthnicGroup.objects.get(name="H'Mông")
    response = client.post(step_url(5), {"ethnic_group": hmong.pk, "citizen_id": "0110 8000 123"})
    assert "12 chữ số" in response.content.decode()
    client.post(step_url(5), {"ethnic_group": hmong.pk, "citizen_id": "011080001234"})
    client.post(step_url(6), {"story": "Chè cổ thụ."})
    seller.refresh_from_db()
    assert seller.rep_citizen_id_hash == hash_citizen_id("011080001234")
    assert seller.rep_citizen_id_last4 == "1234"
    assert "011080001234" not in str(Seller.objects.filter(pk=seller.pk).values().get())

    response = client.post(reverse("sellers:register-review"))
    assert response.url == reverse("sellers:home")
    seller.refresh_from_db()
    assert seller.status == Seller.Status.SUBMITTED and seller.submitted_online
    # A submitted file can no longer be edited through the wizard.
    assert client.get(step_url(2)).url == reverse("sellers:home")


def test_bad_input_gives_messages_not_errors_and_keeps_what_was_saved(client):
    commune = Commune.objects.get(name="Mường Chà")
    response = client.post(
        reverse("sellers:register"), {"phone": "12345", "password": "x", "commune": "99999"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Số điện thoại di động không đúng" in page
    services.register(phone="0912000009", password=PASSWORD, commune=commune)
    response = client.post(
        reverse("sellers:register"), {"phone": "0912 000 009", "password": PASSWORD, "commune": commune.pk}
    )
    assert "đã có tài khoản" in response.content.decode()

    client.login(username="0912000009", password=PASSWORD)
    client.post(step_url(2), {"name": "HTX Mường Chà", "entity_type": "cooperative", "address": ""})
    client.post(step_url(3), {"rep_name": "Lò Văn Puôn", "rep_sex": "M", "rep_birth_year": "3000"})
    seller = Seller.objects.get(phone="0912000009")
    assert seller.wizard_step == 2 and seller.rep_name == ""  # invalid year: nothing half-saved
    client.post(step_url(3), {"rep_name": "Lò Văn Puôn", "rep_sex": "M", "rep_birth_year": "1975"})
    client.post(step_url(4), {"consent": "on", "publish_ethnic_group": "on"})
    assert Seller.objects.get(pk=seller.pk).publish_ethnic_group  # opted in to show it to buyers
    thai = EthnicGroup.objects.get(name="Thái")
    response = client.post(step_url(5), {"ethnic_group": thai.pk, "citizen_id": "011075004321"})
    assert "số đăng ký kinh doanh" in response.content.decode()
    seller.refresh_from_db()
    assert seller.name == "HTX Mường Chà" and seller.rep_name == "Lò Văn Puôn"  # earlier steps kept
    # Submitting an incomplete file says what is missing.
    response = client.post(reverse("sellers:register-review"))
    assert "Còn thiếu" in response.content.decode()
    assert Seller.objects.get(pk=seller.pk).status == Seller.Status.DRAFT


def test_village_head_registers_a_household_on_its_behalf(client):
    head = User.objects.create_user(username="truongban", password=PASSWORD)
    services.make_village_head(head)
    client.force_login(head)
    commune = Commune.objects.get(name="Sín Chải")
    response = client.post(
        reverse("sellers:assist-new"),
        {"phone": "0398123456", "password": "Ho-dan-2025", "commune": commune.pk},
    )
    seller = Seller.objects.get(phone="0398123456")
    assert response.url == reverse("sellers:assist-step", kwargs={"seller_pk": seller.pk, "step": 2})
    assert seller.assisted_by == head and seller.user.username == "0398123456"
    # The helper stays logged in as itself; the household can log in with the password given.
    assert client.get(reverse("sellers:home")).wsgi_request.user == head

    def assist(step):
        return reverse("sellers:assist-step", kwargs={"seller_pk": seller.pk, "step": step})

    client.post(assist(2), {"name": "Hộ Sùng A Páo", "entity_type": "household", "address": "Bản Tả Phìn"})
    client.post(assist(3), {"rep_name": "Sùng A Páo", "rep_sex": "M", "rep_birth_year": "1990"})
    client.post(assist(4), {"consent": "on"})
    hmong = EthnicGroup.objects.get(name="H'Mông")
    client.post(assist(5), {"ethnic_group": hmong.pk, "citizen_id": "011090005678"})
    client.post(assist(6), {"story": ""})
    client.post(reverse("sellers:assist-review", kwargs={"seller_pk": seller.pk}))
    seller.refresh_from_db()
    assert seller.status == Seller.Status.SUBMITTED and seller.assisted_by == head
    assert "Hộ Sùng A Páo" in client.get(reverse("sellers:assist")).content.decode()

    # Nobody else can open that household's file through the assist URLs.
    other_head = User.objects.create_user(username="truongban2", password=PASSWORD)
    services.make_village_head(other_head)
    client.force_login(other_head)
    assert client.get(assist(2)).status_code == 404
    client.force_login(seller.user)  # the household itself is not a helper
    assert client.get(assist(2)).status_code == 403
    assert client.login(username="0398123456", password="Ho-dan-2025")


def test_commune_official_assisting_is_audit_logged(client):
    official = make_official("canbo.sinchai", "Sín Chải")
    client.force_login(official)
    client.post(
        reverse("sellers:assist-new"),
        {
            "phone": "0398000111",
            "password": "Ho-dan-2025",
            "commune": Commune.objects.get(name="Sín Chải").pk,
        },
    )
    seller = Seller.objects.get(phone="0398000111")
    assert seller.assisted_by == official
    assert AuditLogEntry.objects.filter(actor=official, seller=seller, action="seller.assist").exists()


def test_plain_users_cannot_assist(client):
    user = User.objects.create_user(username="0912999999", password=PASSWORD)
    client.force_login(user)
    assert client.get(reverse("sellers:assist-new")).status_code == 403
    assert client.get(reverse("sellers:assist")).status_code == 403
