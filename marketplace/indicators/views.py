"""Officials' dashboard, targets, exports and printable report; the public progress page.

Scope is decided on the server from the official's profile (sellers' own rule: a commune
official sees their commune, a province official all): asking for another commune is 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.background import enqueue_after_commit
from sellers import scope
from sellers.models import Commune
from sellers.views.access import official_required

from . import exports, periods, refresh, report, selectors, services, signoff, tasks, validation
from .forms import FilterForm, TargetsForm
from .models import ExportJob


def _province_only(request):
    if not scope.is_province_official(request.user):
        raise PermissionDenied


def _scope(request, form):
    """The filters an official may see: another commune than one's own is refused (403)."""
    own = request.user.official_profile.commune_id
    requested = request.GET.get("commune")
    if own is not None and requested and requested != str(own):
        raise PermissionDenied
    return form.filters(commune_id=own)


def _snapshot(form):
    """The snapshot to show: the asked date's, or the latest before it (None: no snapshot yet)."""
    asked = form.cleaned_data.get("date") if form.is_valid() else None
    return selectors.latest_snapshot(asked or timezone.localdate())


def _day(form):
    snapshot = _snapshot(form)
    return snapshot.date if snapshot else None


def _report(request, months=24):
    form = FilterForm(request.GET or None, commune_fixed=request.user.official_profile.commune_id)
    filters = _scope(request, form)
    snapshot = _snapshot(form)
    day = snapshot.date if snapshot else None
    built = report.build(day, filters, months=months, alert_points=services.alert_points())
    built.gaps = selectors.gap_totals(snapshot.data_gaps if snapshot else {}, filters.commune_id)
    built.taken_at = snapshot.taken_at if snapshot else None
    built.snapshot_gaps = snapshot.data_gaps if snapshot else {}
    return form, built


@official_required
def dashboard(request):
    form, built = _report(request)
    sort = request.GET.get("sort", "")
    built.communes = report.sort_communes(built.communes, sort, built.alert_points)
    profile = request.user.official_profile
    context = {
        "form": form,
        "report": built,
        "profile": profile,
        "is_province": profile.commune_id is None,
        "sort": sort,
        "query": built.filters.query(),
        "gaps": built.gaps,
        "freshness": _freshness(built),
        "findings": _findings(built),
        "signing": _signing(profile, built.day),
        "today": timezone.localdate(),
    }
    return render(request, "indicators/dashboard.html", context)


def _signing(profile, day):
    """Whether the month shown is signed: the commune's month, or how many communes signed it."""
    if day is None:
        return None
    month = periods.month_of(day)
    states = signoff.of_month(month)
    if profile.commune_id is not None:
        state = states.get(profile.commune_id)
        return {"month": month, "state": state, "locked": state is not None and state.status == "approved"}
    approved = sum(1 for s in states.values() if s.status == "approved")
    communes = Commune.objects.count()
    return {
        "month": month,
        "approved": approved,
        "communes": communes,
        "locked": communes and approved >= communes,
    }


def _findings(built):
    """The validation rules on the communes in scope (validation.py), against last month."""
    if built.day is None:
        return []
    snapshot = selectors.latest_snapshot(built.day)
    return validation.check_on(snapshot, built.filters, built.targets, rows=built.communes)


def _freshness(built):
    """When the figures shown were computed, and whether a recomputation for them is waiting."""
    if built.day is None:
        return None
    pending = refresh.pending_since()
    return {"taken_at": built.taken_at, "updating": pending is not None and pending <= built.day}


@official_required
def printable_report(request):
    months = request.GET.get("months", "")
    form, built = _report(request, months=min(int(months), 72) if months.isdigit() else 24)
    context = {
        "form": form,
        "report": built,
        "profile": request.user.official_profile,
        "printed_at": timezone.now(),
    }
    return render(request, "indicators/report.html", context)


@official_required
def export(request):
    form = FilterForm(request.GET or None, commune_fixed=request.user.official_profile.commune_id)
    filters = _scope(request, form)
    day = _day(form)
    if day is None:
        messages.error(request, _("Chưa có số liệu để xuất."))
        return redirect("indicators:dashboard")
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    months = request.GET.get("months", "")
    months = min(int(months), 72) if months.isdigit() and int(months) > 0 else exports.SYNC_MONTHS
    if months <= exports.SYNC_MONTHS:
        name, content_type, content = exports.build(day, filters, months, fmt)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    job = ExportJob.objects.create(
        requested_by=request.user,
        params={
            "date": day.isoformat(),
            "months": months,
            "format": fmt,
            "filters": {
                "commune_id": filters.commune_id,
                "ethnic_group_id": filters.ethnic_group_id,
                "entity_type": filters.entity_type,
                "sex": filters.sex,
            },
        },
    )
    enqueue_after_commit(tasks.build_export, job.pk)
    return redirect("indicators:export-job", pk=job.pk)


@official_required
def export_job(request, pk):
    job = get_object_or_404(ExportJob, pk=pk, requested_by=request.user)
    if request.GET.get("download") and job.status == ExportJob.Status.DONE:
        return FileResponse(
            job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1]
        )
    return render(request, "indicators/export_job.html", {"job": job})


@official_required
def targets(request):
    _province_only(request)
    current = selectors.load_targets()
    form = TargetsForm(request.POST or None, targets=current)
    if request.method == "POST" and form.is_valid():
        services.save_targets(request.user, form.values())
        messages.success(request, _("Đã lưu mục tiêu."))
        return redirect("indicators:targets")
    return render(request, "indicators/targets.html", {"form": form})


def public(request):
    """Province figures and the commune table for everyone; small counts protected."""
    day = selectors.latest_snapshot_on_or_before(timezone.localdate())
    built = report.build(day, selectors.Filters(), months=0)
    province, communes = report.public_table(built.figures, built.communes)
    context = {"report": built, "province": province, "communes": communes}
    return render(request, "indicators/public.html", context)
