"""Officials' payment queue: sellers' e-payment accounts to verify (indicator I2), transfers to
review, and waiting transfers to confirm by hand. Scoped to the official's commune."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sellers.views.access import official_required

from .. import forms, selectors
from ..models import EPaymentAccount
from ..services import accounts as account_services
from .seller import confirm_payment, resolve


@official_required
def queue(request):
    pending = list(selectors.pending_vietqr_payments(official=request.user)[:100])
    review = list(selectors.transfers_to_review(official=request.user)[:100])
    context = {
        "profile": request.user.official_profile,
        "accounts": selectors.accounts_to_verify(request.user),
        "pending": [(p, forms.ConfirmTransferForm(prefix=f"p{p.pk}")) for p in pending],
        "review": [(t, forms.ResolveTransferForm(prefix=f"t{t.pk}", payments=pending)) for t in review],
    }
    return render(request, "payments/officials/queue.html", context)


@require_POST
@official_required
def account_decision(request, pk):
    account = get_object_or_404(EPaymentAccount.objects.for_commune_official(request.user), pk=pk)
    form = forms.AccountDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Quyết định không hợp lệ."))
        if form.cleaned_data["decision"] == "verify":
            account_services.verify_by_official(account, official=request.user)
            messages.success(request, _("Đã xác minh %(account)s.") % {"account": account})
        else:
            account_services.refuse_by_official(
                account, official=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Đã báo người bán: %(account)s không đúng.") % {"account": account})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("official_payments:queue")


@require_POST
@official_required
def payment_confirm(request, pk):
    payment = get_object_or_404(selectors.pending_vietqr_payments(official=request.user), pk=pk)
    return confirm_payment(request, payment, "official_payments:queue")


@require_POST
@official_required
def transfer_resolve(request, pk):
    transfer = get_object_or_404(selectors.transfers_to_review(official=request.user), pk=pk)
    pending = list(selectors.pending_vietqr_payments(official=request.user))
    return resolve(request, transfer, pending, "official_payments:queue")
