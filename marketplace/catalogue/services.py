"""Writes to the catalogue that other apps trigger (through these functions, not the models)."""

from django.utils import timezone
from oscar.core.loading import get_model

from . import cache

Product = get_model("catalogue", "Product")


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
        cache.bump()  # update() sends no post_save: cached star counts must go (once per call)
