"""Card payment through Stripe: the marketplace collects for the whole order."""

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class

from ..services import cards
from .base import PaymentMethod

UnableToTakePayment = get_class("payment.exceptions", "UnableToTakePayment")


class StripeCard(PaymentMethod):
    code = "card"
    label = _("Thẻ ngân hàng quốc tế (Visa, Mastercard)")
    description = _("Trả ngay bằng thẻ; sàn giữ tiền và chuyển cho người bán.")
    preview_template = "payments/checkout/card_field.html"
    notification_providers = ("stripe",)
    takes_money_at_checkout = True

    def availability(self, basket):
        if not (settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY):
            return False, _("Thanh toán thẻ chưa được bật.")
        return True, ""

    def take_payment(self, view, order_number, total):
        payment_method = view.request.POST.get("payment_method", "").strip()
        try:
            intent = cards.authorise(
                amount=total.incl_tax, order_number=order_number, payment_method=payment_method
            )
        except (cards.CardDeclined, cards.CardUnavailable) as error:
            raise UnableToTakePayment(str(error)) from error
        view.card_intent = intent
        self.record_source(view, order_number, total, reference=intent.id)

    def order_placed(self, view, order):
        cards.record_for_order(order, view.card_intent)

    def order_not_placed(self, view):
        intent = getattr(view, "card_intent", None)
        if intent is not None:
            cards.cancel_intent(intent.id)

    def handle_notification(self, request, provider):
        try:
            event = cards.verify_event(request.body, request.headers.get("Stripe-Signature", ""))
        except ValueError:
            return JsonResponse({"error": "bad signature or body"}, status=400)
        try:
            cards.handle_event(event)
        except cards.NotYetKnown:
            return JsonResponse({"error": "unknown payment, retry later"}, status=409)  # Stripe retries
        return JsonResponse({"received": True})

    def refund(self, part, amount, *, user):
        return cards.refund(part, amount, user=user)
