"""Reading the bank-notification services' webhooks: SePay and Casso (v2), and checking they are
authentic. Each returns a ``transfers.Notification`` or raises ``Rejected`` (400/401)."""

import datetime
import hashlib
import hmac
import json
import time
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.conf import settings

from .services.transfers import Notification

VN = ZoneInfo("Asia/Ho_Chi_Minh")


class Rejected(Exception):
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status


def _json(body: bytes):
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise Rejected(400, "body is not JSON") from error


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise Rejected(400, "bad amount") from error
    # Whole đồng, and within what the ledger's 14 digits hold (no bank transfer comes near it).
    if not amount.is_finite() or amount != amount.to_integral_value() or abs(amount) >= 10**13:
        raise Rejected(400, "bad amount")
    return amount


def _local_time(value):
    """'2025-02-12 15:53:00' in Vietnam time (both services send local time without a zone)."""
    if not value:
        return None
    try:
        return datetime.datetime.strptime(str(value)[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=VN)
    except ValueError:
        return None


# --- SePay ---------------------------------------------------------------------------------------


def sepay(body: bytes, authorization: str) -> Notification:
    """SePay posts one transaction as JSON, authenticated by "Authorization: Apikey <key>"."""
    key = settings.SEPAY_API_KEY
    scheme, _, given = (authorization or "").partition(" ")
    if not key or scheme.lower() != "apikey" or not hmac.compare_digest(given.strip().encode(), key.encode()):
        raise Rejected(401, "bad API key")
    data = _json(body)
    if not isinstance(data, dict) or data.get("id") in (None, "") or "transferAmount" not in data:
        raise Rejected(400, "not a SePay transaction")
    return Notification(
        provider="sepay",
        transaction_id=str(data["id"]),
        account_number=str(data.get("accountNumber") or ""),
        amount=_amount(data["transferAmount"]),
        content=" ".join(str(data.get(k) or "") for k in ("code", "content", "description")),
        bank_reference=str(data.get("referenceCode") or ""),
        transaction_at=_local_time(data.get("transactionDate")),
        incoming=str(data.get("transferType", "in")).lower() == "in",
        raw=data,
    )


# --- Casso v2 -------------------------------------------------------------------------------------


def _sorted(value):
    """Keys sorted at every depth, as Casso does before signing."""
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def casso_signature(key: str, timestamp: str, data) -> str:
    """v1 = HMAC-SHA512(key, "<t>." + the body as JSON, keys sorted recursively, compact)."""
    canonical = json.dumps(_sorted(data), separators=(",", ":"), ensure_ascii=False)
    return hmac.new(key.encode(), f"{timestamp}.{canonical}".encode(), hashlib.sha512).hexdigest()


def casso(body: bytes, signature_header: str, now=None) -> list[Notification]:
    """Casso v2: {"error":0,"data":{…}} signed in X-Casso-Signature: t=<ms>,v1=<hex>."""
    key = settings.CASSO_WEBHOOK_KEY
    parts = dict(p.strip().split("=", 1) for p in (signature_header or "").split(",") if "=" in p)
    timestamp, given = parts.get("t", ""), parts.get("v1", "")
    if not key or not timestamp.isdigit() or not given:
        raise Rejected(401, "missing signature")
    now_ms = (now or time.time()) * 1000
    if abs(now_ms - int(timestamp)) > settings.CASSO_MAX_AGE_SECONDS * 1000:
        raise Rejected(401, "stale signature")
    data = _json(body)
    if not hmac.compare_digest(casso_signature(key, timestamp, data), given.lower()):
        raise Rejected(401, "bad signature")
    if not isinstance(data, dict) or data.get("error", 0) != 0:
        raise Rejected(400, "not a Casso notification")
    rows = data.get("data")
    rows = rows if isinstance(rows, list) else [rows]
    notes = []
    for row in rows:
        if not isinstance(row, dict) or row.get("id") in (None, "") or "amount" not in row:
            raise Rejected(400, "not a Casso transaction")
        amount = _amount(row["amount"])
        notes.append(
            Notification(
                provider="casso",
                transaction_id=str(row["id"]),
                account_number=str(row.get("accountNumber") or ""),
                amount=abs(amount),
                content=str(row.get("description") or ""),
                bank_reference=str(row.get("reference") or ""),
                transaction_at=_local_time(row.get("transactionDateTime")),
                incoming=amount > 0,
                raw=row,
            )
        )
    return notes
