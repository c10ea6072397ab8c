"""The operator's money pages beside Oscar's dashboard: payouts to sellers, card refunds."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from marketplace.checkout.payment_methods import get_method
from sellers.models import Seller

from .. import forms, selectors
from ..models import CardPayment
from ..services import ledger

Order = get_model("order", "Order")


@staff_member_required
def payouts(request):
    sellers = list(selectors.balances_to_pay().select_related("commune")[:200])
    context = {
        "rows": [
            (s, forms.PayoutForm(prefix=f"s{s.pk}", initial={"amount": int(s.balance)})) for s in sellers
        ]
    }
    return render(request, "payments/operator/payouts.html", context)


@require_POST
@staff_member_required
def payout(request, seller_pk):
    seller = get_object_or_404(Seller, pk=seller_pk)
    form = forms.PayoutForm(request.POST, prefix=f"s{seller.pk}")
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi số tiền và mã giao dịch chuyển tiền."))
        ledger.record_payout(
            seller,
            form.cleaned_data["amount"],
            bank_reference=form.cleaned_data["bank_reference"],
            user=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã ghi chuyển tiền cho %(name)s.") % {"name": seller.name})
    return redirect("operator_payments:payouts")


@staff_member_required
def refund(request, number):
    order = get_object_or_404(Order, number=number)
    payment = CardPayment.objects.filter(order=order).first()
    parts = list(order.parts.select_related("partner__seller"))
    for part in parts:
        part.refundable = ledger.refundable(part)
        part.label = f"{part.partner.seller.name} – {int(part.refundable):,} ₫".replace(",", ".")
    refundable_parts = [p for p in parts if p.refundable > 0]
    form = forms.RefundForm(request.POST or None, parts=refundable_parts)
    if request.method == "POST" and form.is_valid():
        part = next(p for p in refundable_parts if str(p.pk) == form.cleaned_data["part"])
        try:
            get_method("card").refund(part, form.cleaned_data["amount"], user=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã hoàn tiền cho đơn %(n)s.") % {"n": order.number})
            return redirect("operator_payments:refund", number=order.number)
    context = {"order": order, "payment": payment, "parts": parts, "form": form}
    return render(request, "payments/operator/refund.html", context)
