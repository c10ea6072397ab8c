import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

# Every task is a DurableTask: acknowledged late, run once per message (marketplace/core/outbox.py).
app = Celery("marketplace", task_cls="marketplace.core.outbox:DurableTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
