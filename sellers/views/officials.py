"""Officials verify sellers and certificates of their commune (province officials: all).

Opening a seller's file shows ethnic origin and citizen-ID digits, so every opening is
written to the audit log, as is every decision.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import forms, selectors, services
from ..models import OcopCertificate
from .access import official_required, posted

ACTION_LABELS = {
    "seller.view_personal_data": gettext_lazy("xem hồ sơ (dân tộc, CCCD)"),
    "seller.assist": gettext_lazy("đăng ký hộ"),
    "seller.approve": gettext_lazy("xác minh"),
    "seller.request_changes": gettext_lazy("yêu cầu bổ sung"),
    "seller.reject": gettext_lazy("từ chối"),
    "certificate.approve": gettext_lazy("xác minh chứng nhận"),
    "certificate.reject": gettext_lazy("không chấp nhận chứng nhận"),
}


@official_required
def queue(request):
    context = {
        "profile": request.user.official_profile,
        "sellers": selectors.review_queue(request.user),
        "certificates": selectors.certificate_queue(request.user),
    }
    return render(request, "sellers/officials/queue.html", context)


@official_required
def seller_detail(request, pk):
    seller = get_object_or_404(selectors.sellers_for_official(request.user), pk=pk)
    form = forms.DecisionForm(posted(request)[0])
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_registration(
                seller,
                official=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi quyết định cho “%(name)s”.") % {"name": seller.name})
            return redirect("officials:queue")
    services.log_personal_data_view(request.user, seller)
    log = list(seller.audit_log.select_related("actor")[:10])
    for entry in log:
        entry.label = ACTION_LABELS.get(entry.action, entry.action)
    context = {"seller": seller, "form": form, "log": log}
    return render(request, "sellers/officials/seller_detail.html", context)


@official_required
def certificate_detail(request, pk):
    sellers = selectors.sellers_for_official(request.user)
    certificate = get_object_or_404(OcopCertificate.objects.filter(seller__in=sellers), pk=pk)
    form = forms.CertificateDecisionForm(posted(request)[0])
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_certificate(
                certificate,
                official=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi quyết định về chứng nhận."))
            return redirect("officials:queue")
    context = {"certificate": certificate, "form": form}
    return render(request, "sellers/officials/certificate_detail.html", context)
