"""Writes on orders: splitting a placed order into one part per seller, and notifying the buyer."""

from collections import defaultdict
from decimal import Decimal

from oscar.core.loading import get_model

from marketplace.core.background import enqueue_after_commit
from marketplace.shipping.rates import parcel_charge, shipped_weight

from . import tasks

OrderPart = get_model("order", "OrderPart")


def split_order_into_parts(order):
    """Create one OrderPart per seller (partner) with its items total and its parcel's shipping.

    Shipping uses the same rate function as checkout, so the parts' charges add up to the
    order's shipping charge and the order total is items + every part's shipping.
    """
    province = order.shipping_address.state if order.shipping_address_id else None
    items, weights = defaultdict(Decimal), defaultdict(int)
    for line in order.lines.select_related("product__product_class", "product__parent__product_class"):
        items[line.partner_id] += line.line_price_incl_tax
        weights[line.partner_id] += shipped_weight(line.product, line.quantity)
    return [
        OrderPart.objects.create(
            order=order,
            partner_id=partner_id,
            items_total=items[partner_id],
            shipping_charge=parcel_charge(weights[partner_id], province),
        )
        for partner_id in sorted(items)
    ]


def notify_order_placed(order):
    """Queue the Vietnamese confirmation email once the order is committed."""
    enqueue_after_commit(tasks.send_order_confirmation_email, order.id)


def notify_part_status_changed(part):
    enqueue_after_commit(tasks.send_order_status_email, part.id)
