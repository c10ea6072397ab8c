"""VietQR (NAPAS/EMVCo) payloads for a bank transfer, and their QR code as inline SVG.

The payload is built and parsed by PyPI ``vietnam-qr-pay``: tag 38 holds the NAPAS GUID
A000000727, the bank's BIN and the account number, service QRIBFTTA (transfer to an account);
53 = 704 (VND), 54 the amount, 58 = VN, 62/08 the transfer reference, 63 the CRC-16/CCITT-FALSE.
"""

import base64
import io
import re
import secrets

import segno
from vietnam_qr_pay import QRPay

from marketplace.core.qr import qr_svg

# Upper-case letters and digits a person can read back without confusion (no 0/O, 1/I/L).
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")


def new_reference(prefix: str, length: int = 8) -> str:
    """A short, accent-free, random reference such as ``DB7KQ2M9XP``."""
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(length))


def squeeze(text: str) -> str:
    """Banks rewrite transfer content (spaces, dashes, case, their own prefixes): compare on this."""
    return _NOT_ALNUM.sub("", (text or "").upper())


def references_in(content: str, prefixes=("DB", "XM")) -> list[str]:
    """Every candidate reference of ours found inside a transfer's content."""
    squeezed = squeeze(content)
    pattern = re.compile(f"(?:{'|'.join(prefixes)})[{_ALPHABET}]{{8}}")
    found, start = [], 0
    while match := pattern.search(squeezed, start):
        found.append(match.group(0))
        start = match.start() + 1
    return found


def payload(*, bank_bin: str, account_number: str, amount: int, reference: str) -> str:
    """The EMVCo string a banking app reads from the QR."""
    qr = QRPay.init_viet_qr(
        bank_bin=bank_bin, bank_number=account_number, amount=str(int(amount)), purpose=reference
    )
    return qr.build()


def parse(content: str) -> QRPay:
    return QRPay(content)


def svg(content: str) -> str:
    """Inline SVG (no file, no request): a few KB, crisp at any phone size."""
    return qr_svg(content, title="VietQR")


def png_data_uri(content: str) -> str:
    """The same QR as a PNG data URI, for "download QR" (paying from the same phone's gallery)."""
    out = io.BytesIO()
    segno.make(content, error="m", micro=False).save(out, kind="png", scale=8, border=4)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
