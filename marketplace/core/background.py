"""Queue Celery work after the current transaction commits, without failing the request.

The work is recorded in the outbox (see outbox.py) in the same transaction as the change
that causes it, then sent to the broker right after the commit, or by the relay later if the
broker is down: what the user did is saved, and the work it causes is never lost.
"""

from . import outbox


def enqueue_after_commit(task, *args, **kwargs):
    """Run ``task(*args, **kwargs)`` in a worker once (and only if) the current transaction commits."""
    outbox.record(task, *args, **kwargs)


# Outside a transaction the commit is immediate: both names do the same.
enqueue = enqueue_after_commit
