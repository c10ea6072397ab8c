"""Webhook endpoint /payments/webhooks/<provider>/: SePay and Casso (a transfer reached a
seller's bank account), Stripe (card payments), and any provider a future method names.

No session, no CSRF: each request proves itself (API key, HMAC signature, Stripe signature) in
the method's ``handle_notification``. A rejected request changes nothing; a repeated one is
acknowledged and changes nothing.
"""

from django.http import Http404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.checkout.payment_methods import method_for_provider


@csrf_exempt
@require_POST
def notification(request, provider):
    method = method_for_provider(provider)
    if method is None:
        raise Http404
    return method.handle_notification(request, provider)
