"""A seller moves its own part of an order along: packed -> shipped -> delivered.

This checks that the acting user belongs to the part's partner; the state machine
(part_states.py) decides whether the move is allowed and what it does. Nothing here deletes or
rewrites money.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import part_states


def _check_owner(part, user):
    if not user.is_authenticated or not part.partner.users.filter(pk=user.pk).exists():
        raise PermissionDenied(_("Đơn hàng này không phải của cơ sở bạn."))


def _move(part, user, transition, **changes):
    _check_owner(part, user)
    return part_states.take(part, transition, by=part_states.SELLER, **changes)


@transaction.atomic
def mark_packed(part, user):
    return _move(part, user, "pack")


@transaction.atomic
def mark_shipped(part, user, carrier: str, tracking_code: str):
    carrier, tracking_code = (carrier or "").strip(), (tracking_code or "").strip()
    if not carrier:
        raise ValidationError({"carrier": _("Hãy ghi đơn vị vận chuyển.")})
    return _move(part, user, "ship", carrier=carrier[:60], tracking_code=tracking_code[:60])


@transaction.atomic
def mark_delivered(part, user):
    """Delivered; an unpaid part at this point is cash on delivery, so the cash is now in.

    (Transfer and card parts only become 'confirmed' once paid, so they are never unpaid here.)
    The goods leave the stock record, and payments records the sale in the seller's ledger.
    """
    return _move(part, user, "deliver")
