"""Oscar's analytics counters (dashboard reports) without its race.

Oscar's receivers create a counter row on first use and, if another request created it
meanwhile, catch the IntegrityError — but under ATOMIC_REQUESTS that error has already broken
the request's transaction, so two buyers adding a new product at once got a 500. Same
counters, same signals; the first-use INSERT runs in a savepoint. (Product views are not
counted: our product page sends no `product_viewed`, DESIGN §6.)
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from oscar.apps.analytics import receivers as oscar_receivers
from oscar.apps.basket.signals import basket_addition
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_model

ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")


def add_to_counters(model, lookup, increments, values=None):
    """Add `increments` to the row found by `lookup` (and set `values`), creating it if new."""
    values = values or {}
    changes = {**{field: F(field) + n for field, n in increments.items()}, **values}
    if model.objects.filter(**lookup).update(**changes):
        return
    try:
        with transaction.atomic():  # savepoint: losing the race must not break the caller's work
            model.objects.create(**lookup, **increments, **values)
    except IntegrityError:  # another request created the row first
        model.objects.filter(**lookup).update(**changes)


def count_basket_addition(sender, product, user, **kwargs):
    add_to_counters(ProductRecord, {"product": product}, {"num_basket_additions": 1})
    if user and user.is_authenticated:
        add_to_counters(UserRecord, {"user": user}, {"num_basket_additions": 1})


def count_order(sender, order, user, **kwargs):
    for line in order.lines.all():
        add_to_counters(ProductRecord, {"product_id": line.product_id}, {"num_purchases": line.quantity})
    if user and user.is_authenticated:
        add_to_counters(
            UserRecord,
            {"user": user},
            {
                "num_orders": 1,
                "num_order_lines": order.num_lines,
                "num_order_items": order.num_items,
                "total_spent": order.total_incl_tax,
            },
            {"date_last_order": order.date_placed},
        )


def connect():
    basket_addition.disconnect(oscar_receivers.receive_basket_addition)
    order_placed.disconnect(oscar_receivers.receive_order_placed)
    basket_addition.connect(count_basket_addition, dispatch_uid="ocop-count-basket-addition")
    order_placed.connect(count_order, dispatch_uid="ocop-count-order")
