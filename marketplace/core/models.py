"""Durable background work: the outbox of tasks to send, and receipts of tasks that have run.

See outbox.py for how they are used, and docs/reliability.md for why.
"""

import uuid

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class OutboxMessage(models.Model):
    """One Celery task to send, saved in the same transaction as the change that causes it.

    If that transaction rolls back, the task was never asked for; if it commits, the task is
    sent by whoever gets there first (right after the commit, or the relay every few seconds),
    even if the broker was down at the time.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # the Celery task id
    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, encoder=DjangoJSONEncoder)
    kwargs = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["id"], condition=models.Q(sent_at__isnull=True), name="core_outbox_pending"),
            models.Index(fields=["sent_at"], name="core_outbox_sent_at"),
        ]

    def __str__(self):
        return f"{self.task} {self.key} ({'sent' if self.sent_at else 'pending'})"


class TaskReceipt(models.Model):
    """A task message that ran to the end: a second delivery of the same message does nothing.

    Written in the same transaction as the task's own database writes, so a worker killed
    mid-task leaves no receipt and the redelivered message runs the task again.
    """

    key = models.CharField(max_length=64, primary_key=True)  # the Celery task id
    task = models.CharField(max_length=200)
    done_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.task} {self.key}"
