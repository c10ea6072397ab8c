"""Officials verify sellers and certificates of their commune (province officials: all).

Opening a seller's file shows ethnic origin and citizen-ID digits, so every opening is
written to the audit log, as is every decision.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import forms, scope, selectors, services
from ..models import Seller
from .access import official_required, posted

ACTION_LABELS = {
    "seller.view_personal_data": gettext_lazy("xem hồ sơ (dân tộc, CCCD)"),
    "seller.assist": gettext_lazy("đăng ký hộ"),
    "seller.approve": gettext_lazy("xác minh"),
    "seller.request_changes": gettext_lazy("yêu cầu bổ sung"),
    "seller.reject": gettext_lazy("từ chối"),
    "certificate.approve": gettext_lazy("xác minh chứng nhận"),
    "certificate.reject": gettext_lazy("không chấp nhận chứng nhận"),
    "external_link.confirm": gettext_lazy("xác nhận cửa hàng trên sàn khác"),
    "external_link.reject": gettext_lazy("không chấp nhận cửa hàng trên sàn khác"),
}


@official_required
def queue(request):
    context = {
        "profile": request.user.official_profile,
        "sellers": selectors.review_queue(request.user),
        "certificates": selectors.certificate_queue(request.user),
        "links": selectors.external_link_queue(request.user),
    }
    return render(request, "sellers/officials/queue.html", context)


def _decided(request, form, decide, done):
    """Apply a posted decision form with ``decide(decision, reason)``; True once it is saved.

    A refused decision (a rule broken) shows on the form, which the page then draws again.
    """
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        decide(form.cleaned_data["decision"], form.cleaned_data["reason"])
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, done)
    return True


@official_required
def seller_detail(request, pk):
    seller = get_object_or_404(selectors.sellers_for_official(request.user), pk=pk)
    form = forms.DecisionForm(posted(request)[0])

    def decide(decision, reason):
        services.decide_registration(seller, official=request.user, decision=decision, reason=reason)

    done = _("Đã ghi quyết định cho “%(name)s”.") % {"name": seller.name}
    if _decided(request, form, decide, done):
        return redirect("officials:queue")
    services.log_personal_data_view(request.user, seller)
    log = selectors.recent_audit_log(seller)
    for entry in log:
        entry.label = ACTION_LABELS.get(entry.action, entry.action)
    context = {
        "seller": seller,
        "form": form,
        "can_decide": seller.status == Seller.Status.SUBMITTED and scope.may_decide(request.user, seller),
        "own_file": scope.is_own_file(request.user, seller),
        "log": log,
        "links": selectors.external_link_queue(request.user, seller=seller),
        # The confirming official is shown for each link: one join, not a query per link.
        "confirmed_links": selectors.confirmed_links_of(seller),
    }
    return render(request, "sellers/officials/seller_detail.html", context)


@official_required
def certificate_detail(request, pk):
    certificate = get_object_or_404(selectors.certificates_for_official(request.user), pk=pk)
    form = forms.CertificateDecisionForm(posted(request)[0])

    def decide(decision, reason):
        services.decide_certificate(
            certificate, official=request.user, approve=decision == "approve", reason=reason
        )

    if _decided(request, form, decide, _("Đã ghi quyết định về chứng nhận.")):
        return redirect("officials:queue")
    context = {
        "certificate": certificate,
        "form": form,
        "can_decide": (
            certificate.reviewed_at is None and scope.may_decide(request.user, certificate.seller)
        ),
    }
    return render(request, "sellers/officials/certificate_detail.html", context)


@require_POST
@official_required
def external_link_decision(request, pk, decision):
    """Confirm (counts for I1) or reject a seller's shop on another platform, from the queue or file."""
    if decision not in {"confirm", "reject"}:
        raise Http404
    link = get_object_or_404(selectors.external_links_for_official(request.user), pk=pk)
    form = forms.LinkDecisionForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.decide_external_link(
            link, official=request.user, confirm=decision == "confirm", reason=reason
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if decision == "confirm":
            done = _("Đã xác nhận cửa hàng của “%(name)s”.")
        else:
            done = _("Đã ghi: không chấp nhận đường dẫn của “%(name)s”.")
        messages.success(request, done % {"name": link.seller.name})
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("officials:queue")
