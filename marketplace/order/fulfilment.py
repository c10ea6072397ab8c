"""A seller moves its own part of an order along: packed -> shipped -> delivered.

Each transition checks that the acting user belongs to the part's partner, saves the new
status, and e-mails the buyer in the background. Nothing here deletes or rewrites money.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from . import part_states
from .services import notify_part_status_changed

OrderPart = get_model("order", "OrderPart")
Status = OrderPart.Status

ALLOWED_FROM = {
    Status.PACKED: {Status.CONFIRMED},
    Status.SHIPPED: {Status.CONFIRMED, Status.PACKED},
    Status.DELIVERED: {Status.SHIPPED},
}


def _check_owner(part, user):
    if not user.is_authenticated or not part.partner.users.filter(pk=user.pk).exists():
        raise PermissionDenied(_("Đơn hàng này không phải của cơ sở bạn."))


def _move(part, user, new_status, **changes):
    _check_owner(part, user)
    part = OrderPart.objects.select_for_update().get(pk=part.pk)
    if part.status not in ALLOWED_FROM[new_status]:
        raise ValidationError(
            _("Không thể chuyển đơn từ “%(old)s” sang “%(new)s”.")
            % {"old": part.get_status_display(), "new": Status(new_status).label}
        )
    part.status = new_status
    if new_status == Status.DELIVERED and part.payment_state == OrderPart.PaymentState.UNPAID:
        part.payment_state = OrderPart.PaymentState.PAID  # cash on delivery collected
    for name, value in changes.items():
        setattr(part, name, value)
    part.save()
    # The buyer's templated status e-mail (with the signed status link), queued after commit;
    # one helper for every status change instead of a second hand-built e-mail here.
    notify_part_status_changed(part)
    return part


@transaction.atomic
def mark_packed(part, user):
    return _move(part, user, Status.PACKED)


@transaction.atomic
def mark_shipped(part, user, carrier: str, tracking_code: str):
    carrier, tracking_code = (carrier or "").strip(), (tracking_code or "").strip()
    if not carrier:
        raise ValidationError({"carrier": _("Hãy ghi đơn vị vận chuyển.")})
    return _move(part, user, Status.SHIPPED, carrier=carrier[:60], tracking_code=tracking_code[:60])


@transaction.atomic
def mark_delivered(part, user):
    """Delivered; an unpaid part at this point is cash on delivery, so the cash is now in.

    (Transfer and card parts only become 'confirmed' once paid, so they are never unpaid here.)
    The goods leave the stock record, and payments records the sale in the seller's ledger.
    """
    part = _move(part, user, Status.DELIVERED)
    part_states.consume_stock(part)
    part_states.part_delivered.send(sender=OrderPart, part=part)
    return part
