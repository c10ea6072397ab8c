"""Read-side queries about sellers, their shops and reference data."""

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from oscar.core.loading import get_model

from .models import Commune, ExternalShopLink, OcopCertificate, Seller

Product = get_model("catalogue", "Product")
OrderPart = get_model("order", "OrderPart")
Line = get_model("order", "Line")


def commune_count():
    return Commune.objects.count()


def seller_for_user(user):
    """The shop the user represents, or None."""
    if not user.is_authenticated:
        return None
    return Seller.objects.filter(user=user).select_related("commune", "partner").first()


def public_shops():
    """Sellers whose shop page buyers may open: the verified ones."""
    return Seller.objects.verified().select_related("commune", "rep_ethnic_group")


def assisted_sellers(user):
    return Seller.objects.filter(assisted_by=user).select_related("commune").order_by("-created_at")


# --- officials --------------------------------------------------------------------------------


def review_queue(official):
    return (
        Seller.objects.for_commune_official(official)
        .pending_review()
        .select_related("commune")
        .order_by("submitted_at")
    )


def certificate_queue(official):
    return (
        OcopCertificate.objects.for_commune_official(official)
        .pending_review()
        .select_related("seller__commune")
        .order_by("issued_on")
    )


def external_link_queue(official, seller=None):
    """Shops on other platforms waiting for an official of the seller's commune to confirm them."""
    links = ExternalShopLink.objects.for_commune_official(official).pending_review()
    if seller is not None:
        links = links.filter(seller=seller)
    return links.select_related("seller__commune").order_by("added_at")


def sellers_for_official(official):
    return Seller.objects.for_commune_official(official).select_related("commune", "rep_ethnic_group")


def certificates_for_official(official):
    return OcopCertificate.objects.for_commune_official(official)


def external_links_for_official(official):
    return ExternalShopLink.objects.for_commune_official(official)


def recent_audit_log(seller, limit=10):
    """The latest entries of a seller's audit log, with who acted (one query)."""
    return list(seller.audit_log.select_related("actor")[:limit])


def confirmed_links_of(seller):
    """The seller's confirmed shops elsewhere, with the confirming official (one join)."""
    return seller.external_links.confirmed().select_related("confirmed_by")


# --- a seller's own shop ----------------------------------------------------------------------


def products_of(seller):
    return (
        Product.objects.filter(seller=seller)
        .prefetch_related("images", "stockrecords")
        .order_by("-date_created")
    )


def stock_record_of(seller, product):
    """The seller's price and stock for one of its products (None if not yet stocked)."""
    return product.stockrecords.filter(partner_id=seller.partner_id).first()


def order_parts_of(seller):
    if seller.partner_id is None:
        return OrderPart.objects.none()
    return (
        OrderPart.objects.filter(partner_id=seller.partner_id).select_related("order").order_by("-created_at")
    )


def order_part_of(seller, pk):
    """One of the seller's own order parts, with the buyer's address (None if not the seller's)."""
    return order_parts_of(seller).select_related("order__shipping_address").filter(pk=pk).first()


def lines_of_part(part):
    """Only this seller's lines of a shared order — never the other sellers' items."""
    return Line.objects.filter(order_id=part.order_id, partner_id=part.partner_id).order_by("pk")


def sales_figures(seller, today=None):
    today = today or timezone.localdate()
    month_start = today.replace(day=1)
    live = ~Q(status=OrderPart.Status.CANCELLED)
    paid = Q(payment_state=OrderPart.PaymentState.PAID)
    return order_parts_of(seller).aggregate(
        orders=Count("pk", filter=live),
        to_ship=Count("pk", filter=Q(status__in=["confirmed", "packed"])),
        revenue=Sum("items_total", filter=live & paid, default=0),
        revenue_month=Sum(
            "items_total", filter=live & paid & Q(created_at__date__gte=month_start), default=0
        ),
    )


def certificates_of(seller):
    return seller.certificates.order_by("-issued_on")


def external_links_of(seller):
    """The seller's own list: everything not removed, newest first."""
    return seller.external_links.active().order_by("-added_at")


# --- indicator I1: sellers also selling on another platform ----------------------------------
# Everything I1 needs from sellers, in one place for the indicators app. A link counts once an
# official of the seller's commune confirmed it; ``on`` judges as of the end of that day
# (confirmed by then, not removed by then); None means today.


def confirmed_external_listing(on=None):
    """``Exists`` over a seller's confirmed links, for one-query counts, e.g.
    ``Seller.objects.aggregate(n=Count("pk", filter=Q(confirmed_external_listing(on))))``."""
    links = ExternalShopLink.objects.confirmed(on).filter(seller_id=OuterRef("pk"))
    return Exists(links)


def sellers_with_confirmed_external_listing(on=None):
    return Seller.objects.filter(confirmed_external_listing(on))


def sells_on_other_platform(seller, on=None) -> bool:
    """Has an official-confirmed shop on another platform (on a date: confirmed then, not removed)."""
    return ExternalShopLink.objects.confirmed(on).filter(seller=seller).exists()
