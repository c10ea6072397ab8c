"""Officials' training pages: registries, in-person sessions, attendance and sheet imports.

Permissions are checked in the services from the signed-in official (commune officials: their
commune only); these views only turn PermissionDenied into 403 and ValidationError into form errors.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sellers.views.access import official_required

from .. import selectors, services
from ..forms import AffairsStaffForm, AttendeeForm, SessionForm, SheetForm, VillageHeadForm
from ..models import AffairsStaff, AttendanceImport, TrainingSession, VillageHead
from ..registry_import import RegistryImportError, import_registry


def _posted(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _sessions_for(official):
    sessions = TrainingSession.objects.select_related("commune").annotate(attendee_count=Count("attendees"))
    commune = official.official_profile.commune
    return sessions.filter(commune=commune) if commune is not None else sessions


@official_required
def overview(request):
    official = request.user
    context = {
        "profile": official.official_profile,
        "village_head_count": selectors.village_heads_for(official).count(),
        "staff_count": selectors.staff_for(official).count(),
        "sessions": _sessions_for(official)[:30],
    }
    return render(request, "cms/training/officials/overview.html", context)


@official_required
def village_heads(request):
    rows = selectors.village_heads_for(request.user).annotate(courses=Count("completions"))
    return render(
        request,
        "cms/training/officials/registry.html",
        {"rows": rows, "kind": "village_heads", "title": _("Trưởng bản, người có uy tín")},
    )


@official_required
def staff_list(request):
    rows = selectors.staff_for(request.user).annotate(courses=Count("completions"))
    return render(
        request,
        "cms/training/officials/registry.html",
        {"rows": rows, "kind": "staff", "title": _("Cán bộ làm công tác dân tộc")},
    )


def _registry_form(request, pk, model, form_class, back, title):
    instance = get_object_or_404(model.objects.for_official(request.user), pk=pk) if pk else None
    data, files = _posted(request)
    form = form_class(data, instance=instance, official=request.user)
    if data is not None and form.is_valid():
        try:
            services.save_registry_entry(request.user, form.instance)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Đã lưu %(name)s.") % {"name": form.instance.name})
            return redirect(back)
    context = {"form": form, "title": title, "back": back, "form_name": "registry-entry"}
    return render(request, "cms/training/officials/form.html", context)


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _registry_import(request, kind, back, title):
    form = SheetForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        sheet = form.cleaned_data["sheet"]
        if sheet.size > services.MAX_SHEET_BYTES:
            form.add_error("sheet", _("Tệp quá lớn (tối đa 5 MB)."))
        else:
            try:
                count = import_registry(request.user, kind, sheet.name, sheet.read())
            except RegistryImportError as error:
                errors = error.errors
            else:
                messages.success(request, _("Đã lưu %(n)s người từ tệp.") % {"n": count})
                return redirect(back)
    context = {"form": form, "title": title, "back": back, "multipart": True, "errors": errors, "kind": kind}
    context["form_name"] = "registry-import"
    return render(request, "cms/training/officials/form.html", context)


@official_required
def village_heads_import(request):
    return _registry_import(
        request, "village_heads", "training:village-heads", _("Nhập trưởng bản, người có uy tín từ tệp")
    )


@official_required
def staff_import(request):
    return _registry_import(request, "staff", "training:staff", _("Nhập cán bộ từ tệp"))


@official_required
def village_head_form(request, pk=None):
    title = _("Sửa trưởng bản / người có uy tín") if pk else _("Thêm trưởng bản / người có uy tín")
    return _registry_form(request, pk, VillageHead, VillageHeadForm, "training:village-heads", title)


@official_required
def staff_form(request, pk=None):
    title = _("Sửa cán bộ") if pk else _("Thêm cán bộ làm công tác dân tộc")
    return _registry_form(request, pk, AffairsStaff, AffairsStaffForm, "training:staff", title)


@official_required
def session_new(request):
    data, _files = _posted(request)
    form = SessionForm(data, official=request.user)
    if data is not None and form.is_valid():
        try:
            session = services.record_session(request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("training:session", pk=session.pk)
    return render(
        request,
        "cms/training/officials/form.html",
        {
            "form": form,
            "title": _("Ghi nhận lớp học trực tiếp"),
            "back": "training:officials",
            "form_name": "session-new",
        },
    )


def _session_for(request, pk):
    session = get_object_or_404(TrainingSession.objects.select_related("commune", "course"), pk=pk)
    services.require_session_access(request.user, session)  # 403 for another commune's session
    return session


@official_required
def session_detail(request, pk):
    session = _session_for(request, pk)
    form = AttendeeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            completion, created = services.record_attendee(request.user, session, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if created:
                messages.success(request, _("Đã ghi nhận %(name)s.") % {"name": completion.learner_name})
            else:
                messages.info(
                    request,
                    _("%(name)s đã hoàn thành khoá học này từ trước.") % {"name": completion.learner_name},
                )
            return redirect("training:session", pk=session.pk)
    return render(
        request,
        "cms/training/officials/session.html",
        {
            "session": session,
            "form": form,
            "sheet_form": SheetForm(),
            "attendance": session.attendees.select_related("village_head", "completion")[:500],
            "attendance_count": session.attendees.count(),
            "imports": session.imports.defer("content")[:5],
        },
    )


@official_required
def session_import(request, pk):
    session = _session_for(request, pk)
    form = SheetForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.start_attendance_import(request.user, session, form.cleaned_data["sheet"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("training:import", pk=job.pk)
    return render(
        request,
        "cms/training/officials/form.html",
        {
            "form": form,
            "title": _("Nhập danh sách từ tệp"),
            "back": "training:officials",
            "multipart": True,
            "form_name": "attendance-import",
        },
    )


def _job_for(request, pk):
    job = get_object_or_404(AttendanceImport.objects.defer("content").select_related("session"), pk=pk)
    services.require_session_access(request.user, job.session)
    return job


@official_required
def import_status(request, pk):
    job = _job_for(request, pk)
    return render(request, "cms/training/officials/import.html", {"job": job, "session": job.session})


@official_required
def import_progress(request, pk):
    job = _job_for(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_display": job.get_status_display(),
            "percent": job.percent,
            "processed": job.processed_rows,
            "total": job.total_rows,
            "created": job.created_count,
            "skipped": job.skipped_count,
            "errors": job.errors[:200],
            "error_count": len(job.errors),
            "finished": job.finished,
        }
    )
