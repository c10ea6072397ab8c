"""Template helpers for catalogue pages: responsive WebP sources and OCOP badges."""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.whitelist import Whitelister

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
def clean_html(html):
    """A product description's HTML with only harmless tags and attributes kept.

    Sellers type descriptions into a plain text box and the dashboard stores raw HTML, so
    `|safe` would run a seller's <script> or onerror= in every buyer's browser. Wagtail's
    rich-text whitelist keeps paragraphs, lists, bold, links (no javascript:) and images.
    """
    if "<" not in (html or ""):
        # Typed in the seller's plain text box: keep their line breaks as paragraphs.
        return linebreaks_filter(html or "", autoescape=True)
    return mark_safe(Whitelister().clean(html))  # noqa: S308 - cleaned just above


@register.filter
def valid_stars(product, today=None):
    """OCOP stars to show today: none once the certificate has expired."""
    return product.ocop_stars_on(today or timezone.localdate())


@register.simple_tag(takes_context=True)
def stars_today(context, product):
    """``{% stars_today product as stars %}``: the view's ``today`` when it gives one (so a list and
    its counts agree at midnight), else today. Oscar's own views (ranges, reviews) give none; a
    filter argument that does not exist would be a server error there."""
    return product.ocop_stars_on(context.get("today") or timezone.localdate())


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
