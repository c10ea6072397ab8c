"""Template helpers that read the Wagtail pages (header links to training and news)."""

from django import template
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cms.models import CourseIndexPage, NewsIndexPage

register = template.Library()

SECTIONS_CACHE_KEY = "site:cms-sections"
SECTIONS_CACHE_SECONDS = 300


@register.simple_tag
def cms_section_links():
    """Links to the training and news sections, cached so the header costs no query per page."""
    urls = cache.get(SECTIONS_CACHE_KEY)
    if urls is None:
        urls = {}
        for key, model in (("courses", CourseIndexPage), ("news", NewsIndexPage)):
            page = model.objects.live().public().first()
            if page is not None:
                urls[key] = page.url
        cache.set(SECTIONS_CACHE_KEY, urls, SECTIONS_CACHE_SECONDS)
    # "Khoá học" in the menu is the list of courses; elsewhere it names one course.
    titles = {"courses": pgettext("menu", "Khoá học"), "news": _("Tin tức")}
    return [{"title": titles[key], "url": url} for key, url in urls.items()]
