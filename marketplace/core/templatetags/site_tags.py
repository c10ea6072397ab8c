"""Template helpers for the storefront header and footer that need no app's models.

Helpers that read an app live in that app: cms_tags (section links), seller_tags (workspace
link), catalogue_tags (product cards).
"""

from django import template
from django.conf import settings

from marketplace.core.ocop import ProductGroup

register = template.Library()


@register.simple_tag
def contact_email():
    return settings.SITE_CONTACT_EMAIL


@register.simple_tag
def ocop_product_groups():
    """The six OCOP product groups as (value, label) pairs, labels in the current language."""
    return ProductGroup.choices
