"""Payment methods the buyer can choose at checkout.

Cash on delivery now; VietQR and card (Stripe) are added by registering more classes in
METHODS (the payments issue). A method may raise Oscar's RedirectRequired or
UnableToTakePayment from take_payment, which the checkout already handles.
"""

from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")


class CashOnDelivery:
    code = "cod"
    label = _("Thanh toán khi nhận hàng (COD)")
    description = _("Trả tiền mặt cho người giao hàng khi nhận từng kiện.")

    def is_available(self, basket):
        return True

    def take_payment(self, view, order_number, total):
        """Nothing is taken now: record the source so each seller part is collected on delivery."""
        source_type, _created = SourceType.objects.get_or_create(
            code=self.code, defaults={"name": "Thanh toán khi nhận hàng (COD)"}
        )
        view.add_payment_source(
            Source(source_type=source_type, currency=total.currency, reference=order_number)
        )


METHODS = {method.code: method for method in (CashOnDelivery(),)}


def method_choices(basket):
    return [(m.code, m.label) for m in METHODS.values() if m.is_available(basket)]


def get_method(code):
    return METHODS.get(code)
