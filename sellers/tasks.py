"""Background work for sellers: notifications and the daily certificate expiry."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task
def send_email(to: str, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@shared_task
def send_sms(phone: str, text: str) -> None:
    from .sms import send_sms as send

    send(phone, text)


@shared_task
def expire_certificates() -> int:
    from .services import expire_certificates as expire

    return expire()
