"""Training tasks (registered through cms/tasks.py, which Celery autodiscovers)."""

from celery import shared_task


# Not wrapped in one transaction per message (DurableTask's once_per_message): the import writes
# its progress as it goes, for the progress bar to read, and is idempotent itself (a finished
# import is left as it is; people who already completed the course are skipped).
@shared_task(once_per_message=False)
def import_attendance(job_id):
    """Import an uploaded attendance sheet."""
    from .attendance import run_import

    run_import(job_id)
