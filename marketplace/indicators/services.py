"""Writing indicator data: snapshots, targets, monthly alerts."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from marketplace.core.messaging import notify
from sellers import scope
from sellers.models import OfficialProfile

from . import locks
from .definitions import BY_CODE, COUNTER_FIELDS, YEARS
from .models import AlertRun, SnapshotCell, SnapshotDay, SnapshotTotal, Target
from .selectors import (
    CELL_KEYS,
    Filters,
    commune_rows,
    compute_cells,
    data_quality_gaps_by_commune,
    gap_totals,
    load_targets,
    province_totals,
)


def alert_points() -> int:
    """How many points behind this year's trajectory make a commune "lagging"."""
    return settings.INDICATOR_ALERT_POINTS


@transaction.atomic
def take_snapshot(day) -> int:
    """Store the live counts of ``day`` (replacing an earlier snapshot of that day). Idempotent.

    The cells of communes whose month is signed (signoff.py) stay as they were approved; the
    province totals are summed again over what is stored.
    """
    locked, province_locked = locks.locks_on(day)
    frozen = Q(commune_id__in=locked) | (Q(commune__isnull=True) if province_locked else Q(pk__in=[]))
    cells = [
        c
        for c in compute_cells(day)
        if c["commune_id"] not in locked and (c["commune_id"] is not None or not province_locked)
    ]
    kept = list(SnapshotCell.objects.filter(frozen, date=day).values(*CELL_KEYS, *COUNTER_FIELDS))
    SnapshotCell.objects.filter(date=day).exclude(frozen).delete()
    SnapshotCell.objects.bulk_create([SnapshotCell(date=day, **cell) for cell in cells], batch_size=2000)
    SnapshotTotal.objects.filter(date=day).delete()
    SnapshotTotal.objects.bulk_create(
        [SnapshotTotal(date=day, **total) for total in province_totals(cells + kept)]
    )
    gaps = data_quality_gaps_by_commune(day)
    if locked:
        before = SnapshotDay.objects.filter(date=day).values_list("data_gaps", flat=True).first() or {}
        gaps = {k: v for k, v in gaps.items() if not k.isdigit() or int(k) not in locked}
        gaps |= {k: v for k, v in before.items() if k.isdigit() and int(k) in locked}
    SnapshotDay.objects.update_or_create(date=day, defaults={"taken_at": timezone.now(), "data_gaps": gaps})
    return len(cells)


def backfill(start, end, tick=lambda: None) -> int:
    """Snapshots for every day from ``start`` to ``end`` (inclusive), rebuilt from the records."""
    day, days = start, 0
    while day <= end:
        take_snapshot(day)
        tick()
        day += timedelta(days=1)
        days += 1
    return days


@transaction.atomic
def save_targets(official, values: dict) -> None:
    """``values``: {(code, year): Decimal or None}; None clears the year back to the default line."""
    if not scope.is_province_official(official):
        raise PermissionError("only province officials set targets")
    for (code, year), percent in values.items():
        if code not in BY_CODE or year not in YEARS:
            continue
        if percent is None:
            Target.objects.filter(indicator=code, year=year).delete()
        else:
            Target.objects.update_or_create(
                indicator=code,
                year=year,
                defaults={"percent": percent, "set_by": official, "set_at": timezone.now()},
            )


def run_monthly_alerts(today=None) -> AlertRun | None:
    """Flag communes behind this year's trajectory and tell their officials; once per month.

    Province officials receive the list of lagging communes and the data-quality gaps that
    distort the figures. Reads today's snapshot (taken first if missing).
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        run, created = AlertRun.objects.select_for_update().get_or_create(month=today.replace(day=1))
        if not created:
            return None
        if not SnapshotDay.objects.filter(date=today).exists():
            take_snapshot(today)
        points = alert_points()
        targets = load_targets()
        lagging = []
        for row in commune_rows(today, Filters(), targets):
            behind = [f for f in row.figures if f.lagging(points)]
            if behind:
                lagging.append((row.commune, behind))
        gaps = gap_totals(data_quality_gaps_by_commune(today))
        run.lagging = [
            {"commune": c.pk, "indicators": {f.code: [str(f.share), str(f.trajectory)] for f in behind}}
            for c, behind in lagging
        ]
        run.data_gaps = gaps
        run.save()
        _tell_officials(lagging, gaps, today, points)
    return run


def _tell_officials(lagging, gaps, today, points):
    profiles = OfficialProfile.objects.select_related("user", "commune")
    by_commune = {}
    province = []
    for profile in profiles:
        if profile.commune_id is None:
            province.append(profile.user)
        else:
            by_commune.setdefault(profile.commune_id, []).append(profile.user)
    with override("vi"):
        for commune, behind in lagging:
            lines = [
                _("%(code)s: %(share)s %% (lộ trình đến nay %(trajectory)s %%)")
                % {"code": f.code, "share": f.share, "trajectory": f.trajectory}
                for f in behind
            ]
            subject = _("Cảnh báo chỉ tiêu: %(commune)s chậm so với lộ trình") % {"commune": commune}
            body = _("Các chỉ tiêu thấp hơn lộ trình năm %(year)s quá %(points)s điểm:") % {
                "year": today.year,
                "points": points,
            }
            for user in by_commune.get(commune.pk, []):
                notify(user, subject, "\n".join([body, *lines]))
        if province:
            names = ", ".join(str(c) for c, _behind in lagging) or _("không có")
            body = "\n".join(
                [
                    _("Xã/phường chậm so với lộ trình: %(names)s") % {"names": names},
                    _("Người bán chưa khai dân tộc hoặc giới tính: %(n)s") % {"n": gaps["missing_profile"]},
                    _("Giấy chứng nhận OCOP hết hạn trong 60 ngày: %(n)s") % {"n": gaps["expiring"]},
                    _("Cửa hàng trên sàn khác chờ xác nhận quá 30 ngày: %(n)s") % {"n": gaps["stale_links"]},
                ]
            )
            subject = _("Chỉ tiêu tháng %(month)s: tổng hợp cảnh báo") % {"month": today.strftime("%m/%Y")}
            for user in province:
                notify(user, subject, body)
