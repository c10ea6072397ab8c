"""At this pace: each indicator's trend of the last 12 months carried to 2030, as a projection.

The method is deliberately simple and explained to officials (definitions.PROJECTION_METHOD):
an ordinary least-squares line through the month-end shares of the last 12 months (at least
``MIN_MONTHS`` of them with a denominator), time in years. The year the line reaches the 2030
target is "at this pace"; the band comes from the slope's standard error (the line turned
about the mean point by ±2 standard errors), so a noisy history gives a wide band. A share
cannot pass 100 % or fall below 0 %. It is a projection, never a figure: pages label it so.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from math import sqrt

MONTHS = 12
MIN_MONTHS = 4
HORIZON = date(2030, 12, 31)
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Projection:
    enough: bool  # enough history to project at all
    months: int = 0
    per_year: Decimal | None = None  # points of share gained per year on the line
    reached: bool = False  # the target is already met
    year: int | None = None  # year the line reaches the target (None: not by 2030)
    year_early: int | None = None  # with the steeper line of the band
    year_late: int | None = None  # with the flatter one (None: not by 2030)
    at_horizon: Decimal | None = None  # share on the line at the end of 2030
    at_horizon_low: Decimal | None = None
    at_horizon_high: Decimal | None = None

    @property
    def on_track(self) -> bool:
        return self.reached or self.year is not None


def _round(value: float) -> Decimal:
    return Decimal(str(min(max(value, 0.0), 100.0))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _years(day: date, origin: date) -> float:
    return (day - origin).days / DAYS_PER_YEAR


def _year_reached(intercept, slope, target, origin):
    """The calendar year the line ``intercept + slope·t`` reaches ``target`` (None: not by 2030)."""
    if slope <= 0:
        return None
    t = (target - intercept) / slope
    if t > _years(HORIZON, origin):
        return None
    return date.fromordinal(origin.toordinal() + max(0, round(t * DAYS_PER_YEAR))).year


def project(points, target) -> Projection:
    """``points``: [(month-end date, share in % or None)], oldest first; ``target``: the 2030 %."""
    series = [(day, float(share)) for day, share in points if share is not None][-MONTHS:]
    if len(series) < MIN_MONTHS:
        return Projection(enough=False, months=len(series))
    target = float(target)
    origin = series[0][0]
    xs = [_years(day, origin) for day, _share in series]
    ys = [share for _day, share in series]
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = mean_y - slope * mean_x
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    spread = 2 * sqrt(residual / (n - 2) / sxx) if n > 2 else 0.0
    horizon = _years(HORIZON, origin)

    def line(s):  # the line through the mean point with slope ``s``
        return mean_y - s * mean_x, s

    steep, flat = line(slope + spread), line(slope - spread)
    return Projection(
        enough=True,
        months=n,
        per_year=Decimal(str(slope)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
        reached=ys[-1] >= target,
        year=_year_reached(intercept, slope, target, origin),
        year_early=_year_reached(*steep, target, origin),
        year_late=_year_reached(*flat, target, origin),
        at_horizon=_round(intercept + slope * horizon),
        at_horizon_low=_round(flat[0] + flat[1] * horizon),
        at_horizon_high=_round(steep[0] + steep[1] * horizon),
    )
