"""Background work for the catalogue."""

from celery import shared_task

from .images import write_thumbnails


@shared_task
def make_thumbnails(original_name: str) -> list[str]:
    """WebP thumbnails of a product photo, written where images.thumbnail_path says."""
    return write_thumbnails(original_name)


@shared_task
def send_back_in_stock_alerts() -> None:
    """E-mail buyers waiting for a product that is available again (Oscar's dispatcher).

    Periodic instead of Oscar's eager alerts (OSCAR_EAGER_ALERTS): those ran on every stock
    record save, inside the checkout's transaction, three queries per record per order.
    """
    from oscar.core.loading import get_class

    get_class("customer.alerts.utils", "AlertsDispatcher")().send_alerts()
