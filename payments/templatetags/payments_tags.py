"""Payment boxes other apps' templates show by loading this library (no Python import of payments
from the shop or the sellers' pages): the buyer's pay instructions, the seller's nudge, the
official's queue link."""

from django import template
from django.conf import settings
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.order.status_links import status_token

from .. import selectors, vietqr
from ..models import CardPayment, EPaymentAccount, VietQRPayment
from ..services import cards, transfers

register = template.Library()
OrderPart = get_model("order", "OrderPart")


@register.inclusion_tag("payments/partials/instructions.html", takes_context=True)
def payment_instructions(context, order):
    """What the buyer still has to do to pay: a QR per waiting seller part, or card authentication."""
    qr_payments = list(
        VietQRPayment.objects.filter(part__order=order).select_related("account", "part__partner__seller")
    )
    for payment in qr_payments:
        if payment.status == VietQRPayment.Status.PENDING:
            content = transfers.qr_payload(payment)
            payment.qr_svg = vietqr.svg(content)
            payment.qr_png = vietqr.png_data_uri(content)
    card = CardPayment.objects.filter(order=order).first()
    # The request goes along for its CSP nonce (the page's one inline script).
    request = context.get("request")
    context = {"order": order, "qr_payments": qr_payments, "card": card, "request": request}
    if card is not None and card.status == CardPayment.Status.REQUIRES_ACTION:
        context.update(
            client_secret=cards.client_secret(card),
            stripe_key=settings.STRIPE_PUBLISHABLE_KEY,
            stripe_js_url=settings.STRIPE_JS_URL,
            authenticated_url=reverse("payments:card-authenticated", kwargs={"token": status_token(order)}),
        )
    return context


@register.inclusion_tag("payments/partials/seller_nudge.html")
def epayment_nudge(seller):
    """The workspace's payment card: add an account if there is none; else balance and to-dos."""
    accounts = list(EPaymentAccount.objects.active().filter(seller=seller))
    context = {
        "seller": seller,
        "has_account": bool(accounts),
        "verified": [a for a in accounts if a.is_verified],
        "unverified": [a for a in accounts if not a.is_verified],
    }
    if seller.has_open_shop:
        context["balance"] = selectors.payable_balance(seller)
        context["to_review"] = selectors.transfers_to_review(seller=seller).count()
        context["waiting"] = selectors.pending_vietqr_payments(seller=seller).count()
    return context


@register.inclusion_tag("payments/partials/official_link.html")
def official_payments_link(user):
    return {
        "accounts": selectors.accounts_to_verify(user).count(),
        "transfers": selectors.transfers_to_review(official=user).count(),
    }


@register.simple_tag
def stripe_config():
    """Publishable key and Stripe.js address for the card field (settings, never the secret)."""
    return {"key": settings.STRIPE_PUBLISHABLE_KEY, "js_url": settings.STRIPE_JS_URL}
