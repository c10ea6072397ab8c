"""Personal "holes" in otherwise shared HTML: CSRF token, basket count, account links, messages.

A page cached for everybody (see marketplace/catalogue/pagecache.py) is rendered once with
markers where one visitor's data goes, and every request fills the markers in for its own
visitor. Without a page cache the `{% hole %}` tag simply renders the same fragment inline,
so templates read the same either way.

Markers carry a secret derived from SECRET_KEY: a seller who types a marker into a product
description cannot make a buyer's CSRF token appear inside HTML the seller controls.
"""

import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe

_SECRET = salted_hmac("marketplace.core.holes", "markers", algorithm="sha256").hexdigest()[:16]
# Every marker starts with the same alphanumeric prefix: `{% csrf_token %}` escapes its value
# (so no "<!--"), and a pattern with a literal prefix is found by a fast scan instead of three
# alternatives tried at every character (≈ 1 ms → 0.04 ms on a 45 KB catalogue page).
PREFIX = f"hole{_SECRET}"
CSRF_SENTINEL = f"{PREFIX}csrf"
# A shared page's inline scripts carry this in place of the Content-Security-Policy nonce; each
# visitor's copy gets the nonce of its own response.
NONCE_SENTINEL = f"{PREFIX}nonce"
_PATTERN = re.compile(re.escape(PREFIX) + r"(?:(csrf)|(nonce)|:([a-z_]+):([\w-]*):)")

# Set in a template context while a page is rendered for the shared cache.
RECORDING = "page_cache_recording"

_REGISTRY = {}


def register(name):
    """Decorator: `fn(request, arg) -> str (HTML)` fills the hole `name` for one request."""

    def decorator(fn):
        _REGISTRY[name] = fn
        return fn

    return decorator


def marker(name, arg=""):
    if name not in _REGISTRY:
        raise KeyError(f"unknown hole {name!r}")
    return mark_safe(f"{PREFIX}:{name}:{arg}:")  # noqa: S308 - our own constant text


def render_hole(request, name, arg=""):
    return mark_safe(_REGISTRY[name](request, str(arg)))  # noqa: S308 - fragments render escaped


def fill(request, html: str) -> str:
    """Replace every marker (and the CSRF sentinel) with this request's own content."""

    token = None

    def replace(match):
        nonlocal token
        if match.group(1):
            # One masked token for every form of the page, as Django's lazy csrf_token gives
            # (masking draws 32 random characters: 25 forms would cost 25 draws).
            if token is None:
                token = get_token(request)
            return token
        if match.group(2):
            return getattr(request, "csp_nonce", "")
        return render_hole(request, match.group(3), match.group(4))

    return _PATTERN.sub(replace, html)


def _render(template_name, context):
    return get_template(template_name).render(context)  # no context processors: only what is passed


# --------------------------------------------------------------------------- the site's holes


@register("basket")
def basket_count(request, _arg):
    """Items in the visitor's basket, in at most one query unless a cookie basket is involved.

    Oscar's `request.basket` loads the lines and applies offers (8 queries) to show a number;
    a signed-in buyer without a cookie basket only needs the sum of their open baskets' lines.
    A basket cookie (anonymous buyer, or one who has just signed in and whose cookie basket
    must be merged) goes through Oscar's middleware as before.
    """
    user = getattr(request, "user", None)
    has_cookie = settings.OSCAR_BASKET_COOKIE_OPEN in request.COOKIES
    if not hasattr(request, "basket") or (not has_cookie and (user is None or not user.is_authenticated)):
        return "0"
    if has_cookie:
        return str(request.basket.num_items or 0)
    from django.db.models import Sum
    from oscar.core.loading import get_model

    Line = get_model("basket", "Line")
    Basket = get_model("basket", "Basket")
    lines = Line.objects.filter(basket__owner=user, basket__status=Basket.OPEN)
    return str(lines.aggregate(n=Sum("quantity"))["n"] or 0)


def account_links(request):
    """The header's sign-in or account links (registered as a hole by the catalogue app)."""
    return _render("oscar/partials/site_header_account.html", {"request": request, "user": request.user})


@register("messages")
def messages(request, _arg):
    storage = get_messages(request)
    if not len(storage):  # the common case: nothing to say, no template to render
        return '<div id="messages"></div>'
    return _render("oscar/partials/alert_messages.html", {"messages": storage})
