"""`{{ number|phone }}`: a phone number as Vietnamese people write it ("0912 345 678")."""

import phonenumbers
from django import template

register = template.Library()


def format_phone(value) -> str:
    """National format for Vietnamese numbers, international for others, the text itself if unparsable.

    Accepts a string ("+84912345678", "0912345678") or a phonenumber_field PhoneNumber.
    """
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException:
        return text
    if number.country_code == 84:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@register.filter
def phone(value):
    return format_phone(value)


@register.filter
def tel_href(value):
    """The number for a tel: link (E.164, no spaces)."""
    text = str(value or "").strip()
    try:
        number = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException:
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
