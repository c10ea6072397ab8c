"""Tell a user something: an in-app notice now, e-mail and SMS in the background."""

from django.utils.html import escape, linebreaks
from oscar.core.loading import get_model

from . import tasks
from .background import enqueue_after_commit

Notification = get_model("communication", "Notification")


def notify(user, subject: str, body: str, phone: str = "") -> None:
    """Oscar's notification inbox renders the body as HTML, so user-typed text is escaped."""
    Notification.objects.create(recipient=user, subject=subject[:255], body=linebreaks(escape(body)))
    if user.email:
        enqueue_after_commit(tasks.send_email, user.email, subject, body)
    if phone:
        enqueue_after_commit(tasks.send_sms, phone, f"{subject}. {body}"[:320])
