"""Background work: the daily snapshot, the monthly alerts, large exports. All idempotent."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone


@shared_task(acks_late=True)
def snapshot_daily() -> None:
    """Beat, just after midnight: yesterday's final figures and today's so far."""
    from .services import take_snapshot

    today = timezone.localdate()
    take_snapshot(today - timedelta(days=1))
    take_snapshot(today)


def on_records_changed(sender, since, commune_id=None, by=None, what="", **kwargs):
    """Records behind the figures changed (core.figures): recompute from ``since`` after commit;
    a change reaching into a signed month is listed as a correction after locking."""
    from marketplace.core.background import enqueue_after_commit

    from .refresh import mark_stale
    from .signoff import record_late_change

    mark_stale(since)
    if since < timezone.localdate().replace(day=1):  # only an ended month can be signed
        record_late_change(since, commune_id, by, what)
    enqueue_after_commit(refresh_figures)


@shared_task(acks_late=True, once_per_message=False)
def refresh_figures() -> int:
    """Recompute the snapshots that changes left stale (idempotent; nothing waiting: no work)."""
    from .refresh import refresh

    return refresh()


@shared_task(acks_late=True)
def monthly_alerts() -> None:
    from .services import run_monthly_alerts

    run_monthly_alerts()


@shared_task(acks_late=True)
def build_export(job_id: int) -> None:
    from .exports import run_export_job

    run_export_job(job_id)


@shared_task(acks_late=True)
def build_pack(pack_id: int) -> None:
    from .pack import run

    run(pack_id)
