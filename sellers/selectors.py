"""Read-side queries about sellers and reference data. A seller's products and orders are the
shop's: marketplace/catalogue/selectors.py and marketplace/order/selectors.py."""

from django.db.models import Exists, OuterRef

from .models import Commune, ExternalShopLink, OcopCertificate, Seller


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


# --- a seller's own records -----------------------------------------------------------------


def certificates_of(seller):
    return seller.certificates.order_by("-issued_on")


def external_links_of(seller):
    """The seller's own list: everything not removed, newest first."""
    return seller.external_links.active().order_by("-added_at")


# --- indicator I1: sellers also selling on another platform ----------------------------------
# Everything I1 needs from sellers, in one place for the indicators app. A link counts once an
# official of the seller's commune confirmed it; ``on`` judges as of the end of that day
# (confirmed by then, not removed by then); None means today.


def confirmed_external_listing(on=None, seller_ref="pk"):
    """``Exists`` over a seller's confirmed links, for one-query counts, e.g.
    ``Seller.objects.aggregate(n=Count("pk", filter=Q(confirmed_external_listing(on))))``;
    ``seller_ref`` names the outer query's seller id (``"seller_id"`` from the register)."""
    links = ExternalShopLink.objects.confirmed(on).filter(seller_id=OuterRef(seller_ref))
    return Exists(links)


def sellers_with_confirmed_external_listing(on=None):
    return Seller.objects.filter(confirmed_external_listing(on))


def sells_on_other_platform(seller, on=None) -> bool:
    """Has an official-confirmed shop on another platform (on a date: confirmed then, not removed)."""
    return ExternalShopLink.objects.confirmed(on).filter(seller=seller).exists()
