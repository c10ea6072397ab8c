"""The register's background work (registered with Celery by ``sellers.apps``)."""

from celery import shared_task

from . import imports


# Not one transaction per message: the import writes its progress as it goes (for the progress
# bar) and is idempotent itself (a finished import is left as it is; a sheet re-imported
# changes nothing).
@shared_task(once_per_message=False)
def import_register(job_id):
    imports.run_import(job_id)
