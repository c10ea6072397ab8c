"""Checks and normalisation for Vietnamese phone numbers and citizen IDs."""

import hashlib
import hmac
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Mobile numbers: 03x, 05x, 07x, 08x, 09x and 8 more digits; written 0… or +84…/84….
_MOBILE = re.compile(r"^(?:\+?84|0)([35789]\d{8})$")
_SEPARATORS = re.compile(r"[\s.\-()]")


def normalise_phone(value: str) -> str:
    """'+84 912.345.678' -> '0912345678'; anything that is not a Vietnamese mobile is refused."""
    match = _MOBILE.match(_SEPARATORS.sub("", value or ""))
    if not match:
        raise ValidationError(
            _("Số điện thoại di động không đúng. Ví dụ: 0912 345 678 hoặc +84 912 345 678."),
            code="invalid_phone",
        )
    return "0" + match.group(1)


def clean_citizen_id(value: str) -> str:
    digits = _SEPARATORS.sub("", value or "")
    if not re.fullmatch(r"\d{12}", digits):
        raise ValidationError(_("Số CCCD gồm đúng 12 chữ số."), code="invalid_citizen_id")
    return digits


def hash_citizen_id(citizen_id: str) -> str:
    """Keyed hash (HMAC-SHA256): equal IDs match, but the ID cannot be read back."""
    key = settings.CITIZEN_ID_HASH_KEY.encode()
    return hmac.new(key, citizen_id.encode(), hashlib.sha256).hexdigest()
