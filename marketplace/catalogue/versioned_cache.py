"""Short-lived cache for catalogue counts (facets, page count) and seller-name matches.

Counting the listable catalogue is a scan of every matching product (≈ 15–30 ms at 20,000
products), so each distinct filter set is counted once and kept under a key that includes a
catalogue version number. post_save/post_delete of Product, StockRecord, Seller and
OcopCertificate (see signals.py) bump the version, so a change made through the ORM shows
in the counts of the next request served by the same process.

Staleness trade-off, accepted: writes that send no signal (queryset.update, e.g. stock
allocation at checkout or refresh_ocop_fields) and writes made in another process (another
gunicorn worker, Celery) while the cache is per-process (locmem) are seen after at most
TTL seconds. Only counts and the page count can be stale: the product list itself is
always read live, so a buyer never sees an unlisted product because of this cache.
"""

import hashlib
import time

from django.core.cache import cache

TTL = 60  # seconds
VERSION_KEY = "catalogue:version"


def version():
    # Start from the clock, not 1: if the key is evicted, old entries are not reused.
    return cache.get_or_set(VERSION_KEY, time.time_ns(), None)


def bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.set(VERSION_KEY, time.time_ns(), None)


def cached(name, parts, compute):
    """compute() once per (name, parts, catalogue version), for at most TTL seconds."""
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()
    key = f"catalogue:{name}:{version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL)
    return value
