"""Payment-related states of a seller part, and what they do to stock.

Payment methods (the ``payments`` app) call these; the shop never imports payments. Stock
follows DESIGN §4: allocated at order placement, consumed on delivery, returned when a part is
cancelled or its payment expires.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

OrderPart = get_model("order", "OrderPart")
Line = get_model("order", "Line")
Status = OrderPart.Status
PaymentState = OrderPart.PaymentState

# Sent (inside the transaction) when a seller marks a part delivered, with ``part``; the
# payments app records cash on delivery in the seller's ledger.
part_delivered = Signal()
# Sent when a part is cancelled (its stock returned), with ``part`` and ``reason``.
part_cancelled = Signal()


def _lines(part):
    return Line.objects.filter(order_id=part.order_id, partner_id=part.partner_id).select_related(
        "stockrecord"
    )


def _locked(part):
    return OrderPart.objects.select_for_update().get(pk=part.pk)


@transaction.atomic
def await_payment(part):
    """A part paid by transfer or card waits for the money before the seller ships it."""
    part = _locked(part)
    if part.status != Status.CONFIRMED or part.payment_state != PaymentState.UNPAID:
        raise ValidationError(_("Kiện hàng này không chờ thanh toán được nữa."))
    part.status = Status.PENDING_PAYMENT
    part.save(update_fields=["status", "updated_at"])
    return part


@transaction.atomic
def mark_paid(part):
    """The money for the part has arrived: it is confirmed for the seller to pack.

    Returns False when it was already paid (a replayed notification changes nothing).
    """
    part = _locked(part)
    if part.payment_state == PaymentState.PAID:
        return False
    if part.status == Status.CANCELLED:
        raise ValidationError(_("Kiện hàng đã huỷ; không ghi nhận thanh toán."))
    part.payment_state = PaymentState.PAID
    if part.status == Status.PENDING_PAYMENT:
        part.status = Status.CONFIRMED
    part.save(update_fields=["status", "payment_state", "updated_at"])
    from .services import notify_part_status_changed

    notify_part_status_changed(part)
    return True


@transaction.atomic
def mark_refunded(part):
    part = _locked(part)
    part.payment_state = PaymentState.REFUNDED
    part.save(update_fields=["payment_state", "updated_at"])
    return part


@transaction.atomic
def cancel(part, *, reason: str = ""):
    """Cancel a part not yet shipped and give its allocated stock back (once)."""
    part = _locked(part)
    if part.status == Status.CANCELLED:
        return part
    if part.status in (Status.SHIPPED, Status.DELIVERED):
        raise ValidationError(_("Kiện hàng đã gửi đi; không huỷ được."))
    for line in _lines(part):
        if line.num_allocated and not line.allocation_cancelled and line.stockrecord_id:
            line.cancel_allocation(line.num_allocated)
    part.status = Status.CANCELLED
    part.save(update_fields=["status", "updated_at"])
    part_cancelled.send(sender=OrderPart, part=part, reason=reason)
    return part


def consume_stock(part):
    """A delivered part's goods leave the stock record (Oscar's consume_allocation)."""
    for line in _lines(part):
        if line.num_allocated and not line.allocation_cancelled and line.stockrecord_id:
            line.consume_allocation(line.num_allocated)
