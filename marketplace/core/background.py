"""Queue Celery work after the current transaction commits, without failing the request.

What the user did (an order placed, a decision taken) is already saved when the task is
queued; a broker outage must not turn that into an error page, so it is logged instead.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task, *args):
    try:
        task.delay(*args)
    except Exception:
        logger.exception("could not queue %s%r", task.name, args)


def enqueue_after_commit(task, *args):
    transaction.on_commit(lambda: enqueue(task, *args))
