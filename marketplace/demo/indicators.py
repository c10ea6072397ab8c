"""Make the demo province look like the plan's starting point, then take its indicator history.

Without this every demo OCOP entity has a live listing and I1 reads 100 %. Here, through the
sellers' own services: about a third of the verified sellers have hidden all their products
(not selling online yet), one commune with several OCOP entities sells nothing online at all
(the lagging commune officials should see), and a few more registrations were decided on
paper. Then snapshots are taken for the end of each of the last 18 months and the last week,
so the dashboard has trends from the first visit. Idempotent.
"""

import zlib
from datetime import timedelta

from django.db.models import Count, Q

from marketplace.indicators.selectors import LAGGING_MIN_DENOMINATOR
from marketplace.indicators.services import take_snapshot
from sellers import product_services
from sellers import services as sellers_services
from sellers.models import Seller

HISTORY_MONTHS = 18
# Registrations the commune decided on paper (besides those submitted on paper).
DECIDED_ON_PAPER = 3


def _not_yet_online(seller) -> bool:
    return zlib.crc32(f"offline:{seller.slug}".encode()) % 3 == 0


def lagging_commune_id(sellers):
    """The commune with the fewest confirmed shops elsewhere, then the most OCOP entities."""
    counts = (
        sellers.values("commune_id", "commune__name")
        .annotate(
            n=Count("pk", distinct=True),
            linked=Count("external_links", filter=Q(external_links__confirmed_at__isnull=False)),
        )
        .filter(n__gte=LAGGING_MIN_DENOMINATOR)
        .order_by("linked", "-n", "commune__name")
    )
    first = counts.first()
    return first["commune_id"] if first else None


def make_realistic(today, demo_seller_slug):
    verified = Seller.objects.filter(status=Seller.Status.VERIFIED).exclude(slug=demo_seller_slug)
    lagging = lagging_commune_id(verified.filter(certificates__approved=True).distinct())
    for seller in verified.select_related("partner"):
        if seller.commune_id == lagging or _not_yet_online(seller):
            for product in seller.products.filter(is_public=True):
                product_services.set_product_visible(seller, product, False)
        if seller.commune_id == lagging:
            for link in seller.external_links.active():
                sellers_services.remove_external_link(seller, link)
    decided = Seller.objects.filter(submitted_online=True).exclude(
        Q(slug=demo_seller_slug) | Q(status__in=[Seller.Status.DRAFT, Seller.Status.SUBMITTED])
    )
    paper = sorted(decided.values_list("slug", flat=True), key=lambda slug: zlib.crc32(slug.encode()))
    # Files the commune decided on paper and entered afterwards (no online decision to replay).
    Seller.objects.filter(slug__in=paper[:DECIDED_ON_PAPER]).update(decided_online=False)
    take_history(today)


def take_history(today):
    """Month-end snapshots for the trend, plus the last seven days."""
    days = {today - timedelta(days=n) for n in range(7)}
    month_end = today.replace(day=1) - timedelta(days=1)
    for _ in range(HISTORY_MONTHS):
        days.add(month_end)
        month_end = month_end.replace(day=1) - timedelta(days=1)
    for day in sorted(days):
        take_snapshot(day)
