"""Background work of the CMS app, found here by Celery's autodiscovery."""

from .training.tasks import import_attendance  # noqa: F401
