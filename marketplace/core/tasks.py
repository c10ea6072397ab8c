"""Background sending of e-mail and text messages (queued by core.messaging.notify)."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from . import outbox
from .sms import send_sms as send_text


@shared_task
def send_email(to: str, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@shared_task
def send_sms(phone: str, text: str) -> None:
    send_text(phone, text)


@shared_task(once_per_message=False)
def relay_outbox():
    """Send background work recorded while the broker was unreachable (Celery beat, every few seconds)."""
    return outbox.relay()


@shared_task(once_per_message=False)
def prune_outbox():
    """Daily: forget sent outbox rows and task receipts older than 30 days."""
    return outbox.prune()
