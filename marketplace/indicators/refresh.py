"""Keeping the snapshots true to the records: recompute the days a change concerns, coalesced.

A service that changes records behind an indicator calls ``core.figures.records_changed``;
``tasks.on_records_changed`` then writes a ``StaleFigures`` row and records a
``refresh_figures`` task in the outbox, both in the transaction of the change, so the work
exists exactly when the change does. A refresh holds the one lease, takes every waiting row
at once and recomputes today (what officials look at), then every snapshotted day from the
earliest row's day, newest first. A row it took was committed before it started reading, so
the recomputation sees that change; rows written meanwhile wait for the next round, and the
tasks that find nothing left to take end at once: a burst of changes costs a round or two.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from .locks import fully_locked_months
from .models import FiguresRefresh, SnapshotDay, StaleFigures

# Renewed after each day recomputed (a day takes seconds even for the whole province).
LEASE = timedelta(minutes=5)


def mark_stale(since) -> None:
    """Called in the transaction of the change (an insert: concurrent changes never wait)."""
    StaleFigures.objects.create(since=since)


def pending_since():
    """The first day still waiting for a recomputation (None: the figures follow the records)."""
    return StaleFigures.objects.aggregate(since=Min("since"))["since"]


def _take_lease() -> bool:
    now = timezone.now()
    FiguresRefresh.objects.get_or_create(pk=1)
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    return FiguresRefresh.objects.filter(free, pk=1).update(lease_until=now + LEASE) == 1


def _renew_lease():
    FiguresRefresh.objects.filter(pk=1).update(lease_until=timezone.now() + LEASE)


@transaction.atomic
def _take_waiting():
    """Remove every waiting row; the earliest day they concern (None: nothing waits)."""
    rows = list(StaleFigures.objects.select_for_update().values_list("pk", "since"))
    if not rows:
        return None
    StaleFigures.objects.filter(pk__in=[pk for pk, _since in rows]).delete()
    return min(since for _pk, since in rows)


def days_to_recompute(since, today):
    """Today, then the snapshotted days from ``since`` on, newest first, except the days of
    months every commune has signed (their figures are frozen)."""
    locked = fully_locked_months()
    past = SnapshotDay.objects.filter(date__gte=since, date__lt=today).order_by("-date")
    return [today, *(d for d in past.values_list("date", flat=True) if d.replace(day=1) not in locked)]


def refresh() -> int:
    """Recompute what waits, unless another refresh holds the lease; the days recomputed."""
    from .services import take_snapshot

    done = 0
    while _take_lease():
        start = None
        try:
            while (start := _take_waiting()) is not None:
                for day in days_to_recompute(start, timezone.localdate()):
                    take_snapshot(day)
                    done += 1
                    _renew_lease()  # a long history outlasts one lease: keep it while working
                start = None
        except BaseException:
            if start is not None:
                mark_stale(start)  # those days are still stale; the next refresh takes them
            raise
        finally:
            FiguresRefresh.objects.filter(pk=1).update(lease_until=None)
        # A change written while we held the lease found it taken and left its row to us.
        if pending_since() is None:
            break
    return done
