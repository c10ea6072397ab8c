"""The review pack of a signed period: a Word report in the shape of a provincial "báo cáo sơ
kết / tổng kết" (python-docx) and its Excel appendix (openpyxl), built by Celery.

Both read the period's last day through ``report.build`` — the figures the dashboard shows for
that day, which the sign-off has frozen — so the pack, the dashboard and the appendix cannot
disagree. The pack is for officials: it carries exact counts (the public page protects them).
"""

import io
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font
from PIL import Image, ImageDraw, ImageFont

from . import periods, report, signoff
from .definitions import INDICATORS, PROJECTION_METHOD
from .models import ReviewPack
from .selectors import LAGGING_MIN_DENOMINATOR, Filters

LAGGING_NAMED = 5  # communes named under each shortfall
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def percent_of_plan(share, target):
    """Achieved as a percent of the year's plan (None when there is no plan or no share)."""
    if share is None or not target:
        return None
    return (Decimal(100) * share / target).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _pct(value):
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def _projection_text(p):
    if p is None or not p.enough:
        return _("chưa đủ số liệu")
    if p.reached:
        return _("đã đạt mục tiêu 2030")
    if p.year:
        return _("đạt mục tiêu 2030 vào năm %(y)s") % {"y": p.year}
    return _("chưa đạt: khoảng %(h)s %% cuối năm 2030") % {"h": _pct(p.at_horizon)}


def lagging_communes(built, code):
    """Communes below the year's plan on ``code`` with enough entities to judge, lowest first."""
    index = next(n for n, i in enumerate(INDICATORS) if i.code == code)
    behind = [
        (row.commune, row.figures[index])
        for row in built.communes
        if row.figures[index].share is not None
        and row.figures[index].den >= LAGGING_MIN_DENOMINATOR
        and row.figures[index].share < row.figures[index].target
    ]
    return sorted(behind, key=lambda pair: (pair[1].share, pair[0].name))


def chart_png(figures, year) -> bytes:
    """Bars of each indicator's share with the year's plan marked. Labels are codes, numbers and
    "KH" (kế hoạch): Pillow's built-in font has no Vietnamese letters; the caption says the rest."""
    width, height, left, bottom, top = 1200, 580, 80, 70, 60
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=24)
    plot_h = height - bottom - top
    draw.line([(left, top), (left, height - bottom), (width - 20, height - bottom)], fill="black", width=2)
    for tick in (0, 25, 50, 75, 100):
        y = height - bottom - plot_h * tick / 100
        draw.line([(left - 6, y), (width - 20, y)], fill="#dddddd")
        draw.text((10, y - 12), f"{tick}%", fill="black", font=font)
    slot = (width - left - 40) / len(figures)
    for n, f in enumerate(figures):
        x0 = left + 20 + n * slot
        share = float(f.share or 0)
        y = height - bottom - plot_h * share / 100
        draw.rectangle([x0, y, x0 + slot * 0.6, height - bottom], fill="#2f6f4f")
        plan_y = height - bottom - plot_h * float(f.target) / 100
        draw.line([(x0 - 6, plan_y), (x0 + slot * 0.6 + 6, plan_y)], fill="#c0392b", width=4)
        draw.text((x0, height - bottom + 10), f.code, fill="black", font=font)
        label = "-" if f.share is None else f"{share:.1f}".replace(".", ",")
        draw.text((x0, max(y - 30, top)), label, fill="black", font=font)
    draw.line([(width - 230, 24), (width - 180, 24)], fill="#c0392b", width=4)
    draw.text((width - 170, 10), f"KH {year}", fill="#c0392b", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _table(doc, header, rows):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)
    return table


def build_report(period: periods.Period, built, corrections) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    head = doc.add_paragraph(_("ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN"))
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = doc.add_heading(str(period.review_title).upper(), level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(
        _("Kết quả thực hiện các chỉ tiêu chuyển đổi số, thương mại điện tử cho sản phẩm OCOP — %(period)s")
        % {"period": period.label}
    )
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(
        _("Số liệu đến hết ngày %(day)s, đã được tỉnh duyệt và chốt cho tất cả xã/phường.")
        % {"day": period.end.strftime("%d/%m/%Y")}
    )

    doc.add_heading(_("I. Kết quả thực hiện các chỉ tiêu"), level=1)
    year = period.end.year
    _table(
        doc,
        [
            _("Mã"),
            _("Chỉ tiêu"),
            _("Kế hoạch năm %(y)s (%%)") % {"y": year},
            _("Thực hiện (%)"),
            _("Tử số / mẫu số"),
            _("% kế hoạch"),
            _("Mục tiêu 2030 (%)"),
            _("Dự báo (theo tốc độ 12 tháng)"),
        ],
        [
            [
                f.code,
                f.indicator.name,
                _pct(f.target),
                _pct(f.share),
                f"{f.num}/{f.den}",
                _pct(percent_of_plan(f.share, f.target)),
                _pct(f.target_2030),
                _projection_text(built.projections.get(f.code)),
            ]
            for f in built.figures
        ],
    )
    doc.add_paragraph()
    doc.add_picture(io.BytesIO(chart_png(built.figures, year)), width=Cm(16))
    caption = _("Biểu đồ: cột là tỷ lệ thực hiện (%%); vạch đỏ (KH) là kế hoạch năm %(y)s.")
    doc.add_paragraph(caption % {"y": year})

    doc.add_heading(_("II. Kết quả theo xã/phường (%)"), level=1)
    _table(
        doc,
        [_("Xã/phường"), *[i.code for i in INDICATORS]],
        [[row.commune.name, *[_pct(f.share) for f in row.figures]] for row in built.communes],
    )

    doc.add_heading(_("III. Chỉ tiêu chưa đạt kế hoạch và các xã/phường chậm"), level=1)
    short = [f for f in built.figures if f.share is not None and f.share < f.target]
    if not short:
        doc.add_paragraph(_("Tất cả chỉ tiêu đạt kế hoạch năm."))
    for f in short:
        behind = lagging_communes(built, f.code)
        names = ", ".join(f"{c.name} ({_pct(x.share)} %)" for c, x in behind[:LAGGING_NAMED]) or _("không có")
        doc.add_paragraph(
            _(
                "%(code)s – %(name)s: đạt %(share)s %% so với kế hoạch %(plan)s %% (thiếu %(gap)s điểm). "
                "Các xã/phường chậm nhất: %(names)s."
            )
            % {
                "code": f.code,
                "name": f.indicator.name,
                "share": _pct(f.share),
                "plan": _pct(f.target),
                "gap": _pct(f.target - f.share),
                "names": names,
            },
            style="List Bullet",
        )

    doc.add_heading(_("IV. Điều chỉnh sau khi chốt"), level=1)
    if not corrections:
        doc.add_paragraph(_("Không có điều chỉnh nào sau khi chốt."))
    else:
        doc.add_paragraph(
            _("Các thay đổi hồ sơ sau khi chốt không làm đổi số liệu kỳ này; chúng được tính vào kỳ sau.")
        )
        _table(
            doc,
            [_("Tháng"), _("Xã/phường"), _("Nội dung"), _("Người thực hiện"), _("Thời điểm")],
            [
                [
                    c.month.strftime("%m/%Y"),
                    c.commune.name if c.commune else _("Nhiều xã"),
                    c.what,
                    str(c.by) if c.by else _("Hệ thống"),
                    timezone.localtime(c.at).strftime("%d/%m/%Y %H:%M"),
                ]
                for c in corrections
            ],
        )

    doc.add_heading(_("V. Định nghĩa các chỉ tiêu"), level=1)
    for i in INDICATORS:
        doc.add_paragraph(
            _("%(code)s – %(name)s. Tử số: %(num)s. Mẫu số: %(den)s.")
            % {"code": i.code, "name": i.name, "num": i.numerator, "den": i.denominator}
        )
    doc.add_paragraph(str(PROJECTION_METHOD))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


APPENDIX_HEADER = (
    gettext_lazy("Đơn vị"),
    gettext_lazy("Mã"),
    gettext_lazy("Chỉ tiêu"),
    gettext_lazy("Đơn vị tính"),
    gettext_lazy("Kế hoạch"),
    gettext_lazy("Thực hiện"),
    gettext_lazy("Tử số"),
    gettext_lazy("Mẫu số"),
    gettext_lazy("% kế hoạch"),
)


def build_appendix(period: periods.Period, built) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Phụ lục")
    ws.append(
        [
            _("Phụ lục: kết quả các chỉ tiêu — %(period)s (số liệu đến hết ngày %(day)s, đã chốt)")
            % {"period": period.label, "day": period.end.strftime("%d/%m/%Y")}
        ]
    )
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append([str(h) for h in APPENDIX_HEADER])
    for cell in ws[3]:
        cell.font = Font(bold=True)

    def rows(unit, figures):
        for f in figures:
            share = None if f.share is None else float(f.share)
            plan_pct = percent_of_plan(f.share, f.target)
            ws.append(
                [
                    unit,
                    f.code,
                    str(f.indicator.name),
                    "%",
                    float(f.target),
                    share,
                    f.num,
                    f.den,
                    None if plan_pct is None else float(plan_pct),
                ]
            )

    rows(_("Toàn tỉnh"), built.figures)
    for row in built.communes:
        rows(row.commune.name, row.figures)
    for letter, width in zip("ABCDEFGHI", (24, 6, 60, 10, 10, 10, 8, 8, 12), strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def run(pack_id: int) -> None:
    """Celery: build both files of a pack, with progress. Safe to run twice."""
    job = ReviewPack.objects.get(pk=pack_id)
    if job.status == ReviewPack.Status.DONE:
        return
    ReviewPack.objects.filter(pk=job.pk).update(status=ReviewPack.Status.RUNNING, progress=5)
    period = periods.parse(job.period)
    try:
        with override("vi"):
            built = report.build(period.end, Filters(), months=12)
            ReviewPack.objects.filter(pk=job.pk).update(progress=30)
            corrections = list(signoff.late_corrections(period))
            document = build_report(period, built, corrections)
            ReviewPack.objects.filter(pk=job.pk).update(progress=70)
            appendix = build_appendix(period, built)
    except Exception:
        ReviewPack.objects.filter(pk=job.pk).update(status=ReviewPack.Status.FAILED)
        raise
    job.refresh_from_db()
    job.report.save(f"bao-cao-{period.key}.docx", ContentFile(document), save=False)
    job.appendix.save(f"phu-luc-{period.key}.xlsx", ContentFile(appendix), save=False)
    job.status, job.progress = ReviewPack.Status.DONE, 100
    job.save(update_fields=["report", "appendix", "status", "progress"])
