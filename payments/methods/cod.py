"""Cash on delivery: the part is confirmed at once; delivered means the cash is in (the sale is
written to the seller's ledger as collected by the seller, see payments.receivers)."""

from django.utils.translation import gettext_lazy as _

from .base import PaymentMethod


class CashOnDelivery(PaymentMethod):
    code = "cod"
    label = _("Thanh toán khi nhận hàng (COD)")
    description = _("Trả tiền mặt cho người giao hàng khi nhận từng kiện.")
