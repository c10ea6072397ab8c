"""Read-side queries on orders for the buyer's pages and emails."""

from oscar.core.loading import get_model

Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderPart = get_model("order", "OrderPart")


def order_with_parts(**lookup):
    """An order with its parts (seller name) and lines, in three queries."""
    order = Order.objects.select_related("shipping_address").filter(**lookup).first()
    if order is None:
        return None
    parts = list(OrderPart.objects.filter(order=order).select_related("partner__seller"))
    lines = list(Line.objects.filter(order=order))
    for part in parts:
        part.order_lines = [line for line in lines if line.partner_id == part.partner_id]
    order.part_list = parts
    return order


def part_for_email(part_id):
    return (
        OrderPart.objects.select_related("order__shipping_address", "partner__seller")
        .filter(pk=part_id)
        .first()
    )
