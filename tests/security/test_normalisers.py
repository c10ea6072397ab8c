"""Digits of any script are read as the ASCII digits they mean, before any phone or citizen-ID
check, hash or storage (DESIGN §7): '０９１２…' and '٠٩١٢…' are the same number as '0912…'."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from sellers import services
from sellers.models import Commune, EthnicGroup, Seller
from sellers.validators import clean_citizen_id, hash_citizen_id, normalise_phone

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
SCRIPTS = [FULL_WIDTH, ARABIC_INDIC, DEVANAGARI]


@pytest.mark.parametrize("script", SCRIPTS)
def test_phone_in_other_digits_is_the_ascii_number(script):
    assert normalise_phone("0912 345 678".translate(script)) == "0912345678"
    assert normalise_phone("+84 912.345.678".translate(script)) == "0912345678"


@pytest.mark.parametrize("script", SCRIPTS)
def test_citizen_id_in_other_digits_is_stored_and_hashed_as_ascii(script):
    ascii_id = "011080001234"
    cleaned = clean_citizen_id(ascii_id.translate(script))
    assert cleaned == ascii_id
    assert hash_citizen_id(cleaned) == hash_citizen_id(ascii_id)


@pytest.mark.parametrize(
    "value",
    ["0912345678x", "091234567", "02123456789", "+1 202 555 0143", "0912-ABC-678", "", "\x00", "1e9"],
)
def test_what_is_not_a_vietnamese_mobile_is_refused(value):
    with pytest.raises(ValidationError):
        normalise_phone(value)


@pytest.mark.django_db
def test_identity_step_stores_ascii_last4_for_full_width_digits():
    seller = services.register(
        phone="0912000301", password="Mat-khau-2025", commune=Commune.objects.get(name="Tủa Chùa")
    )
    services.record_consent(seller)
    services.save_identity(
        seller,
        ethnic_group=EthnicGroup.objects.get(name="H'Mông"),
        citizen_id="011080001234".translate(FULL_WIDTH),
    )
    seller.refresh_from_db()
    assert seller.rep_citizen_id_last4 == "1234"
    assert seller.rep_citizen_id_hash == hash_citizen_id("011080001234")


@pytest.mark.django_db
def test_registering_a_taken_phone_in_full_width_digits_is_a_form_error_not_a_500(client):
    commune = Commune.objects.get(name="Tủa Chùa")
    services.register(phone="0912000302", password="Mat-khau-2025", commune=commune)
    response = client.post(
        reverse("sellers:register"),
        # "09" typed in ASCII, the rest in full width: the old check passed it, the account
        # creation normalised it to the taken number and failed with IntegrityError (a 500).
        {
            "phone": "09" + "12000302".translate(FULL_WIDTH),
            "password": "Mat-khau-2025",
            "commune": commune.pk,
        },
    )
    assert response.status_code == 200
    assert "đã có tài khoản" in response.content.decode()
    assert Seller.objects.count() == 1


# --- properties ------------------------------------------------------------------------------

any_digit = st.characters(categories=["Nd"])


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_normalise_phone_refuses_or_returns_a_canonical_ascii_mobile(text):
    try:
        phone = normalise_phone(text)
    except ValidationError:
        return
    assert phone.isascii() and phone.isdigit() and len(phone) == 10
    assert phone[:2] in {"03", "05", "07", "08", "09"}
    assert normalise_phone(phone) == phone  # idempotent


@given(st.lists(any_digit, min_size=12, max_size=12))
@settings(max_examples=300, deadline=None)
def test_any_twelve_digits_of_any_script_clean_to_their_ascii_value(chars):
    import unicodedata

    expected = "".join(str(unicodedata.decimal(c)) for c in chars)
    assert clean_citizen_id("".join(chars)) == expected


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_clean_citizen_id_output_is_always_twelve_ascii_digits(text):
    try:
        cleaned = clean_citizen_id(text)
    except ValidationError:
        return
    assert len(cleaned) == 12 and cleaned.isascii() and cleaned.isdigit()


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_normalise_digits_leaves_no_non_ascii_digit(text):
    from sellers.validators import normalise_digits

    out = normalise_digits(text)
    assert not any(c.isdigit() and not c.isascii() for c in out)
