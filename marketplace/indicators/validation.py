"""Validation rules: what in the figures or the records looks wrong, who must act, and where.

Each rule reads the snapshot the dashboard shows (its figures and the data-quality counts the
nightly snapshot stores), so checking costs no more than showing. An *error* is something that
cannot be true or must be handled (a numerator above the count it is part of, a registration
waiting for a decision for over a month); a *warning* is worth a look (a share that fell
sharply since last month, a commune with OCOP entities and no one trained, sellers without
ethnic group or sex, which the breakdowns cannot place).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

ERROR, WARNING = "error", "warning"
COMMUNE_OFFICIAL = _("Cán bộ xã")
PROVINCE_OFFICIAL = _("Cán bộ tỉnh")


@dataclass(frozen=True)
class Finding:
    rule: str
    level: str
    message: str
    who: str
    link: str
    commune: object = None  # None: the province as a whole

    @property
    def is_error(self):
        return self.level == ERROR


def drop_points() -> int:
    """How many points a share may fall in a month before it is flagged."""
    return settings.INDICATOR_DROP_POINTS


def check_on(snapshot, filters, targets, rows=None) -> list[Finding]:
    """The rules on a stored snapshot (``rows``: its commune rows, if already read), against the
    end of the month before."""
    from . import selectors

    if rows is None:
        rows = selectors.commune_rows(snapshot.date, filters, targets)
    previous = selectors.latest_snapshot(snapshot.date.replace(day=1) - timedelta(days=1))
    before = selectors.commune_rows(previous.date, filters, targets) if previous else []
    return check(rows, before, snapshot.data_gaps)


def check(rows, previous_rows, gaps_by_commune) -> list[Finding]:
    """Findings for the communes of ``rows`` (selectors.CommuneRow), errors first.

    ``previous_rows``: the same communes a month earlier (empty: no earlier snapshot);
    ``gaps_by_commune``: the snapshot's data-quality counts per commune id.
    """
    before = {row.commune.pk: {f.code: f for f in row.figures} for row in previous_rows}
    findings = []
    for row in rows:
        figures = {f.code: f for f in row.figures}
        commune = row.commune
        findings += _part_above_whole(commune, figures)
        findings += _sharp_drops(commune, figures, before.get(commune.pk, {}))
        findings += _untrained(commune, figures)
        findings += _record_gaps(commune, gaps_by_commune.get(str(commune.pk), {}))
    return sorted(findings, key=lambda f: (not f.is_error, f.commune.name if f.commune else "", f.rule))


def _part_above_whole(commune, figures):
    i2, i3 = figures["I2"], figures["I3"]
    if i2.num <= i3.num:
        return []
    return [
        Finding(
            "i2_above_i3",
            ERROR,
            _(
                "I2: %(n)s hộ DTTS có điểm bán và tài khoản thanh toán, nhiều hơn %(m)s hộ DTTS là chủ "
                "thể OCOP (I3): dữ liệu danh sách OCOP hoặc ghép tài khoản bị sai."
            )
            % {"n": i2.num, "m": i3.num},
            PROVINCE_OFFICIAL,
            reverse("officials:register"),
            commune,
        )
    ]


def _sharp_drops(commune, figures, before):
    points = drop_points()
    found = []
    for code, figure in figures.items():
        earlier = before.get(code)
        if figure.share is None or earlier is None or earlier.share is None:
            continue
        fall = earlier.share - figure.share
        if fall > points:
            found.append(
                Finding(
                    f"drop_{code}",
                    WARNING,
                    _("%(code)s giảm %(d)s điểm so với tháng trước (%(a)s %% → %(b)s %%): xem lại hồ sơ.")
                    % {
                        "code": code,
                        "d": earlier.share - figure.share,
                        "a": earlier.share,
                        "b": figure.share,
                    },
                    COMMUNE_OFFICIAL,
                    reverse("indicators:worklist") + f"?commune={commune.pk}",
                    commune,
                )
            )
    return found


def _n(value):
    return number_format(value, 1)


def _untrained(commune, figures):
    i4 = figures["I4"]
    if i4.den == 0 or i4.num > 0:
        return []
    return [
        Finding(
            "no_training",
            WARNING,
            _("Có %(n)s cơ sở cần tập huấn nhưng chưa có ghi nhận tập huấn nào.") % {"n": i4.den},
            COMMUNE_OFFICIAL,
            reverse("training:officials"),
            commune,
        )
    ]


def _record_gaps(commune, gaps):
    found = []
    if gaps.get("stuck_registrations"):
        found.append(
            Finding(
                "stuck_registrations",
                ERROR,
                _("%(n)s hồ sơ đăng ký người bán chờ xác minh quá 30 ngày.")
                % {"n": gaps["stuck_registrations"]},
                COMMUNE_OFFICIAL,
                reverse("officials:queue"),
                commune,
            )
        )
    if gaps.get("missing_profile"):
        found.append(
            Finding(
                "missing_profile",
                WARNING,
                _("%(n)s người bán chưa khai dân tộc hoặc giới tính: không xếp được vào số liệu theo nhóm.")
                % {"n": gaps["missing_profile"]},
                COMMUNE_OFFICIAL,
                reverse("officials:queue"),
                commune,
            )
        )
    return found
