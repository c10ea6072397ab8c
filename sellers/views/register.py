"""Officials and the province's OCOP register: import a published sheet, confirm matches, follow up.

Province officials import (upload → preview → "Nhập" → progress); commune officials open their
commune's subjects, confirm a suggested seller, unlink, and write follow-up notes. Opening a
subject shows its representative's ethnic group and sex, so each opening is audit-logged.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import forms, scope
from ..models import RegisterImport, RegisterSubject, Seller
from ..register import matching, selectors
from ..register import services as register
from .access import official_required, posted

MAX_UPLOAD = 10 * 1024 * 1024


@official_required
def home(request):
    form = forms.RegisterUploadForm(*posted(request))
    province = scope.is_province_official(request.user)
    if request.method == "POST":
        if not province:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            job = register.preview_sheet(filename=upload.name, content=upload.read(), official=request.user)
            return redirect("officials:register-import", job.pk)
    subjects = selectors.subjects_for_official(request.user).select_related("commune", "seller")
    query = request.GET.get("q", "").strip()
    if query:
        subjects = subjects.filter(name__icontains=query)
    context = {
        "form": form if province else None,
        "imports": selectors.imports() if province else [],
        "claims": selectors.unmatched_with_claims(request.user),
        "subjects": subjects[:200],
        "query": query,
        "counts": {
            "all": selectors.subjects_for_official(request.user).count(),
            "matched": selectors.subjects_for_official(request.user).filter(seller__isnull=False).count(),
        },
    }
    return render(request, "sellers/officials/register_home.html", context)


@official_required
def import_detail(request, pk):
    if not scope.is_province_official(request.user):
        raise PermissionDenied
    job = get_object_or_404(RegisterImport.objects.defer("content"), pk=pk)
    if request.method == "POST":
        try:
            register.start_import(job, official=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("officials:register-import", job.pk)
    running = job.status in {RegisterImport.Status.QUEUED, RegisterImport.Status.RUNNING}
    return render(request, "sellers/officials/register_import.html", {"job": job, "running": running})


@official_required
def subject_detail(request, pk):
    try:
        subject = selectors.subject_detail(request.user, pk)
    except RegisterSubject.DoesNotExist:
        if RegisterSubject.objects.filter(pk=pk).exists():
            raise PermissionDenied(scope.OUT_OF_SCOPE) from None
        raise Http404 from None
    register.log_subject_view(request.user, subject)
    context = {
        "subject": subject,
        "suggestions": [] if subject.seller_id else matching.suggestions(subject),
        "may_unlink": subject.seller_id and scope.may_decide(request.user, subject.seller),
        "note_form": forms.OutreachNoteForm(),
        "unlink_form": forms.ReasonForm(),
        "log": selectors.subject_log(subject),
    }
    return render(request, "sellers/officials/register_subject.html", context)


def _subject_in_scope(user, pk):
    subject = get_object_or_404(RegisterSubject, pk=pk)
    if not scope.covers_commune(user, subject.commune_id):
        raise PermissionDenied(scope.OUT_OF_SCOPE)
    return subject


@require_POST
@official_required
def match(request, pk, seller_pk):
    subject = _subject_in_scope(request.user, pk)
    seller = get_object_or_404(Seller, pk=seller_pk)
    try:
        register.confirm_match(subject, seller, official=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Đã ghép “%(subject)s” với người bán “%(seller)s”.")
            % {"subject": subject.name, "seller": seller.name},
        )
    return redirect("officials:register-subject", subject.pk)


@require_POST
@official_required
def unlink(request, pk):
    subject = _subject_in_scope(request.user, pk)
    form = forms.ReasonForm(request.POST)
    try:
        register.unlink(subject, official=request.user, reason=form.data.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã bỏ ghép."))
    return redirect("officials:register-subject", subject.pk)


@require_POST
@official_required
def note(request, pk):
    subject = _subject_in_scope(request.user, pk)
    form = forms.OutreachNoteForm(request.POST)
    if form.is_valid():
        register.add_note(subject, author=request.user, **form.cleaned_data)
        messages.success(request, _("Đã ghi chú."))
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("officials:register-subject", subject.pk)
