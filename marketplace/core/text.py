"""Vietnamese text helpers shared by search, slugs and matching."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case, strip diacritics, and treat đ as d: "GẠO Điện Biên" -> "gao dien bien"."""
    text = (text or "").replace("đ", "d").replace("Đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
