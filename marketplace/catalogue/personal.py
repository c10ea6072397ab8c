"""Personal fragments of cached pages (holes, marketplace/core/holes.py) that need the shop.

- "account": the header's links. A signed-in user's workspace link (seller, official,
  village head) costs up to three queries, so the fragment is kept per user, language and
  catalogue version; seller and official-profile saves and group changes bump the version
  (pagecache.connect), so a new role shows on the next page.
- "stock", "stock_max": the product page's units left and the quantity field's maximum, kept
  in the cache per product (read in the page cache's own MGET, no query on a hit) and dropped
  when a stock record change commits, so an order that leaves units to sell need not
  re-render the page (partner StockRecord.allocate, catalogue/signals.py).
- "review": may this visitor review the product? Same rule as Product.is_review_permitted
  (bought it, not reviewed yet), in one query for a signed-in visitor, none for anonymous.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save
from django.template.loader import get_template
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_model

from marketplace.core import holes

from . import versioned_cache

Product = get_model("catalogue", "Product")
Line = get_model("order", "Line")
ProductReview = get_model("reviews", "ProductReview")
StockRecord = get_model("partner", "StockRecord")


# --- units left on the product page -------------------------------------------------------
UNITS_LEFT_TTL = 60  # seconds: bounds a count left stale by a read racing a commit


def units_left_key(product_pk):
    return f"units-left:{product_pk}"


def remember_units_left(request, product_pk, units):
    """Units the page shows for this product (the page cache's MGET or the view found them)."""
    if units is not None:
        request.__dict__.setdefault("_units_left", {})[str(product_pk)] = units


def store_units_left(product_pk, units):
    try:
        cache.set(units_left_key(product_pk), units, UNITS_LEFT_TTL)
    except Exception:  # noqa: BLE001 - a cache outage only costs a query on the next page
        pass


def units_of(record):
    """Free units of a stock record; -1 when it does not track stock."""
    return -1 if record.num_in_stock is None else record.num_in_stock - (record.num_allocated or 0)


def _units_left(request, pk):
    """Free units of the product's stock record, once per request. The page cache's MGET (a
    hit) or the view (a miss) normally supplied them; if the cached count had expired, read
    the database and put it back."""
    known = request.__dict__.setdefault("_units_left", {})
    if pk not in known:
        # Products have one stock record (one seller each): the one the page shows.
        record = StockRecord.objects.filter(product_id=int(pk) if pk.isdigit() else None)
        record = record.order_by("pk").only("num_in_stock", "num_allocated").first()
        known[pk] = -1 if record is None else units_of(record)
        store_units_left(pk, known[pk])
    return known[pk]


def _forget_units_left(sender, instance, **kwargs):
    """After the sale (or stock edit) commits, the next product page reads the count anew."""
    key = units_left_key(instance.product_id)
    transaction.on_commit(lambda: _delete(key))


def _delete(key):
    try:
        cache.delete(key)
    except Exception:  # noqa: BLE001 - the TTL bounds what a lost delete leaves stale
        pass


def connect():
    post_save.connect(_forget_units_left, sender=StockRecord, dispatch_uid="units-left-saved")
    post_delete.connect(_forget_units_left, sender=StockRecord, dispatch_uid="units-left-deleted")


@holes.register("stock")
def stock_left(request, pk):
    units = _units_left(request, pk)
    return f" ({gettext('còn %(n)s') % {'n': units}})" if units and units > 0 else ""


@holes.register("stock_max")
def stock_max(request, pk):
    units = _units_left(request, pk)
    return str(units) if units and units > 0 else "99"


def _same_for_every_anonymous_visitor(render):
    """render(request) once per language: a fragment no anonymous visitor's data changes."""
    rendered = {}

    def get(request):
        language = translation.get_language()
        if language not in rendered:
            rendered[language] = str(render(request))
        return rendered[language]

    return get


_cannot_review_note = _same_for_every_anonymous_visitor(lambda _request: _review_action(None, False))


@holes.register("review")
def review_action(request, pk):
    user = request.user
    product = None
    if not user.is_authenticated:
        return _cannot_review_note(request)
    if pk.isdigit():
        product = (
            Product.objects.filter(pk=int(pk))
            .annotate(
                bought=Exists(Line.objects.filter(product=OuterRef("pk"), order__user=user)),
                reviewed=Exists(ProductReview.objects.filter(product=OuterRef("pk"), user=user)),
            )
            .only("pk", "slug")
            .first()
        )
    return _review_action(product, product is not None and product.bought and not product.reviewed)


def _review_action(product, can_review):
    return get_template("oscar/catalogue/partials/review_action.html").render(
        {"product": product, "can_review": can_review}
    )


_sign_in_links = _same_for_every_anonymous_visitor(holes.account_links)


@holes.register("account")
def account(request, _arg):
    user = request.user
    if not user.is_authenticated:
        return _sign_in_links(request)
    try:
        key = f"account-links:{versioned_cache.version()}:{translation.get_language()}:{user.pk}"
        html = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage only costs the queries
        return holes.account_links(request)
    if html is None:
        html = str(holes.account_links(request))
        try:
            cache.set(key, html, 300)
        except Exception:  # noqa: BLE001
            pass
    return html
