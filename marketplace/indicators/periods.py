"""Reporting periods: the month a commune signs, and the quarter, half-year and year the
province reports (its report rules: monthly figures, quarterly and six-monthly "sơ kết",
a yearly "tổng kết").

The indicators are shares *as of* a day, so a period's figures are those at its last day:
a quarter reports what its last month reports. A period is written ``2026-11`` (month),
``2026-Q4``, ``2026-H1`` or ``2026`` in URLs and forms.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

MONTH, QUARTER, HALF, YEAR = "month", "quarter", "half", "year"
_LENGTH = {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str
    number: int  # the month (1–12), quarter (1–4), half (1–2); 1 for a year

    @property
    def start(self) -> date:
        return date(self.year, (self.number - 1) * _LENGTH[self.kind] + 1, 1)

    @property
    def end(self) -> date:
        """The period's last day: its figures are the figures at the end of this day."""
        last_month = self.number * _LENGTH[self.kind]
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def last_month(self) -> "Period":
        return month_of(self.end)

    def months(self) -> list["Period"]:
        first = self.start.month
        return [Period(self.year, MONTH, m) for m in range(first, first + _LENGTH[self.kind])]

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def has_ended(self, today: date) -> bool:
        return today > self.end

    @property
    def key(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == HALF:
            return f"{self.year}-H{self.number}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return _("Tháng %(m)s/%(y)s") % {"m": f"{self.number:02d}", "y": self.year}
        if self.kind == QUARTER:
            return _("Quý %(q)s/%(y)s") % {"q": _ROMAN[self.number], "y": self.year}
        if self.kind == HALF:
            if self.number == 1:
                return _("6 tháng đầu năm %(y)s") % {"y": self.year}
            return _("6 tháng cuối năm %(y)s") % {"y": self.year}
        return _("Năm %(y)s") % {"y": self.year}

    @property
    def review_title(self) -> str:
        """A year is closed by a "tổng kết", the shorter periods by a "sơ kết"."""
        if self.kind == YEAR:
            return _("Báo cáo tổng kết")
        return _("Báo cáo sơ kết")

    def __str__(self):
        return str(self.label)


def month_of(day: date) -> Period:
    return Period(day.year, MONTH, day.month)


def last_ended_month(today: date) -> Period:
    return month_of(today.replace(day=1) - timedelta(days=1))


_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{2})$"), MONTH, 12),
    (re.compile(r"^(\d{4})-Q(\d)$"), QUARTER, 4),
    (re.compile(r"^(\d{4})-H(\d)$"), HALF, 2),
]


def parse(text: str) -> Period | None:
    """A period from its key (None for anything else: the caller answers 404 or a form error)."""
    text = (text or "").strip().upper()
    if re.fullmatch(r"\d{4}", text):
        return Period(int(text), YEAR, 1) if 2000 <= int(text) <= 2100 else None
    for pattern, kind, highest in _PATTERNS:
        match = pattern.match(text)
        if match:
            year, number = int(match.group(1)), int(match.group(2))
            if 2000 <= year <= 2100 and 1 <= number <= highest:
                return Period(year, kind, number)
    return None


def ended_periods(today: date, first_year: int, kinds=(QUARTER, HALF, YEAR, MONTH)) -> list[Period]:
    """Every period of ``kinds`` that has ended, from ``first_year`` on, latest first."""
    found = []
    for year in range(first_year, today.year + 1):
        for kind in kinds:
            for number in range(1, 12 // _LENGTH[kind] + 1):
                period = Period(year, kind, number)
                if period.has_ended(today):
                    found.append(period)
    return sorted(found, key=lambda p: (p.end, _LENGTH[p.kind]), reverse=True)
