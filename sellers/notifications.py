"""Tell a user something: an in-app notice now, e-mail and SMS in the background."""

from django.db import transaction
from django.utils.html import escape, linebreaks
from oscar.core.loading import get_model

from . import tasks

Notification = get_model("communication", "Notification")


def notify(user, subject: str, body: str, phone: str = "") -> None:
    """Oscar's notification inbox renders the body as HTML, so user-typed text is escaped."""
    Notification.objects.create(recipient=user, subject=subject[:255], body=linebreaks(escape(body)))
    if user.email:
        transaction.on_commit(lambda: tasks.send_email.delay(user.email, subject, body))
    if phone:
        transaction.on_commit(lambda: tasks.send_sms.delay(phone, f"{subject}. {body}"[:320]))
