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
from django.utils import timezone

from marketplace.catalogue import services as catalogue_services
from marketplace.indicators.selectors import LAGGING_MIN_DENOMINATOR
from marketplace.indicators.services import take_snapshot
from sellers import scope
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
                catalogue_services.set_product_visible(seller, product, False)
        if seller.commune_id == lagging:
            for link in seller.external_links.active():
                sellers_services.remove_external_link(seller, link)
    decided = Seller.objects.filter(submitted_online=True).exclude(
        Q(slug=demo_seller_slug) | Q(status__in=[Seller.Status.DRAFT, Seller.Status.SUBMITTED])
    )
    paper = sorted(decided.values_list("slug", flat=True), key=lambda slug: zlib.crc32(slug.encode()))
    # Files the commune decided on paper and entered afterwards (no online decision to replay).
    Seller.objects.filter(slug__in=paper[:DECIDED_ON_PAPER]).update(decided_online=False)
    ensure_payment_accounts(today)
    take_history(today)


def ensure_payment_accounts(today):
    """Accounts partly verified (I2), through the payments services, when the demo has none yet.

    About half the verified sellers add a bank account; an official verified two in three of
    them, some weeks after the seller was verified (the verification date is set back so the
    trend has a history, like the demo's product dates).
    """
    from django.contrib.auth import get_user_model

    from marketplace.core.text import fold
    from payments.banks import banks
    from payments.models import EPaymentAccount
    from payments.services import accounts

    if EPaymentAccount.objects.exists():
        return
    official = (
        get_user_model()
        .objects.filter(official_profile__isnull=False, official_profile__commune__isnull=True)
        .first()
    )
    bank_bins = sorted(banks())
    for seller in Seller.objects.filter(status=Seller.Status.VERIFIED).order_by("slug"):
        luck = zlib.crc32(f"account:{seller.slug}".encode()) % 6
        if luck >= 3:
            continue
        account = accounts.add_bank_account(
            seller,
            bank_bin=bank_bins[luck % len(bank_bins)],
            account_number=f"{zlib.crc32(seller.slug.encode()):010d}",
            holder_name=fold(seller.rep_name).upper(),
        )
        if luck < 2 and official is not None and scope.may_decide(official, seller):
            accounts.verify_by_official(account, official=official)
            when = min(seller.verified_at + timedelta(days=20 + 30 * luck), timezone.now())
            EPaymentAccount.objects.filter(pk=account.pk).update(verified_at=when)


def take_history(today):
    """Month-end snapshots for the trend, plus the last seven days."""
    days = {today - timedelta(days=n) for n in range(7)}
    month_end = today.replace(day=1) - timedelta(days=1)
    for _ in range(HISTORY_MONTHS):
        days.add(month_end)
        month_end = month_end.replace(day=1) - timedelta(days=1)
    for day in sorted(days):
        take_snapshot(day)
