"""Demo data keeps the consent rule (DESIGN §7): ethnic origin is sensitive, so a seller who did
not agree to show its ethnic group gets product titles, short names and descriptions that do not
name it either ("Khăn piêu Thái" becomes "Khăn piêu", "của người Thái" "của người vùng cao")."""

import re
import zlib

# How the demo's texts write each group the demo's sellers belong to (codes as in data.SELLERS).
ETHNIC_NAMES = {
    "03": ["Thái"],
    "08": ["H'Mông", "Mông"],
    "09": ["Dao"],
    "29": ["Khơ Mú", "Khơ-mú"],
    "35": ["Hà Nhì"],
    "37": ["Lào"],
    "48": ["Cống"],
}


def publishes_ethnic_group(slug: str) -> bool:
    """Most, not all, demo representatives chose to show their ethnic group to buyers."""
    return zlib.crc32(slug.encode()) % 5 != 0


def without_ethnic_group(text: str, code: str) -> str:
    """The text with the group's name taken out, or said as 'vùng cao' after a word for people."""
    for name in ETHNIC_NAMES.get(code, []):
        word = rf"(?<!\w){re.escape(name)}(?!\w)"
        text = re.sub(rf"\b(người|đồng bào|phụ nữ|bản) {word}", r"\1 vùng cao", text)
        text = re.sub(rf"\s*{word}", "", text)
    return text
