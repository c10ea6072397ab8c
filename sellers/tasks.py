"""Background work for sellers: the daily certificate expiry, and the worker health check."""

from celery import shared_task

from . import selectors, services


@shared_task
def expire_certificates() -> int:
    return services.expire_certificates()


@shared_task
def count_communes():
    """Smallest real round trip (broker -> worker -> database -> result); used to check a worker is up."""
    return selectors.commune_count()
