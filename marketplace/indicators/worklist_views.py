"""The outreach worklist pages: on screen, printable on A4 for a village visit, and as Excel."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sellers.forms import OutreachNoteForm
from sellers.models import Commune, RegisterSubject
from sellers.register import services as register_services

from . import worklist

PER_PAGE = 50


def _labels():
    return {
        "sell": _("chưa bán trực tuyến"),
        "pay": _("chưa có tài khoản thanh toán điện tử"),
        "train": _("chưa tập huấn"),
    }


@login_required(login_url="sellers:login")
def worklist_page(request):
    who = worklist.viewer(request.user)
    missing = request.GET.get("missing", "")
    if missing not in worklist.MISSING:
        missing = ""
    village = request.GET.get("village", "").strip()[:80]
    commune_id = None
    if request.GET.get("commune", "").isdigit():
        commune_id = int(request.GET["commune"])
        if who.commune_id and commune_id != who.commune_id:
            raise PermissionDenied
    found = worklist.statuses(who)
    chosen = worklist.select(found, missing=missing, village=village, commune_id=commune_id)
    page = None
    if not (request.GET.get("format") == "xlsx" or request.GET.get("print")):
        # On screen a page at a time; print and Excel take the whole list in scope.
        page = Paginator(chosen, PER_PAGE).get_page(request.GET.get("page"))
        chosen = page.object_list
    rows = worklist.rows_of(chosen)
    labels = _labels()
    for row in rows:
        row.missing = [labels[key] for key in row.missing_keys]
        row.last_note = next(iter(row.notes.all()), None)
    if request.GET.get("format") == "xlsx":
        return _excel(rows)
    context = {
        "rows": rows,
        "page": page,
        "missing": missing,
        "village": village,
        "commune_id": commune_id,
        "who": who,
        "communes": Commune.objects.order_by("name") if who.commune_id is None else [],
        "progress": worklist.progress_by_commune(found),
        "helpers": worklist.helpers_progress(who),
        "note_form": OutreachNoteForm(),
        "today": timezone.localdate(),
        "query": request.GET.urlencode(),
    }
    template = "indicators/worklist_print.html" if request.GET.get("print") else "indicators/worklist.html"
    return render(request, template, context)


def _excel(rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Cần hỗ trợ")[:31]
    sheet.append(
        [
            _("Xã/phường"),
            _("Thôn/bản"),
            _("Chủ thể"),
            _("Người đại diện"),
            _("Điện thoại"),
            _("Còn thiếu"),
            _("Ghi chú gần nhất"),
        ]
    )
    for row in rows:
        note = f"{row.last_note.visited_on:%d/%m/%Y} {row.last_note.text}" if row.last_note else ""
        sheet.append(
            [row.commune.name, row.village, row.name, row.rep_name, row.phone, "; ".join(row.missing), note]
        )
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="can-ho-tro-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


@require_POST
@login_required(login_url="sellers:login")
def worklist_note(request, pk):
    """A follow-up note from the worklist, by an official or a village head of the subject's commune."""
    who = worklist.viewer(request.user)
    subject = get_object_or_404(RegisterSubject, pk=pk)
    if who.commune_id and subject.commune_id != who.commune_id:
        raise PermissionDenied
    form = OutreachNoteForm(request.POST)
    if form.is_valid():
        register_services.add_note(subject, author=request.user, **form.cleaned_data)
        messages.success(request, _("Đã ghi chú cho “%(name)s”.") % {"name": subject.name})
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("indicators:worklist")
