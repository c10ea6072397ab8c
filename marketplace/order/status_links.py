"""Signed links to an order's public status page (sent in the buyer's e-mails, shown after checkout).

Only someone holding the link can open the page: the token is the order number signed with
the site's secret key.
"""

from django.core import signing
from django.urls import reverse

STATUS_LINK_SALT = "order-status"
# A status link stays valid long enough for any delivery and return window.
STATUS_LINK_MAX_AGE = 60 * 60 * 24 * 365


def status_token(order):
    return signing.dumps(order.number, salt=STATUS_LINK_SALT)


def status_path(order):
    """Path of the public order-status page, signed so only the buyer's link opens it."""
    return reverse("order-status", kwargs={"token": status_token(order)})


def order_number_from_token(token):
    try:
        return signing.loads(token, salt=STATUS_LINK_SALT, max_age=STATUS_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
