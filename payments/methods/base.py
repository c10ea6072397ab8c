"""The one interface every payment method implements.

The checkout (the shop) calls, in order: ``availability`` (payment-method page),
``take_payment`` (before the order is written; may raise Oscar's UnableToTakePayment with a
message for the buyer), ``order_placed`` (same transaction, after the order and its seller
parts exist) or ``order_not_placed`` (the order could not be written). Webhooks reach
``handle_notification``; the operator's refunds reach ``refund``.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
UnableToTakePayment = get_class("payment.exceptions", "UnableToTakePayment")


class PaymentMethod:
    code = ""
    label = ""
    description = ""
    # Extra fields on the preview page, inside the place-order form (e.g. the card field).
    preview_template = None
    # Providers whose webhooks this method handles: /payments/webhooks/<provider>/.
    notification_providers = ()
    # Amount allocated (taken) at placement: cards are, cash and transfers are not.
    takes_money_at_checkout = False

    def availability(self, basket) -> tuple[bool, str]:
        """(available, reason shown to the buyer when not)."""
        return True, ""

    def is_available(self, basket) -> bool:
        return self.availability(basket)[0]

    def take_payment(self, view, order_number, total):
        ok, reason = self.availability(view.request.basket)
        if not ok:
            raise UnableToTakePayment(reason)
        self.record_source(view, order_number, total)

    def record_source(self, view, order_number, total, reference=""):
        source_type, _created = SourceType.objects.get_or_create(
            code=self.code, defaults={"name": str(self.label)}
        )
        view.add_payment_source(
            Source(
                source_type=source_type,
                currency=total.currency,
                amount_allocated=total.incl_tax if self.takes_money_at_checkout else 0,
                reference=reference or order_number,
            )
        )

    def order_placed(self, view, order):
        """The order and its seller parts exist (same transaction)."""

    def order_not_placed(self, view):
        """take_payment succeeded but the order could not be written: undo what it did."""

    def handle_notification(self, request, provider):
        raise Http404

    def refund(self, part, amount, *, user):
        raise ValidationError(_("Hình thức thanh toán này không hoàn tiền qua sàn."))
