"""Checks and normalisation for Vietnamese phone numbers and citizen IDs.

Digits are normalised first (NFKC, then every decimal digit of any script to ASCII): a phone
keyboard may type full-width '０９１２' or Arabic-Indic '٠٩١٢', and they must check, hash and
store exactly like '0912' (DESIGN §7).
"""

import hashlib
import hmac
import re
import unicodedata

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What a typed number may contain once its digits are ASCII: digits, separators, one "+".
_TYPED_PHONE = re.compile(r"^[(\s]*\+?[0-9\s.\-()]+$", re.ASCII)
_SEPARATORS = re.compile(r"[\s.\-()]")
_MOBILE_TYPES = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
INVALID_PHONE = _("Số điện thoại di động không đúng. Ví dụ: 0912 345 678 hoặc +84 912 345 678.")


def normalise_digits(value: str) -> str:
    """NFKC, then any Unicode decimal digit (Nd) to its ASCII digit; other characters unchanged."""
    value = unicodedata.normalize("NFKC", value or "")
    return "".join(
        str(unicodedata.decimal(char))
        if not char.isascii() and unicodedata.decimal(char, None) is not None
        else char
        for char in value
    )


def normalise_phone(value: str) -> str:
    """'+84 912.345.678' -> '0912345678'; anything that is not a Vietnamese mobile is refused."""
    typed = normalise_digits(value).strip()
    if not _TYPED_PHONE.match(typed) or len(typed) > 20:
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    try:
        number = phonenumbers.parse(typed, "VN")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(INVALID_PHONE, code="invalid_phone") from error
    if (
        number.country_code != 84
        or not phonenumbers.is_valid_number_for_region(number, "VN")
        or phonenumbers.number_type(number) not in _MOBILE_TYPES
    ):
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    return "0" + str(number.national_number)


def clean_citizen_id(value: str) -> str:
    digits = _SEPARATORS.sub("", normalise_digits(value))
    if not re.fullmatch(r"[0-9]{12}", digits):
        raise ValidationError(_("Số CCCD gồm đúng 12 chữ số."), code="invalid_citizen_id")
    return digits


def hash_citizen_id(citizen_id: str) -> str:
    """Keyed hash (HMAC-SHA256): equal IDs match, but the ID cannot be read back."""
    key = settings.CITIZEN_ID_HASH_KEY.encode()
    return hmac.new(key, clean_citizen_id(citizen_id).encode(), hashlib.sha256).hexdigest()
