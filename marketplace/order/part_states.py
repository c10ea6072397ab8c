"""The one state machine of a seller's part of an order: every change of its status or payment
state goes through ``take``, which finds the transition in ``TRANSITIONS`` (the table printed in
docs/payments.md), checks who takes it, applies it on the locked row and runs its effects.

Who: ``seller`` (the part's own shop, checked by the caller — order/fulfilment.py), ``payment``
(a payment method of the payments app: bank notification, card webhook, expiry job),
``operator`` (marketplace staff), ``buyer`` (reserved for the buyer's own cancel).

Stock follows DESIGN §4: allocated at order placement, consumed on delivery, returned when a
part is cancelled (or its payment expires). Payment methods (the ``payments`` app) call this
module; the shop never imports payments — it tells them by the signals below.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

OrderPart = get_model("order", "OrderPart")
Line = get_model("order", "Line")
Status = OrderPart.Status
PaymentState = OrderPart.PaymentState

# Sent (inside the transaction) when a part is delivered, with ``part``; the payments app
# records cash on delivery in the seller's ledger.
part_delivered = Signal()
# Sent when a part is cancelled (its stock returned), with ``part`` and ``reason``.
part_cancelled = Signal()

SELLER, PAYMENT, OPERATOR, BUYER = "seller", "payment", "operator", "buyer"
NOT_SHIPPED = frozenset({Status.PENDING_PAYMENT, Status.CONFIRMED, Status.PACKED})


# --- effects: what a transition does besides changing the row -------------------------------------


def _lines(part):
    return Line.objects.filter(order_id=part.order_id, partner_id=part.partner_id).select_related(
        "stockrecord"
    )


def _held_lines(part):
    return [
        line
        for line in _lines(part)
        if line.num_allocated and not line.allocation_cancelled and line.stockrecord_id
    ]


def _confirm_if_waiting(part, reason):
    if part.status == Status.PENDING_PAYMENT:
        part.status = Status.CONFIRMED  # the money is in: the seller may pack


def _collect_cash_on_delivery(part, reason):
    # Transfer and card parts are confirmed only once paid: an unpaid part here is cash on delivery.
    if part.payment_state == PaymentState.UNPAID:
        part.payment_state = PaymentState.PAID


def _consume_stock(part, reason):
    for line in _held_lines(part):
        line.consume_allocation(line.num_allocated)


def _return_stock(part, reason):
    for line in _held_lines(part):
        line.cancel_allocation(line.num_allocated)


def _send_delivered(part, reason):
    part_delivered.send(sender=OrderPart, part=part)


def _send_cancelled(part, reason):
    part_cancelled.send(sender=OrderPart, part=part, reason=reason)


@dataclass(frozen=True)
class Transition:
    label: str
    by: frozenset  # who may take it
    from_status: frozenset  # statuses it may start from
    to_status: str | None = None  # None: the status stays
    from_payment: frozenset = frozenset(PaymentState.values)
    to_payment: str | None = None  # None: the payment state stays
    done_if: str | None = None  # a payment state meaning "already done": a replay changes nothing
    sets: tuple = ()  # effects on the row itself, before it is saved
    then: tuple = ()  # effects once it is saved: stock, signals to other apps
    notify_buyer: bool = True


ALL = frozenset(Status.values)
TRANSITIONS = {
    "await_payment": Transition(
        gettext_lazy("chờ thanh toán"),
        frozenset({PAYMENT}),
        frozenset({Status.CONFIRMED}),
        Status.PENDING_PAYMENT,
        from_payment=frozenset({PaymentState.UNPAID}),
        notify_buyer=False,
    ),
    "pay": Transition(
        gettext_lazy("ghi nhận đã thanh toán"),
        frozenset({PAYMENT, OPERATOR}),
        ALL - {Status.CANCELLED},
        None,
        from_payment=frozenset({PaymentState.UNPAID}),
        to_payment=PaymentState.PAID,
        done_if=PaymentState.PAID,
        sets=(_confirm_if_waiting,),
    ),
    "pack": Transition(
        gettext_lazy("đóng gói"), frozenset({SELLER}), frozenset({Status.CONFIRMED}), Status.PACKED
    ),
    "ship": Transition(
        gettext_lazy("gửi hàng"),
        frozenset({SELLER}),
        frozenset({Status.CONFIRMED, Status.PACKED}),
        Status.SHIPPED,
    ),
    "deliver": Transition(
        gettext_lazy("giao xong"),
        frozenset({SELLER}),
        frozenset({Status.SHIPPED}),
        Status.DELIVERED,
        sets=(_collect_cash_on_delivery,),
        then=(_consume_stock, _send_delivered),
    ),
    "cancel": Transition(
        gettext_lazy("huỷ"),
        frozenset({SELLER, PAYMENT, OPERATOR, BUYER}),
        NOT_SHIPPED,
        Status.CANCELLED,
        then=(_return_stock, _send_cancelled),
        notify_buyer=False,
    ),
    "refund": Transition(
        gettext_lazy("hoàn tiền"),
        frozenset({OPERATOR, PAYMENT}),
        ALL,
        None,
        from_payment=frozenset({PaymentState.PAID}),
        to_payment=PaymentState.REFUNDED,
        done_if=PaymentState.REFUNDED,
        notify_buyer=False,
    ),
}


def allowed(part, name, by) -> bool:
    """May ``by`` take transition ``name`` on this part as it is now? (for showing buttons)"""
    transition = TRANSITIONS[name]
    return by in transition.by and _fits(part, transition)


def _fits(part, transition):
    return part.status in transition.from_status and part.payment_state in transition.from_payment


@transaction.atomic
def take(part, name, *, by, reason="", **changes):
    """Take one transition on the locked part; returns the part. A transition already taken (a
    replayed payment, a second cancel) changes nothing; one the table does not allow from here
    is refused with a ValidationError saying so."""
    transition = TRANSITIONS[name]
    if by not in transition.by:
        raise PermissionDenied(_("Bạn không được %(action)s kiện hàng này.") % {"action": transition.label})
    part = OrderPart.objects.select_for_update().get(pk=part.pk)
    if _already_done(part, transition):
        return part
    if not _fits(part, transition):
        raise ValidationError(
            _("Không thể %(action)s kiện hàng khi đang “%(status)s” (%(payment)s).")
            % {
                "action": transition.label,
                "status": part.get_status_display(),
                "payment": part.get_payment_state_display(),
            }
        )
    if transition.to_status:
        part.status = transition.to_status
    if transition.to_payment:
        part.payment_state = transition.to_payment
    for field, value in changes.items():
        setattr(part, field, value)
    for effect in transition.sets:
        effect(part, reason)
    part.save()
    for effect in transition.then:
        effect(part, reason)
    if transition.notify_buyer:
        from .services import notify_part_status_changed

        notify_part_status_changed(part)
    return part


def _already_done(part, transition):
    if transition.done_if is not None and part.payment_state == transition.done_if:
        return True
    return transition.to_status == Status.CANCELLED and part.status == Status.CANCELLED


def table_markdown():
    """The table as docs/payments.md prints it (a test keeps the two the same)."""
    rows = [
        "| transition | who | from (status / payment) | to (status / payment) | also |",
        "|---|---|---|---|---|",
    ]
    for name, t in TRANSITIONS.items():
        start = ", ".join(sorted(t.from_status)) + " / " + ", ".join(sorted(t.from_payment))
        end = (t.to_status or "=") + " / " + (t.to_payment or "=")
        also = ", ".join(e.__name__.strip("_").replace("_", " ") for e in (*t.sets, *t.then)) or "—"
        rows.append(f"| `{name}` | {', '.join(sorted(t.by))} | {start} | {end} | {also} |")
    return "\n".join(rows)
