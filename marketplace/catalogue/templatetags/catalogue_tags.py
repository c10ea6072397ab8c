"""Template helpers for catalogue pages: responsive WebP sources and OCOP badges."""

from django import template
from django.utils import timezone

from marketplace.catalogue.images import THUMBNAIL_WIDTHS, thumbnail_url

register = template.Library()


@register.filter
def webp_srcset(image):
    """`srcset` of a product image's WebP thumbnails (made in the background at fixed widths)."""
    original = getattr(image, "original", None)
    if not original:
        return ""
    return ", ".join(f"{thumbnail_url(original.name, w)} {w}w" for w in THUMBNAIL_WIDTHS)


@register.filter
def webp_thumb(image, width=320):
    original = getattr(image, "original", None)
    return thumbnail_url(original.name, int(width)) if original else ""


@register.filter
def valid_stars(product, today=None):
    """OCOP stars to show today: none once the certificate has expired."""
    return product.ocop_stars_on(today or timezone.localdate())


@register.filter
def is_valid_on(certificate, today=None):
    return certificate.is_valid(today or timezone.localdate())


@register.simple_tag(takes_context=True)
def query_with(context, key, value):
    """The current query string with one parameter set (or removed when empty), page reset."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    params.pop(key, None)
    if value not in ("", None):
        params[key] = value
    return params.urlencode()
