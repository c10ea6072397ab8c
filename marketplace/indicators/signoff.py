"""Signing a commune's month (DHIS2's data approval, simply): the one state machine and the locks.

A commune's official (or a province official helping) **submits** an ended month: the
figures at the month's end as the snapshot holds them, with no open error and a note on every
open warning. A province official who did not submit it **returns** it with a reason, or
**approves** it — which locks it: the commune's snapshot cells of that month are no longer
recomputed (``services.take_snapshot`` keeps them), and a change to the records of a locked
month is kept as a ``LateCorrection`` ("điều chỉnh sau khi chốt"); it counts from the next
month, whose figures are computed from the records as they are. Every step is one conditional
UPDATE, so two decisions at once give one.

The province-level part of the figures (staff kept at province level) and a quarter, half-year
or year lock when every commune's month has been approved.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from marketplace.core.messaging import notify
from sellers import scope
from sellers.models import OfficialProfile

from . import periods, refresh, selectors, validation
from .definitions import COUNTER_FIELDS
from .locks import fully_locked_months, locks_on  # noqa: F401 - part of the sign-off's API
from .models import LateCorrection, SignOff, SignOffEvent, SnapshotCell

Status = SignOff.Status
NOT_SIGNED = None  # a month nobody has submitted yet has no row


@dataclass(frozen=True)
class Step:
    label: str
    from_status: frozenset
    to_status: str
    province_only: bool  # taken by a province official who did not submit


STEPS = {
    "submit": Step(gettext_lazy("gửi"), frozenset({NOT_SIGNED, Status.RETURNED}), Status.SUBMITTED, False),
    "return": Step(gettext_lazy("trả lại"), frozenset({Status.SUBMITTED}), Status.RETURNED, True),
    "approve": Step(gettext_lazy("duyệt"), frozenset({Status.SUBMITTED}), Status.APPROVED, True),
}


def allowed(user, name, commune, signoff) -> bool:
    """May ``user`` take step ``name`` on this commune's month as it is now? (for the buttons)"""
    step = STEPS[name]
    if (signoff.status if signoff else NOT_SIGNED) not in step.from_status:
        return False
    if step.province_only:
        return scope.may_decide_figures(user, signoff.submitted_by_id)
    return scope.covers_commune(user, commune.pk)


# --- what a month holds -------------------------------------------------------------------------


def commune_counters(commune_id, day) -> dict:
    """The commune's counters in the snapshot of ``day``: what is submitted and approved."""
    sums = SnapshotCell.objects.filter(date=day, commune_id=commune_id).aggregate(
        **{name: Sum(name, default=0) for name in COUNTER_FIELDS}
    )
    return {name: sums[name] for name in COUNTER_FIELDS}


def findings(commune, month: periods.Period) -> list:
    """The validation rules on the commune at the month's end (its snapshot)."""
    snapshot = selectors.SnapshotDay.objects.filter(date=month.end).first()
    if snapshot is None:
        return []
    filters = selectors.Filters(commune_id=commune.pk)
    return validation.check_on(snapshot, filters, selectors.load_targets())


def _require_fresh(month):
    """The snapshot of the month's end exists and no recomputation concerning it waits."""
    if not selectors.SnapshotDay.objects.filter(date=month.end).exists():
        from .services import take_snapshot

        take_snapshot(month.end)
    pending = refresh.pending_since()
    if pending is not None and pending <= month.end:
        raise ValidationError(
            _("Số liệu đang được cập nhật theo thay đổi mới nhất. Vui lòng thử lại sau ít phút.")
        )


# --- the steps ----------------------------------------------------------------------------------


def _event(signoff, action, by, text=""):
    SignOffEvent.objects.create(signoff=signoff, action=action, by=by, text=text)


@transaction.atomic
def submit(official, commune, month: periods.Period, note="") -> SignOff:
    """Submit the commune's ended month; refused with a message saying why it cannot be."""
    scope.require_commune(official, commune)
    if month.kind != periods.MONTH or not month.has_ended(timezone.localdate()):
        raise ValidationError(_("Chỉ gửi được số liệu của một tháng đã kết thúc."))
    _require_fresh(month)
    found = findings(commune, month)
    errors = [f for f in found if f.is_error]
    if errors:
        raise ValidationError(
            _("Còn %(n)s lỗi cần sửa trước khi gửi: %(first)s")
            % {"n": len(errors), "first": errors[0].message}
        )
    warnings = [f for f in found if not f.is_error]
    note = note.strip()
    if warnings and not note:
        raise ValidationError(_("Có điểm cần xem: hãy ghi chú giải thích trước khi gửi."))
    values = {
        "status": Status.SUBMITTED,
        "submitted_by": official,
        "submitted_at": timezone.now(),
        "figures": commune_counters(commune.pk, month.end),
        "warnings": [{"rule": f.rule, "message": str(f.message)} for f in warnings],
        "note": note,
        "decided_by": None,
        "decided_at": None,
        "reason": "",
    }
    existing = SignOff.objects.filter(commune=commune, month=month.start)
    if existing.filter(status=Status.RETURNED).update(**values) == 1:
        signoff = existing.get()
    else:
        if existing.exists():
            raise ValidationError(_("Tháng này đã được gửi."))
        try:
            with transaction.atomic():
                signoff = SignOff.objects.create(commune=commune, month=month.start, **values)
        except IntegrityError:
            raise ValidationError(_("Tháng này đã được gửi.")) from None
    _event(signoff, "submit", official, note)
    return signoff  # province officials see what waits on their dashboard, not one notice per commune


def _decide(official, signoff, name, **values):
    step = STEPS[name]
    if not scope.may_decide_figures(official, signoff.submitted_by_id):
        raise PermissionDenied(
            scope.OWN_FIGURES if scope.is_province_official(official) else scope.OUT_OF_SCOPE
        )
    values |= {"status": step.to_status, "decided_by": official, "decided_at": timezone.now()}
    taken = SignOff.objects.filter(pk=signoff.pk, status__in=step.from_status - {NOT_SIGNED}).update(**values)
    if taken != 1:
        current = SignOff.objects.get(pk=signoff.pk)
        raise ValidationError(
            _("Không thể %(action)s: tháng này đang ở trạng thái “%(status)s”.")
            % {"action": step.label, "status": current.get_status_display()}
        )
    return SignOff.objects.get(pk=signoff.pk)


@transaction.atomic
def return_to_commune(official, signoff, reason) -> SignOff:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do trả lại để xã biết cần sửa gì."))
    signoff = _decide(official, signoff, "return", reason=reason)
    _event(signoff, "return", official, reason)
    _tell_commune(signoff, _("Tỉnh trả lại số liệu %(month)s: %(reason)s"), reason=reason)
    return signoff


@transaction.atomic
def approve(official, signoff, note="") -> SignOff:
    """Approve (and so lock) the month as submitted; refused if the figures moved meanwhile."""
    month = periods.month_of(signoff.month)
    _require_fresh(month)
    if commune_counters(signoff.commune_id, month.end) != signoff.figures:
        raise ValidationError(
            _(
                "Số liệu của xã đã thay đổi sau khi gửi (có ghi nhận mới). "
                "Hãy trả lại để xã xem lại và gửi lại."
            )
        )
    signoff = _decide(official, signoff, "approve")
    _event(signoff, "approve", official, note.strip())
    _tell_commune(signoff, _("Tỉnh đã duyệt số liệu %(month)s: số liệu đã chốt."))
    return signoff


def _tell_commune(signoff, subject, **values):
    """The commune's officials hear of the decision (a province official who submitted for the
    commune decided to help and follows it on the page)."""
    month = periods.month_of(signoff.month)
    profiles = OfficialProfile.objects.filter(commune_id=signoff.commune_id).select_related("user")
    users = {p.user for p in profiles}
    with override("vi"):
        text = subject % {"month": month.label, **values}
        for user in users:
            notify(user, text[:200], text)


# --- locks --------------------------------------------------------------------------------------


def is_locked(period: periods.Period) -> bool:
    """A period is locked when its last month is approved for every commune."""
    return period.last_month.start in fully_locked_months()


def record_late_change(since, commune_id=None, by=None, what="") -> None:
    """A change concerning ``since`` onwards: listed against each locked month it reaches."""
    if not what:
        return
    approved = SignOff.objects.filter(status=Status.APPROVED, month__gte=since.replace(day=1))
    if commune_id is not None:
        months = approved.filter(commune_id=commune_id).values_list("month", flat=True)
        rows = [
            LateCorrection(commune_id=commune_id, month=m, day=since, what=what[:300], by=by) for m in months
        ]
    else:
        months = approved.values_list("month", flat=True).distinct()
        rows = [LateCorrection(month=m, day=since, what=what[:300], by=by) for m in set(months)]
    LateCorrection.objects.bulk_create(rows)


def late_corrections(period: periods.Period, commune_id=None):
    """Corrections to the locked months of ``period`` (the commune's and the several-commune ones)."""
    rows = LateCorrection.objects.filter(month__gte=period.start, month__lte=period.end)
    if commune_id is not None:
        rows = rows.filter(Q(commune_id=commune_id) | Q(commune__isnull=True))
    return rows.select_related("commune", "by")


def corrections_since_previous(month: periods.Period, commune_id=None):
    """What the month before ``month`` had corrected after locking: it counts in ``month``."""
    previous = periods.month_of(month.start - timedelta(days=1))
    return late_corrections(previous, commune_id)


# --- reading the state of months ----------------------------------------------------------------


def of_month(month: periods.Period):
    """{commune_id: SignOff} for one month."""
    return {s.commune_id: s for s in SignOff.objects.filter(month=month.start).select_related("submitted_by")}


def months_of_commune(commune_id, months):
    """{month start: SignOff} of one commune over ``months``."""
    starts = [m.start for m in months]
    return {s.month: s for s in SignOff.objects.filter(commune_id=commune_id, month__in=starts)}


def progress(months):
    """Per month: how many communes submitted, returned, approved (for the province's list)."""
    counts = {}
    rows = (
        SignOff.objects.filter(month__in=[m.start for m in months])
        .values("month", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts.setdefault(row["month"], {})[row["status"]] = row["n"]
    return counts
