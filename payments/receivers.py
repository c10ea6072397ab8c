"""What payments does when the shop moves a part along (the shop sends signals, never imports us)."""

from marketplace.order import part_states

from .models import LedgerEntry


def record_cash_on_delivery(sender, part, **kwargs):
    """Delivered and paid in cash: the sale goes in the seller's ledger as collected by the seller."""
    from .services import ledger

    if part.order.sources.filter(source_type__code="cod").exists():
        ledger.record_sale(part, method=LedgerEntry.Method.COD)


def connect():
    part_states.part_delivered.connect(record_cash_on_delivery, dispatch_uid="payments-cod-delivered")
