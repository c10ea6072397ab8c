"""Template helpers for the storefront header, footer and cards."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.catalogue.images import thumbnail_url

register = template.Library()

SECTIONS_CACHE_KEY = "site:cms-sections"
SECTIONS_CACHE_SECONDS = 300


@register.simple_tag
def cms_section_links():
    """Links to the training and news sections, cached so the header costs no query per page."""
    urls = cache.get(SECTIONS_CACHE_KEY)
    if urls is None:
        from cms.models import CourseIndexPage, NewsIndexPage

        urls = {}
        for key, model in (("courses", CourseIndexPage), ("news", NewsIndexPage)):
            page = model.objects.live().public().first()
            if page is not None:
                urls[key] = page.url
        cache.set(SECTIONS_CACHE_KEY, urls, SECTIONS_CACHE_SECONDS)
    titles = {"courses": _("Khóa học"), "news": _("Tin tức")}
    return [{"title": titles[key], "url": url} for key, url in urls.items()]


@register.simple_tag
def contact_email():
    return getattr(settings, "SITE_CONTACT_EMAIL", "hotro@ocop-dienbien.vn")


@register.filter
def thumb(image, width=320):
    """URL of a product image's WebP thumbnail at one of the fixed widths (made in the background)."""
    original = getattr(image, "original", None)
    if not original:
        return ""
    return thumbnail_url(original.name, int(width))


@register.filter
def ocop_stars_today(product):
    """The product's OCOP stars if its certificate is still valid today, else None."""
    return product.ocop_stars_on(timezone.localdate())


@register.simple_tag
def ocop_product_groups():
    """The six OCOP product groups as (value, label) pairs, labels in the current language."""
    from sellers.models import ProductGroup

    return ProductGroup.choices
