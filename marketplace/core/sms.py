"""Text messages to users through a pluggable backend (settings.SMS_BACKEND).

A backend is any class with ``send(phone, text)``. The default only writes the message to the
log, which is what development and tests need; production points the setting at a gateway.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class LoggingBackend:
    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


def get_backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(phone: str, text: str) -> None:
    if phone:
        get_backend().send(phone, text)
