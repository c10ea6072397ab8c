"""Card payments through Stripe: the marketplace collects for the whole order.

The card is authorised at order placement (a PaymentIntent created server-side with the card
the page tokenised, confirmed at once, manual capture), captured once the order is committed,
and the order's parts are marked paid by the signed ``payment_intent.succeeded`` webhook.
Stripe's idempotency keys are not relied on (localstripe ignores them): each webhook event id
is recorded once, and each part's sale is written to the ledger once.
"""

import logging
from decimal import Decimal

import stripe
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.order import part_states

from ..models import CardPayment, CardRefund, LedgerEntry, WebhookEvent
from . import ledger

logger = logging.getLogger(__name__)
OrderPart = get_model("order", "OrderPart")


class CardDeclined(Exception):
    """The bank refused the card: a message fit for the buyer."""


class CardUnavailable(Exception):
    """Stripe could not be reached or refused the request for another reason."""


def configure():
    """Keys and API address from settings (tests point STRIPE_API_BASE at localstripe)."""
    stripe.api_key = settings.STRIPE_SECRET_KEY
    stripe.api_base = settings.STRIPE_API_BASE
    stripe.max_network_retries = 1
    return stripe


def authorise(*, amount, order_number: str, payment_method: str):
    """Create and confirm a PaymentIntent for the order total (VND is zero-decimal: đồng)."""
    configure()
    if not payment_method:
        raise CardDeclined(_("Hãy nhập thông tin thẻ."))
    try:
        return stripe.PaymentIntent.create(
            amount=int(amount),
            currency="vnd",
            payment_method=payment_method,
            payment_method_types=["card"],
            confirm=True,
            capture_method="manual",
            metadata={"order_number": order_number},
        )
    except stripe.CardError as error:
        logger.info("card declined for order %s: %s", order_number, error.code)
        raise CardDeclined(
            _("Thẻ bị ngân hàng từ chối. Hãy kiểm tra số thẻ, hạn dùng hoặc dùng thẻ khác.")
        ) from error
    except stripe.StripeError as error:
        logger.warning("stripe error for order %s: %s", order_number, error)
        raise CardUnavailable(
            _("Chưa kết nối được cổng thanh toán thẻ. Vui lòng thử lại sau ít phút.")
        ) from error


STATUS_OF_INTENT = {
    "requires_capture": CardPayment.Status.AUTHORIZED,
    "requires_action": CardPayment.Status.REQUIRES_ACTION,
    "succeeded": CardPayment.Status.SUCCEEDED,
    "processing": CardPayment.Status.AUTHORIZED,
}


@transaction.atomic
def record_for_order(order, intent) -> CardPayment:
    """After placement: the order's parts wait for the money, and the authorised card is captured
    once the order is committed (never for an order that was rolled back)."""
    payment = CardPayment.objects.create(
        order=order,
        payment_intent_id=intent.id,
        amount=Decimal(intent.amount),
        status=STATUS_OF_INTENT.get(intent.status, CardPayment.Status.REQUIRES_ACTION),
    )
    for part in OrderPart.objects.filter(order=order):
        part_states.take(part, "await_payment", by=part_states.PAYMENT)
    if payment.status == CardPayment.Status.AUTHORIZED:
        transaction.on_commit(lambda: capture(payment.pk))
    return payment


def cancel_intent(intent_id: str):
    """An order that could not be placed after authorising: release the hold on the card."""
    configure()
    try:
        stripe.PaymentIntent.cancel(intent_id)
    except stripe.StripeError:
        logger.exception("could not cancel payment intent %s", intent_id)


def capture(payment_pk) -> bool:
    """Capture an authorised card (idempotent: only an AUTHORIZED payment is captured)."""
    configure()
    payment = CardPayment.objects.get(pk=payment_pk)
    try:
        intent = stripe.PaymentIntent.retrieve(payment.payment_intent_id)
        if intent.status == "requires_capture":
            intent = stripe.PaymentIntent.capture(payment.payment_intent_id)
    except stripe.StripeError:
        logger.exception("capture of %s failed; the expiry task will release it", payment.payment_intent_id)
        return False
    return intent.status == "succeeded"


def client_secret(payment: CardPayment) -> str | None:
    """For Stripe.js on the buyer's page; None when Stripe cannot be reached (the page says so)."""
    configure()
    try:
        return stripe.PaymentIntent.retrieve(payment.payment_intent_id).client_secret
    except stripe.StripeError:
        logger.exception("cannot read %s", payment.payment_intent_id)
        return None


def after_authentication(payment: CardPayment) -> str:
    """The buyer passed (or failed) 3-D Secure on the page: capture if the card is now authorised."""
    configure()
    try:
        intent = stripe.PaymentIntent.retrieve(payment.payment_intent_id)
        if intent.status == "requires_capture":
            CardPayment.objects.filter(pk=payment.pk, status=CardPayment.Status.REQUIRES_ACTION).update(
                status=CardPayment.Status.AUTHORIZED
            )
            capture(payment.pk)
            intent = stripe.PaymentIntent.retrieve(payment.payment_intent_id)
    except stripe.StripeError:
        logger.exception("cannot check %s after authentication", payment.payment_intent_id)
        return "unknown"
    return intent.status


# --- webhook -------------------------------------------------------------------------------------


def verify_event(payload: bytes, signature: str):
    """The event, if Stripe's signature over this exact body is right (else ValueError)."""
    try:
        return stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except stripe.SignatureVerificationError as error:
        raise ValueError("bad signature") from error


class NotYetKnown(Exception):
    """An event about a payment whose order is not committed yet: Stripe should retry it."""


@transaction.atomic
def handle_event(event) -> bool:
    """Handle a verified event once; the same event id again returns False and changes nothing."""
    if event.type == "payment_intent.succeeded":
        if not CardPayment.objects.filter(payment_intent_id=event.data.object.id).exists():
            raise NotYetKnown(event.data.object.id)  # not recorded as handled: the retry will be
    try:
        with transaction.atomic():
            WebhookEvent.objects.create(provider="stripe", event_id=event.id, event_type=event.type)
    except IntegrityError:
        return False
    intent = event.data.object
    if event.type == "payment_intent.succeeded":
        _succeeded(intent.id)
    elif event.type == "payment_intent.payment_failed":
        CardPayment.objects.filter(payment_intent_id=intent.id).exclude(
            status=CardPayment.Status.SUCCEEDED
        ).update(status=CardPayment.Status.FAILED)
    return True


def _succeeded(intent_id: str):
    payment = CardPayment.objects.select_for_update().get(payment_intent_id=intent_id)
    if payment.status != CardPayment.Status.SUCCEEDED:
        payment.status = CardPayment.Status.SUCCEEDED
        payment.succeeded_at = timezone.now()
        payment.save(update_fields=["status", "succeeded_at"])
    for part in OrderPart.objects.filter(order_id=payment.order_id).select_related("order"):
        if part.status == OrderPart.Status.CANCELLED:
            continue  # expired meanwhile: the operator refunds it from the dashboard
        part_states.take(part, "pay", by=part_states.PAYMENT)
        ledger.record_sale(part, method=LedgerEntry.Method.CARD, reference=intent_id)


# --- refunds (operator) ------------------------------------------------------------------------


@transaction.atomic
def refund(part, amount, *, user) -> CardRefund:
    """Refund (part of) one seller part of a card order; the seller's ledger gets a refund line.

    The part row is locked first, so two clicks on "refund" cannot refund twice.
    """
    part = OrderPart.objects.select_for_update().select_related("order").get(pk=part.pk)
    payment = CardPayment.objects.filter(order_id=part.order_id, status=CardPayment.Status.SUCCEEDED).first()
    if payment is None:
        raise ValidationError(_("Đơn này không thanh toán bằng thẻ, hoặc chưa thanh toán xong."))
    amount = Decimal(amount)
    if amount <= 0 or amount > ledger.refundable(part):
        raise ValidationError({"amount": _("Số tiền hoàn phải lớn hơn 0 và không quá số tiền thẻ còn lại.")})
    configure()
    try:
        stripe_refund = stripe.Refund.create(payment_intent=payment.payment_intent_id, amount=int(amount))
    except stripe.StripeError as error:
        logger.warning("refund of %s failed: %s", payment.payment_intent_id, error)
        raise ValidationError(
            _("Cổng thanh toán từ chối hoàn tiền: %(msg)s") % {"msg": error.user_message or ""}
        ) from error
    record = CardRefund.objects.create(
        card_payment=payment,
        part=part,
        amount=amount,
        stripe_refund_id=stripe_refund.id,
        status=stripe_refund.status or "",
        created_by=user,
    )
    ledger.record_refund(part, amount, reference=stripe_refund.id, user=user)
    if ledger.refundable(part) == 0:
        part = part_states.take(part, "refund", by=part_states.OPERATOR)
        if part_states.allowed(part, "cancel", by=part_states.OPERATOR):  # not yet on its way
            part_states.take(part, "cancel", by=part_states.OPERATOR, reason="refunded")
    return record


def expire_unpaid(now=None) -> int:
    """Card orders left waiting (3-D Secure never finished, capture failed) past the expiry time:
    the hold is released and the parts cancelled, their stock returned."""
    from .transfers import expiry_delay

    now = now or timezone.now()
    due = CardPayment.objects.filter(
        status__in=[
            CardPayment.Status.REQUIRES_ACTION,
            CardPayment.Status.AUTHORIZED,
            CardPayment.Status.FAILED,
        ],
        created_at__lte=now - expiry_delay(),
    )
    count = 0
    for payment in due:
        configure()
        try:
            status = stripe.PaymentIntent.retrieve(payment.payment_intent_id).status
        except stripe.StripeError:
            logger.exception("cannot check %s; trying again next run", payment.payment_intent_id)
            continue
        if status == "succeeded":  # paid after all (the webhook is late): record it, do not cancel
            with transaction.atomic():
                _succeeded(payment.payment_intent_id)
            continue
        cancel_intent(payment.payment_intent_id)
        with transaction.atomic():
            locked = CardPayment.objects.select_for_update().get(pk=payment.pk)
            if locked.status == CardPayment.Status.SUCCEEDED:
                continue
            locked.status = CardPayment.Status.CANCELLED
            locked.save(update_fields=["status"])
            for part in OrderPart.objects.filter(order_id=locked.order_id, payment_state="unpaid"):
                part_states.take(part, "cancel", by=part_states.PAYMENT, reason="payment_expired")
            count += 1
    return count
