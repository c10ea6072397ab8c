"""Charts as hand-written SVG, drawn on the server: no JavaScript, no CDN, printable.

Sized in a 340-unit-wide viewBox so one unit is about one CSS pixel on a 360 px phone; the
SVG scales with its container. Colours come from CSS classes (``static/css/indicators.css``)
so the printed page can switch to black and white.
"""

from html import escape

from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH = 340


def _pct(value) -> str:
    return f"{number_format(value, 1)} %"


def _svg(height, title, body) -> str:
    label = escape(title)
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{label}" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'
        f"<title>{label}</title>{body}</svg>"
    )


def bars(figures, year) -> str:
    """Each indicator's share as a bar, with this year's target (solid tick) and 2030's (dashed)."""
    row, left, right = 46, 4, WIDTH - 4
    span = right - left
    parts = []
    for n, f in enumerate(figures):
        y = n * row
        parts.append(f'<text class="chart-label" x="{left}" y="{y + 14}">{escape(f.code)}</text>')
        if f.share is None:
            reason = _("không áp dụng") if not f.applicable else _("chưa có")
            parts.append(f'<text class="chart-muted" x="{left + 30}" y="{y + 14}">{escape(reason)}</text>')
        else:
            value = _pct(f.share)
            target = _("mục tiêu %(year)s: %(value)s") % {"year": year, "value": _pct(f.target)}
            parts.append(
                f'<text class="chart-value" x="{left + 30}" y="{y + 14}">{escape(value)}'
                f'<tspan class="chart-muted"> · {escape(target)}</tspan></text>'
            )
        parts.append(f'<rect class="chart-track" x="{left}" y="{y + 20}" width="{span}" height="14" rx="2"/>')
        if f.share is not None:
            width = span * float(min(f.share, 100)) / 100
            css = "chart-bar chart-bar--behind" if f.share < f.target else "chart-bar"
            parts.append(
                f'<rect class="{css}" x="{left}" y="{y + 20}" width="{width:.1f}" height="14" rx="2"/>'
            )
        targets = ((f.target, "chart-target"), (f.target_2030, "chart-final")) if f.applicable else ()
        for value, css in targets:
            x = left + span * float(min(value, 100)) / 100
            parts.append(f'<line class="{css}" x1="{x:.1f}" x2="{x:.1f}" y1="{y + 17}" y2="{y + 37}"/>')
    title = _("Các chỉ tiêu so với mục tiêu năm nay (vạch liền) và năm 2030 (vạch đứt)")
    return _svg(row * len(figures), title, "".join(parts))


def trend(code: str, points, trajectory) -> str:
    """Monthly share of one indicator (solid) against the target trajectory (dashed).

    ``points``: [(date, Figure)], ``trajectory``: function date -> Decimal.
    """
    height, left, right, top, bottom = 150, 30, WIDTH - 8, 10, 122
    title = _("%(code)s theo tháng, so với lộ trình mục tiêu") % {"code": code}
    parts = []
    for value in (0, 50, 100):
        y = bottom - (bottom - top) * value / 100
        parts.append(f'<line class="chart-grid" x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(
            f'<text class="chart-axis" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{value}</text>'
        )
    if not points:
        parts.append(
            f'<text class="chart-muted" x="{left + 8}" y="{bottom / 2:.0f}">{escape(_("chưa có"))}</text>'
        )
        return _svg(height, title, "".join(parts))
    step = (right - left) / max(len(points) - 1, 1)

    def xy(n, value):
        return left + n * step, bottom - (bottom - top) * float(min(value, 100)) / 100

    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(n, trajectory(d)) for n, (d, _f) in enumerate(points)))
    parts.append(f'<polyline class="chart-target-line" points="{path}"/>')
    actual = [(n, f.share) for n, (_d, f) in enumerate(points) if f.share is not None]
    if not actual:
        reason = _("không áp dụng") if not points[-1][1].applicable else _("chưa có")
        parts.append(f'<text class="chart-muted" x="{left + 8}" y="{top + 30}">{escape(reason)}</text>')
    else:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(n, v) for n, v in actual))
        parts.append(f'<polyline class="chart-line" points="{path}"/>')
        n, value = actual[-1]
        x, y = xy(n, value)
        parts.append(f'<circle class="chart-dot" cx="{x:.1f}" cy="{y:.1f}" r="3"/>')
        anchor = "end" if x > WIDTH / 2 else "start"
        parts.append(
            f'<text class="chart-value" x="{x:.1f}" y="{max(y - 7, 12):.1f}" text-anchor="{anchor}">'
            f"{escape(_pct(value))}</text>"
        )
    first, last = points[0][0], points[-1][0]
    parts.append(f'<text class="chart-axis" x="{left}" y="{height - 8}">{first:%m/%Y}</text>')
    parts.append(
        f'<text class="chart-axis" x="{right}" y="{height - 8}" text-anchor="end">{last:%m/%Y}</text>'
    )
    return _svg(height, title, "".join(parts))
