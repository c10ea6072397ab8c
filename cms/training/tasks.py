"""Training tasks (registered through cms/tasks.py, which Celery autodiscovers)."""

from celery import shared_task


@shared_task(acks_late=True)
def import_attendance(job_id):
    """Import an uploaded attendance sheet; idempotent (a finished import is left as it is)."""
    from .attendance import run_import

    run_import(job_id)
