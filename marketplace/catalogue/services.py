"""Writes to the catalogue: a seller's own products (called by the seller workspace views), and
the OCOP fields copied onto products when certificates change (on sellers' signal).

Other apps write products through these functions, never through the models directly.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.core.background import enqueue_after_commit
from marketplace.core.figures import records_changed

from . import versioned_cache
from .tasks import make_thumbnails

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

PRODUCT_CLASS_NAME = "Sản phẩm OCOP"


def default_product_class():
    product_class, _created = ProductClass.objects.get_or_create(
        slug="san-pham-ocop",
        defaults={"name": PRODUCT_CLASS_NAME, "track_stock": True, "requires_shipping": True},
    )
    return product_class


def _require_shop(seller):
    if not seller.has_open_shop:
        raise PermissionDenied(_("Cơ sở cần được xác minh trước khi đăng sản phẩm."))


@transaction.atomic
def save_product(
    seller, *, product=None, title, description, product_group, price, stock, weight_grams, photo=None
):
    """Create or update one of the seller's products; ``photo`` is a cleaned image file."""
    _require_shop(seller)
    if product is None:
        # New products go on sale at once; an edit keeps a hidden product hidden.
        product = Product(
            seller=seller, product_class=default_product_class(), structure="standalone", is_public=True
        )
    elif product.seller_id != seller.pk:
        raise PermissionDenied
    was_listed = product.pk is not None and _in_stock(product)
    product.title = title
    product.description = description
    product.product_group = product_group
    product.weight_grams = weight_grams
    product.save()
    StockRecord.objects.update_or_create(
        product=product,
        partner=seller.partner,
        defaults={
            "partner_sku": f"{seller.pk}-{product.pk}",
            "price_currency": "VND",
            "price": price,
            "num_in_stock": stock,
        },
    )
    if photo is not None:
        _replace_photo(product, photo)
    if was_listed != (stock > 0):
        # A product counts on past days too while it is still on sale (docs/indicators.md).
        records_changed(
            since=product.date_created,
            commune_id=seller.commune_id,
            by=seller.user,
            what=_("Sản phẩm “%(title)s” %(state)s")
            % {"title": product.title, "state": _("còn hàng") if stock > 0 else _("hết hàng")},
        )
    return product


def _in_stock(product):
    return StockRecord.objects.filter(product=product, num_in_stock__gt=0).exists()


def set_product_visible(seller, product, visible: bool):
    """Hide a product from buyers or show it again. Never deleted: orders point at it."""
    _require_shop(seller)
    if product.seller_id != seller.pk:
        raise PermissionDenied
    if product.is_public != visible:
        product.is_public = visible
        product.save(update_fields=["is_public", "date_updated"])
        records_changed(
            since=product.date_created,
            commune_id=seller.commune_id,
            by=seller.user,
            what=_("Sản phẩm “%(title)s” %(state)s")
            % {"title": product.title, "state": _("hiện lại") if visible else _("bị ẩn")},
        )
    return product


def _replace_photo(product, photo):
    for old in product.images.all():
        old.delete()
    image = ProductImage.objects.create(product=product, original=photo, display_order=0)
    name = image.original.name
    enqueue_after_commit(make_thumbnails, name)  # durable: sent even if the broker is down now
    return image


# --- OCOP stars on products ------------------------------------------------------------------


def refresh_ocop_fields(products, on=None):
    """Copy each product's best valid OCOP certificate (stars, expiry) onto the product row."""
    on = on or timezone.localdate()
    changed = False
    for product in products:
        best = product.ocop_certificates.valid(on).order_by("-stars", "-expires_on").first()
        stars, expires = (best.stars, best.expires_on) if best else (None, None)
        if (product.ocop_stars, product.ocop_expires_on) != (stars, expires):
            Product.objects.filter(pk=product.pk).update(ocop_stars=stars, ocop_expires_on=expires)
            product.ocop_stars, product.ocop_expires_on = stars, expires
            changed = True
    if changed:
        versioned_cache.bump()  # update() sends no post_save: cached star counts must go (once per call)
