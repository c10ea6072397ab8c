from celery import shared_task

from . import outbox


@shared_task
def count_communes():
    """Smallest real round trip (broker -> worker -> database -> result); used to check a worker is up."""
    from sellers.selectors import commune_count

    return commune_count()


@shared_task(once_per_message=False)
def relay_outbox():
    """Send background work recorded while the broker was unreachable (Celery beat, every few seconds)."""
    return outbox.relay()


@shared_task(once_per_message=False)
def prune_outbox():
    """Daily: forget sent outbox rows and task receipts older than 30 days."""
    return outbox.prune()
