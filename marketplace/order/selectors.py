"""Read-side queries on orders: the buyer's pages and emails, and a seller's own parts."""

from django.db.models import Count, Q, Sum
from django.utils import timezone
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


# --- a seller's workspace: only its own parts and lines -----------------------------------------


def parts_of_seller(seller):
    if seller.partner_id is None:
        return OrderPart.objects.none()
    return (
        OrderPart.objects.filter(partner_id=seller.partner_id).select_related("order").order_by("-created_at")
    )


def part_of_seller(seller, pk):
    """One of the seller's own order parts, with the buyer's address (None if not the seller's)."""
    return parts_of_seller(seller).select_related("order__shipping_address").filter(pk=pk).first()


def lines_of_part(part):
    """Only this seller's lines of a shared order — never the other sellers' items."""
    return Line.objects.filter(order_id=part.order_id, partner_id=part.partner_id).order_by("pk")


def seller_sales_figures(seller, today=None):
    today = today or timezone.localdate()
    month_start = today.replace(day=1)
    live = ~Q(status=OrderPart.Status.CANCELLED)
    paid = Q(payment_state=OrderPart.PaymentState.PAID)
    return parts_of_seller(seller).aggregate(
        orders=Count("pk", filter=live),
        to_ship=Count("pk", filter=Q(status__in=["confirmed", "packed"])),
        revenue=Sum("items_total", filter=live & paid, default=0),
        revenue_month=Sum(
            "items_total", filter=live & paid & Q(created_at__date__gte=month_start), default=0
        ),
    )
