"""Background work for sellers: the daily certificate expiry, and the worker health check."""

from celery import shared_task

from . import selectors, services
from .register import imports


@shared_task
def expire_certificates() -> int:
    return services.expire_certificates()


@shared_task
def count_communes():
    """Smallest real round trip (broker -> worker -> database -> result); used to check a worker is up."""
    return selectors.commune_count()


# Not one transaction per message: the import writes its progress as it goes (for the progress
# bar) and is idempotent itself (a finished import is left as it is; a sheet re-imported
# changes nothing).
@shared_task(once_per_message=False)
def import_register(job_id):
    imports.run_import(job_id)
