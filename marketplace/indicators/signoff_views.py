"""Signing months and building review packs: the officials' pages around ``signoff.py``.

A commune official sees and submits their commune's months; a province official sees every
commune's, returns or approves them, and builds the review pack of a signed period.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.core.background import enqueue_after_commit
from sellers import scope
from sellers.models import Commune
from sellers.views.access import official_required

from . import periods, selectors, signoff, tasks
from .definitions import INDICATORS
from .models import ReviewPack, SignOff

FIRST_YEAR = 2026  # the plan's first year: months before it are not signed
MONTHS_SHOWN = 12


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Ghi chú giải thích các điểm cần xem"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do trả lại"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


def _months(today):
    return [
        p for p in periods.ended_periods(today, FIRST_YEAR, kinds=(periods.MONTH,)) if p.year >= FIRST_YEAR
    ][:MONTHS_SHOWN]


def _month_or_404(key):
    month = periods.parse(key)
    if month is None or month.kind != periods.MONTH:
        raise Http404
    return month


@official_required
def signoff_list(request):
    """The months to sign: one's own commune's, or for the province every commune's in a month."""
    profile = request.user.official_profile
    months = _months(timezone.localdate())
    if profile.commune_id is not None:
        states = signoff.months_of_commune(profile.commune_id, months)
        rows = [(m, states.get(m.start)) for m in months]
        context = {"commune": profile.commune, "rows": rows}
        return render(request, "indicators/signoff_commune.html", context)
    chosen = periods.parse(request.GET.get("month", "")) or (months[0] if months else None)
    if chosen is None or chosen.kind != periods.MONTH:
        chosen = months[0] if months else None
    states = signoff.of_month(chosen) if chosen else {}
    communes = [(c, states.get(c.pk)) for c in Commune.objects.order_by("name")]
    context = {
        "months": months,
        "chosen": chosen,
        "communes": communes,
        "counts": signoff.progress([chosen]).get(chosen.start, {}) if chosen else {},
        "commune_count": len(communes),
        "waiting": [c for c, s in communes if s and s.status == SignOff.Status.SUBMITTED],
    }
    return render(request, "indicators/signoff_province.html", context)


@official_required
def signoff_month(request, key, commune_id):
    """One commune's month: its figures, checks, history; submit, return or approve."""
    month = _month_or_404(key)
    commune = get_object_or_404(Commune, pk=commune_id)
    scope.require_commune(request.user, commune)
    current = (
        SignOff.objects.filter(commune=commune, month=month.start).select_related("submitted_by").first()
    )
    note_form, reason_form = NoteForm(), ReasonForm()
    if request.method == "POST":
        action = request.POST.get("action")
        note_form = NoteForm(request.POST) if action == "submit" else note_form
        reason_form = ReasonForm(request.POST) if action == "return" else reason_form
        try:
            if action == "submit" and note_form.is_valid():
                signoff.submit(request.user, commune, month, note_form.cleaned_data["note"])
                messages.success(request, _("Đã gửi số liệu %(month)s lên tỉnh.") % {"month": month.label})
                return redirect(request.path)
            if action == "return" and current and reason_form.is_valid():
                signoff.return_to_commune(request.user, current, reason_form.cleaned_data["reason"])
                messages.success(request, _("Đã trả lại cho xã."))
                return redirect(request.path)
            if action == "approve" and current:
                signoff.approve(request.user, current)
                messages.success(request, _("Đã duyệt: số liệu %(month)s đã chốt.") % {"month": month.label})
                return redirect(request.path)
            if action not in {"submit", "return", "approve"}:
                messages.error(request, _("Thao tác không hợp lệ."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            messages.error(request, str(error) or _("Bạn không có quyền thực hiện thao tác này."))
    context = _month_context(request.user, commune, month, current)
    context |= {"note_form": note_form, "reason_form": reason_form}
    return render(
        request, "indicators/signoff_month.html", context, status=400 if request.method == "POST" else 200
    )


def _month_context(user, commune, month, current):
    snapshot = selectors.SnapshotDay.objects.filter(date=month.end).first()
    targets = selectors.load_targets()
    filters = selectors.Filters(commune_id=commune.pk)
    figures = selectors.figures(month.end, filters, targets) if snapshot else []
    found = (
        signoff.findings(commune, month)
        if snapshot and (current is None or current.status == "returned")
        else []
    )
    return {
        "commune": commune,
        "month": month,
        "signoff": current,
        "events": current.events.select_related("by") if current else [],
        "figures": figures,
        "has_snapshot": snapshot is not None,
        "ended": month.has_ended(timezone.localdate()),
        "errors": [f for f in found if f.is_error],
        "warnings": [f for f in found if not f.is_error],
        "carried": signoff.corrections_since_previous(month, commune.pk),
        "corrections": signoff.late_corrections(month, commune.pk),
        "may_submit": signoff.allowed(user, "submit", commune, current),
        "may_decide": signoff.allowed(user, "approve", commune, current),
        "submitted_by_me": current is not None and current.submitted_by_id == user.pk,
    }


# --- review packs -------------------------------------------------------------------------------


def _province_only(request):
    if not scope.is_province_official(request.user):
        raise PermissionDenied


@official_required
def packs(request):
    """Ended periods (quarters, halves, years, months), whether they are signed, and their packs."""
    _province_only(request)
    today = timezone.localdate()
    if request.method == "POST":
        period = periods.parse(request.POST.get("period", ""))
        if period is None or not period.has_ended(today):
            messages.error(request, _("Kỳ báo cáo không hợp lệ."))
        elif not signoff.is_locked(period):
            messages.error(
                request, _("%(period)s chưa chốt: mọi xã phải được duyệt tháng cuối kỳ.") % {"period": period}
            )
        else:
            pack = ReviewPack.objects.create(period=period.key, requested_by=request.user)
            enqueue_after_commit(tasks.build_pack, pack.pk)
            return redirect("indicators:pack", pk=pack.pk)
    locked_months = signoff.fully_locked_months()
    shown = [
        p
        for p in periods.ended_periods(today, FIRST_YEAR, kinds=(periods.YEAR, periods.HALF, periods.QUARTER))
        if p.year >= FIRST_YEAR
    ]
    communes = Commune.objects.count()
    approved = signoff.progress([p.last_month for p in shown])
    rows = [
        (p, p.last_month.start in locked_months, approved.get(p.last_month.start, {}).get("approved", 0))
        for p in shown
    ]
    recent = ReviewPack.objects.filter(requested_by=request.user).order_by("-created_at")[:10]
    context = {"rows": rows, "commune_count": communes, "recent": recent, "indicators": INDICATORS}
    return render(request, "indicators/packs.html", context)


@official_required
def pack(request, pk):
    _province_only(request)
    job = get_object_or_404(ReviewPack, pk=pk)
    wanted = request.GET.get("file")
    if wanted in {"report", "appendix"} and job.status == ReviewPack.Status.DONE:
        file = getattr(job, wanted)
        return FileResponse(file.open("rb"), as_attachment=True, filename=file.name.rsplit("/", 1)[-1])
    return render(request, "indicators/pack.html", {"job": job, "period": periods.parse(job.period)})
