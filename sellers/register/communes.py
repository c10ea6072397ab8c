"""Placing a register row in one of today's 45 communes and wards, whatever its list was written in.

Lists published before 1 July 2025 name a district and a pre-merger commune ("xã Quài Cang,
huyện Tuần Giáo"): ``vietnamadminunits`` converts such an address to today's commune, whose
statistics-office code is our ``Commune.code``. A name of today's commune is found directly.
"""

import re
from functools import lru_cache

from marketplace.core.sheets import folded_words

from ..models import Commune

PROVINCE = "Tỉnh Điện Biên"
_UNIT_WORDS = re.compile(r"^(xa|phuong|thi tran|tt|p|x)\s+")


def _bare(text):
    """'Xã Mường Phăng' -> 'muong phang' (the unit's kind dropped)."""
    return _UNIT_WORDS.sub("", folded_words(text))


@lru_cache(maxsize=1)
def _today():
    rows = Commune.objects.values_list("pk", "code", "name")
    return {code: pk for pk, code, _name in rows}, {_bare(name): pk for pk, _code, name in rows}


@lru_cache(maxsize=4096)
def _converted(address):
    from vietnamadminunits import convert_address

    try:
        return convert_address(address).ward_code
    except Exception:  # the library raises on an address it cannot parse; we say "not found"
        return None


def commune_id(commune="", district="", address="") -> int | None:
    """Today's commune id for a row's commune (and district, or whole address), or None."""
    by_code, by_name = _today()
    commune, district, address = (t.strip() for t in (commune, district, address))
    if commune and district:
        code = _converted(f"{commune}, {district}, {PROVINCE}")
        if code in by_code:
            return by_code[code]
    if commune and not district and _bare(commune) in by_name:
        return by_name[_bare(commune)]
    if address:
        full = (
            address
            if "dien bien" in folded_words(address).replace("dien bien phu", "")
            else f"{address}, {PROVINCE}"
        )
        code = _converted(full)
        if code in by_code:
            return by_code[code]
    if commune and _bare(commune) in by_name:
        return by_name[_bare(commune)]
    return None


def forget():
    """Drop the cached commune list (after the reference data changed, and between tests)."""
    _today.cache_clear()
