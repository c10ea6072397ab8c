"""Webhook endpoints: SePay and Casso (a transfer reached a seller's bank account) and Stripe.

No session, no CSRF: each request proves itself (API key, HMAC signature, Stripe signature).
A rejected request changes nothing; a repeated one is acknowledged and changes nothing.
"""

import logging

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .. import notifications
from ..services import cards, transfers

logger = logging.getLogger(__name__)


def _refuse(error: notifications.Rejected):
    logger.warning("webhook refused: %s", error)
    return JsonResponse({"success": False, "error": str(error)}, status=error.status)


@csrf_exempt
@require_POST
def sepay(request):
    try:
        note = notifications.sepay(request.body, request.headers.get("Authorization", ""))
    except notifications.Rejected as error:
        return _refuse(error)
    transfers.record_notification(note)
    return JsonResponse({"success": True})  # SePay retries anything but 2xx with success


@csrf_exempt
@require_POST
def casso(request):
    try:
        notes = notifications.casso(request.body, request.headers.get("X-Casso-Signature", ""))
    except notifications.Rejected as error:
        return _refuse(error)
    for note in notes:
        transfers.record_notification(note)
    return JsonResponse({"success": True})


@csrf_exempt
@require_POST
def stripe(request):
    try:
        event = cards.verify_event(request.body, request.headers.get("Stripe-Signature", ""))
    except ValueError:
        return JsonResponse({"error": "bad signature or body"}, status=400)
    cards.handle_event(event)
    return JsonResponse({"received": True})
