"""Template helpers for the storefront header and footer (product cards: catalogue_tags)."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext as _

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


@register.simple_tag
def ocop_product_groups():
    """The six OCOP product groups as (value, label) pairs, labels in the current language."""
    from sellers.models import ProductGroup

    return ProductGroup.choices


@register.simple_tag(takes_context=True)
def workspace_link(context):
    """Where a signed-in user does their work: officials verify, sellers sell, village heads assist.

    Anonymous visitors get nothing here (the footer invites them to sell); a signed-in user
    costs at most three small queries (official profile, seller, village-head group).
    """
    from sellers.selectors import seller_for_user
    from sellers.services import can_assist

    user = context["request"].user
    if not user.is_authenticated:
        return None
    if hasattr(user, "official_profile"):
        return {"title": _("Xác minh"), "url": reverse("officials:queue")}
    if seller_for_user(user) is not None:
        return {"title": _("Bán hàng"), "url": reverse("sellers:home")}
    if can_assist(user):
        return {"title": _("Hỗ trợ đăng ký"), "url": reverse("sellers:assist")}
    return None
