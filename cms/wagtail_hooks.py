"""Wagtail admin tweaks (imported by Wagtail at start-up).

Page addresses without diacritics: Wagtail's own transliteration (WAGTAIL_ALLOW_UNICODE_SLUGS =
False) knows no Vietnamese ("Điện" -> "djin"), so the slug widget first folds Vietnamese letters
to their base letter with its `formatters` hook: "Tin tức Điện Biên" -> "tin-tuc-dien-bien".
"""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput

VIETNAMESE_LETTERS = {
    "a": "àáạảãâầấậẩẫăằắặẳẵ",
    "e": "èéẹẻẽêềếệểễ",
    "i": "ìíịỉĩ",
    "o": "òóọỏõôồốộổỗơờớợởỡ",
    "u": "ùúụủũưừứựửữ",
    "y": "ỳýỵỷỹ",
    "d": "đ",
}
# (regex, replacement) pairs run in the browser before slugifying; flags "gu" by default.
VIETNAMESE_SLUG_FORMATTERS = [("[\u0300-\u036f]", "")]  # combining marks of decomposed text
VIETNAMESE_SLUG_FORMATTERS += [
    (f"[{letters}{letters.upper()}]", base) for base, letters in VIETNAMESE_LETTERS.items()
]


class VietnameseSlugInput(SlugInput):
    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs, formatters or VIETNAMESE_SLUG_FORMATTERS, locale)


register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
