"""Template helpers for the buyer's account order pages (templates/oscar/customer/order/)."""

from django import template
from django.db.models import Prefetch, prefetch_related_objects
from oscar.core.loading import get_model

from .. import selectors

register = template.Library()
OrderPart = get_model("order", "OrderPart")


@register.simple_tag
def with_parts(orders):
    """The page's orders with their seller parts (status labels, seller names) in one query."""
    orders = list(orders)
    parts = OrderPart.objects.select_related("partner__seller")
    prefetch_related_objects(orders, Prefetch("parts", queryset=parts, to_attr="part_list"))
    return orders


@register.simple_tag
def order_parts(order):
    """The order again with each seller part's lines, as the public status page shows it."""
    return selectors.order_with_parts(pk=order.pk)
