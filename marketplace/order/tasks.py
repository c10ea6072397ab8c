"""Buyer emails in Vietnamese, sent by Celery workers (queued by order.services)."""

from celery import shared_task
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from . import selectors, status_links


def _site_url():
    return f"https://{Site.objects.get_current().domain}"


def _send(to, subject_template, body_template, context):
    with translation.override("vi"):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@shared_task
def send_order_confirmation_email(order_id):
    order = selectors.order_with_parts(pk=order_id)
    if order is None or not order.email:
        return False
    context = {"order": order, "status_url": _site_url() + status_links.status_path(order)}
    _send(
        order.email,
        "oscar/order/emails/confirmation_subject.txt",
        "oscar/order/emails/confirmation_body.txt",
        context,
    )
    return True


@shared_task
def send_order_status_email(order_part_id):
    part = selectors.part_for_email(order_part_id)
    if part is None or not part.order.email:
        return False
    context = {
        "part": part,
        "order": part.order,
        "status_url": _site_url() + status_links.status_path(part.order),
    }
    _send(
        part.order.email,
        "oscar/order/emails/status_subject.txt",
        "oscar/order/emails/status_body.txt",
        context,
    )
    return True
