"""The dashboard's figures as an Excel workbook (openpyxl) or CSV, built from the same Report.

Small ranges are built in the request; long histories (more than ``SYNC_MONTHS`` months) go
to Celery as an ``ExportJob`` whose progress the official's page shows.
"""

import csv
import io
from datetime import date

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from sellers.models import EthnicGroup, Seller

from . import report as report_module
from . import selectors
from .definitions import INDICATORS
from .models import ExportJob
from .selectors import Filters

SYNC_MONTHS = 24  # the dashboard's own trend: built in the request
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)


def _number(value):
    return None if value is None else float(value)


def filters_text(filters: Filters) -> str:
    parts = []
    if filters.commune_id:
        parts.append(str(selectors.Commune.objects.get(pk=filters.commune_id)))
    if filters.ethnic_group_id:
        parts.append(str(EthnicGroup.objects.get(pk=filters.ethnic_group_id)))
    if filters.entity_type:
        parts.append(str(Seller.EntityType(filters.entity_type).label))
    if filters.sex:
        parts.append(str(Seller.Sex(filters.sex).label))
    return ", ".join(parts) or _("Toàn tỉnh, mọi đối tượng")


def _sheet_title(ws, title, report, scope):
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([_("Ngày số liệu"), report.day.isoformat()])
    ws.append([_("Phạm vi"), scope])
    ws.append([])


def _widths(ws, widths):
    for n, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width


def _header(ws, cells):
    ws.append(cells)
    for cell in ws[ws.max_row]:
        cell.font = BOLD


def _figure_row(label, f):
    return [label, f.num, f.den, _number(f.share), _number(f.target), _number(f.target_2030)]


def workbook(report, breakdowns, progress=lambda pct: None) -> bytes:
    """Definitions sheet, one sheet per indicator (figure, months, breakdowns), the commune table."""
    scope = filters_text(report.filters)
    book = Workbook()
    ws = book.active
    ws.title = _("Định nghĩa")
    _sheet_title(ws, _("Chỉ tiêu chuyển đổi số 2026–2030 – Chợ OCOP Điện Biên"), report, scope)
    _header(ws, [_("Mã"), _("Chỉ tiêu"), _("Tử số"), _("Mẫu số"), _("Mục tiêu 2030 (%)"), _("Lưu ý")])
    for i in INDICATORS:
        ws.append(
            [
                i.code,
                str(i.name),
                str(i.numerator),
                str(i.denominator),
                float(i.target_2030),
                str(i.approximation),
            ]
        )
    _widths(ws, [8, 50, 60, 50, 16, 60])
    by_code = {f.code: f for f in report.figures}
    columns = [
        _("Phạm vi"),
        _("Tử số"),
        _("Mẫu số"),
        _("Tỷ lệ (%)"),
        _("Mục tiêu năm (%)"),
        _("Mục tiêu 2030 (%)"),
    ]
    for n, i in enumerate(INDICATORS, start=1):
        ws = book.create_sheet(i.code)
        _sheet_title(ws, f"{i.code}. {i.name}", report, scope)
        _header(ws, columns)
        ws.append(_figure_row(scope, by_code[i.code]))
        ws.append([])
        _header(ws, [_("Tháng"), _("Tử số"), _("Mẫu số"), _("Tỷ lệ (%)"), _("Lộ trình (%)")])
        for day, f in report.trend_of(i.code):
            ws.append([day.isoformat(), f.num, f.den, _number(f.share), _number(f.trajectory)])
        for title, rows in breakdowns:
            ws.append([])
            _header(ws, [title, *columns[1:]])
            for label, figures in rows:
                ws.append(_figure_row(label, figures[n - 1]))
        _widths(ws, [34, 12, 12, 12, 16, 16])
        progress(10 + 80 * n // len(INDICATORS))
    ws = book.create_sheet(_("Bảng xã"))
    _sheet_title(ws, _("Bảng theo xã/phường"), report, scope)
    head = [_("Xã/phường")]
    for i in INDICATORS:
        head += [
            f"{i.code} {_('tử số')}",
            f"{i.code} {_('mẫu số')}",
            f"{i.code} (%)",
            f"{i.code} {_('chênh lệch')}",
        ]
    _header(ws, head)
    for row in report.communes:
        cells = [row.commune.name]
        for f in row.figures:
            cells += [f.num, f.den, _number(f.share), _number(f.gap)]
        ws.append(cells)
    _widths(ws, [22] + [10] * (4 * len(INDICATORS)))
    out = io.BytesIO()
    book.save(out)
    progress(100)
    return out.getvalue()


def csv_text(report) -> str:
    """Long format: one line per scope (province, then each commune) and indicator."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["scope", "date", "indicator", "numerator", "denominator", "share", "target", "target_2030"]
    )
    scope = filters_text(report.filters)
    rows = [(scope, report.figures)] + [(r.commune.name, r.figures) for r in report.communes]
    for name, figures in rows:
        for f in figures:
            writer.writerow(
                [
                    name,
                    report.day,
                    f.code,
                    f.num,
                    f.den,
                    "" if f.share is None else f.share,
                    f.target,
                    f.target_2030,
                ]
            )
    return out.getvalue()


def breakdown_tables(report):
    """Per ethnic group, entity type and sex: three grouped queries."""
    groups = dict(EthnicGroup.objects.values_list("pk", "name"))
    types = dict(Seller.EntityType.choices)
    sexes = dict(Seller.Sex.choices)
    tables = []
    for title, dim, names in (
        (_("Dân tộc"), "ethnic_group_id", groups),
        (_("Loại hình"), "entity_type", types),
        (_("Giới tính"), "sex", sexes),
    ):
        rows = selectors.breakdown(report.day, report.filters, dim, report.targets)
        tables.append(
            (title, [(str(names.get(key, _("chưa khai"))), figures) for key, figures in rows if key])
        )
    return tables


def filename(report, extension):
    return f"chi-tieu-ocop-{report.day.isoformat()}.{extension}"


def build(day, filters, months, fmt, progress=lambda pct: None):
    """(file name, content type, bytes) for an export; the same Report the dashboard shows."""
    with override("vi"):
        report = report_module.build(day, filters, months=months)
        progress(5)
        if fmt == "csv":
            return filename(report, "csv"), "text/csv; charset=utf-8", csv_text(report).encode("utf-8-sig")
        return filename(report, "xlsx"), XLSX, workbook(report, breakdown_tables(report), progress)


def run_export_job(job_id: int) -> None:
    """Celery: build the file, saving progress as it goes. Safe to run twice."""
    job = ExportJob.objects.get(pk=job_id)
    if job.status == ExportJob.Status.DONE:
        return
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, progress=1)

    def progress(pct):
        ExportJob.objects.filter(pk=job.pk).update(progress=pct)

    params = job.params
    try:
        name, _type, content = build(
            date.fromisoformat(params["date"]),
            Filters(**params["filters"]),
            params["months"],
            params["format"],
            progress,
        )
    except Exception:
        ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED)
        raise
    job.refresh_from_db()
    job.file.save(name, ContentFile(content), save=False)
    job.status = ExportJob.Status.DONE
    job.progress = 100
    job.save(update_fields=["file", "status", "progress"])
