"""Read-side queries for the public catalogue (HackSoft style: views and tasks call these)."""

from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def listable_products():
    """Public products of verified sellers with stock to sell."""
    in_stock = StockRecord.objects.filter(product=OuterRef("pk")).filter(
        Q(num_in_stock__isnull=True) | Q(num_in_stock__gt=Coalesce(F("num_allocated"), Value(0)))
    )
    return Product.objects.browsable().filter(seller__status="verified").filter(Exists(in_stock))


def featured_products(limit=8):
    return (
        listable_products()
        .select_related("seller__commune")
        .prefetch_related("images", "stockrecords")
        .order_by("-rating", "-date_created")[:limit]
    )
