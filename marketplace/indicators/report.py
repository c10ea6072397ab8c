"""What the dashboard, the printable report, the exports and the public page show: one builder.

Every figure comes from the snapshots through ``selectors``; this module only assembles them
(and draws the charts), so the dashboard and the Excel file cannot disagree.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from . import charts, disclosure, projection, selectors
from .definitions import INDICATORS, INTERIM_YEAR, PROJECTION_METHOD
from .selectors import Filters


@dataclass
class Report:
    day: date | None
    filters: Filters
    targets: selectors.Targets
    figures: list = field(default_factory=list)
    communes: list = field(default_factory=list)
    trend: list = field(default_factory=list)  # [(date, [Figure])]
    alert_points: int = 10
    gaps: dict = field(default_factory=dict)  # data-quality gaps of the snapshot, in scope
    taken_at: datetime | None = None  # when the snapshot was computed
    snapshot_gaps: dict = field(default_factory=dict)  # the snapshot's data-quality counts by commune

    @property
    def indicators(self):
        return INDICATORS

    @property
    def interim_year(self):
        return INTERIM_YEAR

    @property
    def bars_svg(self):
        return charts.bars(self.figures, self.day.year) if self.day else ""

    def trend_of(self, code):
        return [(d, next(f for f in figures if f.code == code)) for d, figures in self.trend]

    @property
    def trend_charts(self):
        by_code = {f.code: f for f in self.figures}
        return [
            (by_code[i.code], charts.trend(i.code, self.trend_of(i.code), self._trajectory(i.code)))
            for i in INDICATORS
        ]

    @property
    def projection_method(self):
        return PROJECTION_METHOD

    @cached_property
    def projections(self):
        """{code: Projection} from the monthly trend: "at this pace", labelled as a projection."""
        return {
            f.code: projection.project([(d, t.share) for d, t in self.trend_of(f.code)], f.target_2030)
            for f in self.figures
            if f.applicable
        }

    def _trajectory(self, code):
        return lambda day: self.targets.trajectory(code, day)

    @property
    def lagging_count(self):
        return sum(1 for row in self.communes if row.lagging_codes(self.alert_points))


def build(day, filters: Filters, *, months=24, communes=True, alert_points=10) -> Report:
    """The figures on the snapshot ``day`` (None: no snapshot yet), in a fixed number of queries."""
    targets = selectors.load_targets()
    report = Report(day=day, filters=filters, targets=targets, alert_points=alert_points)
    if day is None:
        return report
    report.figures = selectors.figures(day, filters, targets)
    if communes:
        report.communes = selectors.commune_rows(day, filters, targets)
    if months:
        report.trend = selectors.trend(selectors.trend_dates(day, months), filters, targets)
    return report


def sort_communes(rows, key: str, points: int):
    """Sort by commune name, by one indicator's share, or by how many indicators lag."""
    descending = key.startswith("-")
    key = key.lstrip("-")
    if key == "lagging":
        return sorted(rows, key=lambda r: (-len(r.lagging_codes(points)), r.commune.name))
    index = next((n for n, i in enumerate(INDICATORS) if i.code == key), None)
    if index is None:
        return rows
    present = [r for r in rows if r.figures[index].share is not None]
    missing = [r for r in rows if r.figures[index].share is None]
    present.sort(key=lambda r: r.figures[index].share, reverse=descending)
    return present + missing


@dataclass
class PublicFigure:
    """A figure as the public sees it: a count below 5 reads "<5", a count hidden so that no
    small one can be worked out reads "*", and the share built on a hidden count is hidden."""

    code: str
    num: str
    den: str
    share: object
    target: object


MARKERS = {disclosure.SMALL: "<5", disclosure.HIDDEN: "*"}


def public_table(province_figures, commune_rows):
    """The province's figures and each commune's, with small counts protected (disclosure.py)."""
    rows = [{f.code: f for f in row.figures} for row in commune_rows]
    columns, totals = {}, {}
    for f in province_figures:
        for part in ("num", "den"):
            totals[(f.code, part)] = getattr(f, part)
            columns[(f.code, part)] = [getattr(row[f.code], part) for row in rows]
    states, total_states = disclosure.protect_table(columns, totals)

    def public(f, num_state, den_state):
        num = MARKERS.get(num_state) or str(f.num)
        den = MARKERS.get(den_state) or str(f.den)
        hidden = num_state is not None or den_state is not None or not f.applicable
        return PublicFigure(f.code, num, den, None if hidden else f.share, f.target)

    province = [
        public(f, total_states[(f.code, "num")], total_states[(f.code, "den")]) for f in province_figures
    ]
    communes = [
        (
            commune_row.commune,
            [public(f, states[(f.code, "num")][i], states[(f.code, "den")][i]) for f in commune_row.figures],
        )
        for i, commune_row in enumerate(commune_rows)
    ]
    return province, communes
