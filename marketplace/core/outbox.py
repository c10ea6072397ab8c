"""Durable background work: a transactional outbox relayed to Celery, and tasks that run once.

1. ``record(task, *args)`` saves an OutboxMessage in the caller's database transaction, so
   the work exists exactly when the change that causes it exists (an order, a decision).
2. Right after the commit, ``send_now`` publishes it to the broker (best effort: one quick
   attempt with short timeouts, skipped for a while after the broker was found down), so a
   request never waits on an unreachable broker.
3. The ``relay_outbox`` task (Celery beat, every few seconds) publishes whatever is still
   pending: work recorded while the broker was down is sent once it is back.
4. Every task is a ``DurableTask``: acknowledged only after it ran (a worker killed mid-task
   leaves the message to be delivered again) and guarded by a receipt keyed on the message id,
   written in the task's own transaction, so a second delivery of the same message does nothing.

This module imports no app of ours; models are imported late (Celery loads this class before
Django's apps are ready).
"""

import logging
import os
import smtplib
import threading
import time
from datetime import timedelta

from celery import Task, current_app
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# What an unreachable or refusing broker raises: the whole batch waits for the next relay.
BROKER_ERRORS = (OperationalError, OSError)

# After a failed publish, requests skip the immediate send for this long (the relay sends later).
_broker_down_until = 0.0


def record(task, *args, **kwargs):
    """Save one task to send after the current transaction commits; return the outbox row."""
    from .models import OutboxMessage

    name = getattr(task, "name", task)
    message = OutboxMessage.objects.create(task=name, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: send_now([message.pk]))
    return message


def send_now(pks):
    """Publish these rows now if the broker answers quickly; never raises (the relay retries)."""
    global _broker_down_until
    if time.monotonic() < _broker_down_until and not current_app.conf.task_always_eager:
        return 0
    try:
        return _publish_pending(pks=pks)
    except Exception:
        # A database hiccup here must not turn a saved change into an error page either.
        logger.exception("outbox: immediate send failed; the relay will retry")
        return 0


def relay(limit=200):
    """Publish pending rows, oldest first; safe to run in several processes at once."""
    return _publish_pending(limit=limit)


def _publish_pending(pks=None, limit=200):
    global _broker_down_until
    from .models import OutboxMessage

    with transaction.atomic():
        pending = OutboxMessage.objects.select_for_update(skip_locked=True).filter(sent_at=None)
        if pks is not None:
            pending = pending.filter(pk__in=pks)
        rows = list(pending.order_by("id")[:limit])
        if not rows:
            return 0
        sent = []
        try:
            with _publisher() as publish:
                for row in rows:
                    try:
                        publish(row)
                    except BROKER_ERRORS:
                        raise
                    except Exception as error:  # this row only (e.g. an eager task failing): go on
                        _failed(row, error)
                    else:
                        sent.append(row.pk)
        except BROKER_ERRORS as error:
            _broker_down_until = time.monotonic() + settings.OUTBOX_BACKOFF_SECONDS
            unsent = [row for row in rows if row.pk not in sent]
            if unsent:
                _failed(unsent[0], error)
        else:
            _broker_down_until = 0.0
        OutboxMessage.objects.filter(pk__in=sent).update(sent_at=timezone.now())
        return len(sent)


def _failed(row, error):
    from .models import OutboxMessage

    logger.warning("outbox: could not send %s (%s); will retry", row, error)
    OutboxMessage.objects.filter(pk=row.pk).update(attempts=row.attempts + 1, last_error=str(error)[:500])


class _publisher:
    """Publishes over this thread's broker connection, kept between requests (a new one, with
    its channel, costs a TCP connect: ≈ 5 ms on every order). Fails at once instead of
    retrying (the outbox retries); a kept connection that fails is replaced once, since the
    broker may have restarted since it was opened."""

    def __enter__(self):
        app = current_app
        if app.conf.task_always_eager:  # dev and in-process tests: run the task here and now
            return lambda row: _task(app, row.task).apply_async(row.args, row.kwargs, task_id=str(row.key))

        def publish(row):
            try:
                _send(app, row, _producer(app))
            except BROKER_ERRORS:
                _drop_connection()
                _send(app, row, _producer(app))  # a fresh connection; its failure is final

        return publish

    def __exit__(self, exc_type, *exc):
        if exc_type is not None and issubclass(exc_type, BROKER_ERRORS):
            _drop_connection()


_kept = threading.local()  # .broker: (broker URL, connection, producer) of this thread


def _forget_connection_in_child():
    global _kept
    _kept = threading.local()  # a forked child must not write on its parent's socket


os.register_at_fork(after_in_child=_forget_connection_in_child)


def _producer(app):
    kept = getattr(_kept, "broker", None)
    if kept is not None and kept[0] == app.conf.broker_url:
        return kept[2]
    _drop_connection()
    timeout = settings.OUTBOX_PUBLISH_TIMEOUT
    connection = app.connection_for_write(
        connect_timeout=timeout,
        transport_options={
            "max_retries": 0,  # kombu's default is to retry the connection for a long time
            "socket_connect_timeout": timeout,
            "socket_timeout": timeout,
        },
    )
    _kept.broker = (app.conf.broker_url, connection, connection.Producer())
    return _kept.broker[2]


def _drop_connection():
    kept, _kept.broker = getattr(_kept, "broker", None), None
    if kept is not None:
        try:
            kept[1].release()
        except Exception:  # noqa: BLE001 - it is being thrown away because it failed
            pass


def _send(app, row, producer):
    app.send_task(
        row.task,
        args=row.args,
        kwargs=row.kwargs,
        task_id=str(row.key),
        producer=producer,
        retry=False,
        ignore_result=True,  # no result backend round trip (it retries for ~20 s when down)
    )


def _task(app, name):
    if name not in app.tasks:  # a process that never imported the task's module (e.g. a relay)
        app.loader.import_default_modules()
    return app.tasks[name]


class DurableTask(Task):
    """Celery's base task here: acknowledged late, and run at most once per message.

    A worker killed mid-task (or a lost acknowledgement) makes the broker deliver the message
    again; the receipt, inserted first in the task's transaction and committed with its
    writes, makes that second run a no-op if the first one finished. A concurrent duplicate
    waits on the receipt's unique key until the first run commits or rolls back.
    """

    acks_late = True
    reject_on_worker_lost = True
    # Transient network errors (SMTP server, SMS gateway) are retried with growing delays.
    autoretry_for = (smtplib.SMTPException, ConnectionError, TimeoutError)
    retry_backoff = True
    retry_backoff_max = 600
    max_retries = 8
    once_per_message = True

    def __call__(self, *args, **kwargs):
        key = self.request.id
        if not key or not self.once_per_message or self.request.called_directly:
            return super().__call__(*args, **kwargs)
        with transaction.atomic():
            if not claim(key, self.name):
                logger.info("task %s %s already ran; skipping the repeated delivery", self.name, key)
                return None
            return self.run(*args, **kwargs)


def claim(key, task_name):
    """Insert the receipt for this message; False if another run already committed one."""
    from .models import TaskReceipt

    table, key_column, task_column, done_column = (
        connection.ops.quote_name(name) for name in (TaskReceipt._meta.db_table, "key", "task", "done_at")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_column}, {task_column}, {done_column}) VALUES (%s, %s, %s) "
            f"ON CONFLICT ({key_column}) DO NOTHING",
            [str(key), task_name[:200], timezone.now()],
        )
        return cursor.rowcount == 1


def prune(days=30):
    """Forget sent rows and receipts older than ``days`` (a redelivery never comes that late)."""
    from .models import OutboxMessage, TaskReceipt

    cutoff = timezone.now() - timedelta(days=days)
    sent, _ = OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()
    receipts, _ = TaskReceipt.objects.filter(done_at__lt=cutoff).delete()
    return sent + receipts
