"""Keep cached page links in step with the Wagtail tree."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .templatetags.cms_tags import SECTIONS_CACHE_KEY


def forget_section_links(sender, instance=None, **kwargs):
    if instance is None or isinstance(instance, Page):
        cache.delete(SECTIONS_CACHE_KEY)


def connect():
    for index, signal in enumerate((post_save, post_delete, page_published, page_unpublished)):
        signal.connect(forget_section_links, dispatch_uid=f"forget-section-links-{index}")
