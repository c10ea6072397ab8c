"""Whole-page cache for the storefront's read pages, shared by every visitor.

Most requests are buyers reading the home page, the catalogue, search results, product and
shop pages. Rendering one costs 15–20 ms of Python (24 product cards); serving it from the
cache costs about a millisecond. So each such page is rendered once per
(URL, language, day, catalogue version) and kept in the cache; every request then fills in
its own visitor's "holes" (marketplace/core/holes.py): the CSRF token of each form, the
basket count, the account links, messages, the product page's review button. Nobody
receives anybody else's token, basket or name, signed in or not.

Freshness: a page is stored with the catalogue version (catalogue/versioned_cache.py) it was rendered
at and served only while that is still the version (one MGET reads both), bumped by post_save /
post_delete of products, stock records (allocation at checkout sends post_save too),
sellers, certificates, product images, reviews and categories, and by Wagtail publishing.
A price, stock or visibility change made through the ORM is therefore on the next request.
Writes that send no signal are seen after at most TTL seconds.

Not cached: staff (they see unpublished products and categories), anything but a GET that
answers 200 from a template, and a response that queued a message of its own (e.g. "some
filters were ignored"), because the view, which adds that message, does not run on a hit.

The version must be shared by every process that serves or writes (production's Redis
cache): with a per-process cache (locmem: dev, tests) another process's writes are only
seen after TTL seconds.

A bump lost to a Redis hiccup (django-redis ignores the error) leaves pages stale for at
most TTL seconds; a Redis that comes back empty has no stale pages at all.

Cache errors count as misses: a Redis outage degrades to rendering every page, never to an
error page.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from marketplace.core import holes

from . import personal, versioned_cache

log = logging.getLogger(__name__)

TTL = 300  # seconds; an upper bound for changes that send no signal
# URL names of the pages cached for everybody (view names, so moving a view keeps its cache).
CACHED_VIEWS = frozenset(
    {"home", "catalogue:index", "catalogue:category", "search:search", "catalogue:detail", "seller-shop"}
)
HEADER = "X-Page-Cache"  # hit / miss: lets tests and the benchmark see what happened


def page_key(request):
    """The page's key; the catalogue version is stored with the page and checked on read."""
    url = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha1(url.encode()).hexdigest()
    return f"page:{translation.get_language()}:{timezone.localdate():%Y%m%d}:{digest}"


def lookup(key, extra=()):
    """(current catalogue version, cached HTML or None, {extra key: value}) in one round trip."""
    found = django_cache.get_many([versioned_cache.VERSION_KEY, key, *extra])
    version = found.get(versioned_cache.VERSION_KEY)
    extras = {k: found[k] for k in extra if k in found}
    if version is None:
        return versioned_cache.version(), None, extras
    stored = found.get(key)
    if stored is None or stored[0] != version:
        return version, None, extras  # never cached, or cached before the catalogue changed
    return version, stored[1], extras


def _cacheable(request, view_name):
    if request.method != "GET" or view_name not in CACHED_VIEWS or not settings.PAGE_CACHE:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated and user.is_staff)


def _set(key, value):
    try:
        django_cache.set(key, value, TTL)
    except Exception:  # noqa: BLE001
        log.warning("page cache unavailable (write)", exc_info=True)


def _queued_messages(request):
    storage = getattr(request, "_messages", None)
    return bool(getattr(storage, "_queued_messages", None))


class PageCacheMiddleware:
    """Last in MIDDLEWARE: sessions, user, CSRF, messages and basket are all set up by then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is None or not getattr(response, "_page_cache_recorded", False):
            return response
        request.csp_nonce = request._page_cache_nonce  # this visitor's own, for the CSP header
        html = response.content.decode(response.charset)
        if response.status_code == 200 and not _queued_messages(request):
            # The version read before the view ran: a change during rendering makes the
            # stored page stale at once rather than hiding the change.
            _set(key, (request._page_cache_version, html))
        response.content = holes.fill(request, html)
        response[HEADER] = "miss"
        patch_vary_headers(response, ["Cookie"])
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not _cacheable(request, match.view_name):
            return None
        key = page_key(request)
        # A product page's units left come in the same round trip (catalogue/personal.py).
        pk = view_kwargs.get("pk") if match.view_name == "catalogue:detail" else None
        units_key = personal.units_left_key(pk) if pk is not None else None
        try:
            version, html, extras = lookup(key, [units_key] if units_key else ())
        except Exception:  # noqa: BLE001 - any cache failure is a miss, never an error page
            log.warning("page cache unavailable (read)", exc_info=True)
            return None
        if units_key in extras:
            personal.remember_units_left(request, pk, extras[units_key])
        if html is None:
            # A miss: record the page (process_template_response), store it with this version.
            request._page_cache_key, request._page_cache_version = key, version
            return None
        response = HttpResponse(holes.fill(request, html))
        response[HEADER] = "hit"
        patch_vary_headers(response, ["Cookie"])
        return response

    def process_template_response(self, request, response):
        if getattr(request, "_page_cache_key", None) is None or response.context_data is None:
            return response
        # Render for nobody in particular: markers where a visitor's own data goes.
        response.context_data[holes.RECORDING] = True
        response.context_data["csrf_token"] = holes.CSRF_SENTINEL
        # Inline scripts are rendered with a placeholder nonce, filled per visitor (holes.fill).
        request._page_cache_nonce = getattr(request, "csp_nonce", "")
        request.csp_nonce = holes.NONCE_SENTINEL
        response._page_cache_recorded = True
        return response


def _bump(sender, **kwargs):
    versioned_cache.bump()


def connect():
    """Beyond the catalogue-count signals (signals.py): what else a cached page shows."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished

    for label in ("catalogue.ProductImage", "catalogue.Category", "reviews.ProductReview"):
        model = apps.get_model(label)
        post_save.connect(_bump, sender=model, dispatch_uid=f"page-cache-{label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"page-cache-del-{label}")
    # Roles behind the header's workspace link (personal.account; Seller is in signals.py).
    profile = apps.get_model("sellers", "OfficialProfile")
    post_save.connect(_bump, sender=profile, dispatch_uid="page-cache-official-profile")
    post_delete.connect(_bump, sender=profile, dispatch_uid="page-cache-del-official-profile")
    groups = get_user_model().groups.through
    m2m_changed.connect(_bump, sender=groups, dispatch_uid="page-cache-user-groups")
    # The home page, course and news links in every header come from Wagtail.
    page_published.connect(_bump, dispatch_uid="page-cache-published")
    page_unpublished.connect(_bump, dispatch_uid="page-cache-unpublished")
    post_delete.connect(_bump, sender=Page, dispatch_uid="page-cache-page-deleted")
