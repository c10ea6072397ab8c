"""VietQR bank transfer straight to each seller's verified bank account, one QR per seller part;
SePay and Casso tell us the money arrived."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from .. import bank_webhooks, selectors
from ..services import transfers
from .base import PaymentMethod

Partner = get_model("partner", "Partner")


class VietQRTransfer(PaymentMethod):
    code = "vietqr"
    label = gettext_lazy("Chuyển khoản ngân hàng (VietQR)")
    description = gettext_lazy(
        "Quét mã QR bằng ứng dụng ngân hàng, tiền vào thẳng tài khoản của từng người bán."
    )
    notification_providers = ("sepay", "casso")

    def _sellers(self, basket):
        partner_ids = {line.stockrecord.partner_id for line in basket.all_lines()}
        return list(
            Partner.objects.filter(pk__in=partner_ids)
            .select_related("seller")
            .values_list("seller__pk", "seller__name")
        )

    def availability(self, basket):
        sellers = self._sellers(basket)
        ready = selectors.sellers_with_vietqr([pk for pk, _name in sellers])
        missing = sorted(name for pk, name in sellers if pk not in ready)
        if not sellers:
            return False, ""
        if missing:
            return False, _("%(names)s chưa có tài khoản ngân hàng được xác minh để nhận chuyển khoản.") % {
                "names": ", ".join(missing)
            }
        return True, ""

    def order_placed(self, view, order):
        for part in order.parts.select_related("partner__seller"):
            account = selectors.verified_bank_account(part.partner.seller)
            transfers.expect_payment(part, account)

    def handle_notification(self, request, provider):
        try:
            if provider == "sepay":
                notes = [bank_webhooks.sepay(request.body, request.headers.get("Authorization", ""))]
            else:
                notes = bank_webhooks.casso(request.body, request.headers.get("X-Casso-Signature", ""))
        except bank_webhooks.Rejected as error:
            return JsonResponse({"success": False, "error": str(error)}, status=error.status)
        for note in notes:
            transfers.record_notification(note)
        return JsonResponse({"success": True})  # both services retry anything else
