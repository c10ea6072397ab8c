"""Vietnamese banks that take VietQR transfers, with their NAPAS BINs (from PyPI vietnam-qr-pay)."""

from functools import cache

from vietnam_qr_pay import BanksObject
from vietnam_qr_pay.constants import VietQRStatus


@cache
def banks() -> dict[str, object]:
    """Banks that can receive a VietQR transfer, by BIN (deprecated names of a BIN left out)."""
    found = {}
    for bank in BanksObject.values():
        if bank.bin and not bank.deprecated and bank.viet_qr_status != VietQRStatus.NOT_SUPPORTED:
            found.setdefault(bank.bin, bank)
    return found


def bank_choices():
    return sorted(((b.bin, f"{b.short_name} – {b.name}") for b in banks().values()), key=lambda c: c[1])


def bank_name(bin_: str) -> str:
    bank = banks().get(bin_)
    return bank.short_name if bank else bin_
