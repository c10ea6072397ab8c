"""Reading the indicators: live from the records (for snapshots) and from the snapshots (for pages).

``compute_cells(day)`` counts every indicator's numerator and denominator as of the end of
``day`` in a handful of grouped queries (one per population: sellers, village heads, staff),
one row per breakdown cell. ``take_snapshot`` stores exactly those rows, and every page and
export reads them back with grouped SUMs (``figures``, ``commune_rows``, ``trend``,
``breakdown``), so the dashboard costs a fixed number of queries whatever the province's size.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, Exists, F, OuterRef, Q, Sum, Value, When
from django.utils import timezone

from cms.selectors import (
    registered_staff,
    registered_village_heads,
    trained_seller_ids,
    trained_staff_ids,
    trained_village_head_ids,
)
from marketplace.catalogue.selectors import listable_products
from payments.selectors import verified_epayment_seller_ids
from sellers.models import (
    KINH_CODE,
    Commune,
    EthnicGroup,
    ExternalShopLink,
    RegisterRating,
    RegisterSubject,
    Seller,
)
from sellers.register import selectors as register_selectors
from sellers.selectors import confirmed_external_listing

from .definitions import BASELINE_YEAR, BY_CODE, COUNTER_FIELDS, FINAL_YEAR, INDICATORS, YEARS
from .models import SnapshotCell, SnapshotDay, SnapshotTotal, Target

CELL_KEYS = ("commune_id", "ethnic_group_id", "entity_type", "sex")
# A share over fewer entities than this is too noisy to call a commune "lagging" (1 of 2 is 50 %).
LAGGING_MIN_DENOMINATOR = 3


def end_of(day: date) -> datetime:
    """The first instant after ``day`` in the site's time zone: "as of D" means before this."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


# --- live computation from the records ----------------------------------------------------------


def _register_rows(day: date):
    """I1–I4 and coverage over the register's subjects, with what their matched seller does here.

    The register is the population (DESIGN §3): a subject counts whether or not it has an
    account; its breakdown (commune, representative's group and sex, type) is the register's.
    """
    end = end_of(day)
    seller_verified = Q(seller__status=Seller.Status.VERIFIED, seller__verified_at__lt=end)
    live_listing = listable_products().filter(seller_id=OuterRef("seller_id"), date_created__lt=end)
    ocop = Q(ocop=True)
    em_area = Q(commune__is_em_area=True)
    em_household = Q(kind__in=RegisterSubject.HOUSEHOLDS, rep_ethnic_group__isnull=False) & ~Q(
        rep_ethnic_group__code=KINH_CODE
    )
    active_shop = seller_verified & Q(listed=True)
    in_register = Q(in_register=True) & em_area
    counters = {
        "i1_num": ocop & em_area & (active_shop | Q(external=True)),
        "i1_den": ocop & em_area,
        "i2_num": ocop & em_household & active_shop & Q(seller_id__in=verified_epayment_seller_ids(day)),
        "i2_den": ocop & em_household,
        "i3_num": ocop & em_household,
        "i3_den": ocop,
        "i4_num": in_register & Q(seller_id__in=trained_seller_ids(day)),
        "i4_den": in_register,
        "cov_num": ocop & Q(seller__isnull=False),
        "cov_den": ocop,
    }
    households = [When(kind__in=RegisterSubject.HOUSEHOLDS, then=Value(Seller.EntityType.HOUSEHOLD))]
    return (
        RegisterSubject.objects.alias(
            ocop=register_selectors.valid_rating(day),
            in_register=register_selectors.on_register(day),
            listed=Exists(live_listing),
            external=confirmed_external_listing(day, seller_ref="seller_id"),
        )
        .annotate(entity_type=Case(*households, default=F("kind")))
        .values("commune_id", "rep_ethnic_group_id", "entity_type", "rep_sex")
        .annotate(**{name: Count("pk", filter=condition) for name, condition in counters.items()})
        .order_by()
    )


def _seller_rows(day: date):
    """I4 for verified sellers the register does not hold (each producer once), and I7."""
    end = end_of(day)
    em_area = Q(commune__is_em_area=True)
    verified = Q(status=Seller.Status.VERIFIED, verified_at__lt=end)
    on_register = RegisterSubject.objects.filter(register_selectors.on_register(day))
    off_register = ~Q(in_register=True)
    # A procedure is handled when it is decided: verified or rejected (sent back is still open).
    decided_at = Q(status__in=Seller.DECIDED, decided_at__lt=end)
    counters = {
        "i4_den": em_area & verified & off_register,
        "i4_num": em_area & verified & off_register & Q(pk__in=trained_seller_ids(day)),
        "i7_num": decided_at & Q(submitted_online=True, decided_online=True),
        "i7_den": decided_at,
    }
    return (
        Seller.objects.alias(in_register=Exists(on_register.filter(seller_id=OuterRef("pk"))))
        .values("commune_id", "rep_ethnic_group_id", "entity_type", "rep_sex")
        .annotate(**{name: Count("pk", filter=condition) for name, condition in counters.items()})
        .order_by()
    )


def _village_head_rows(day: date):
    trained = trained_village_head_ids(day)
    return (
        registered_village_heads(day)
        .values("commune_id", "ethnic_group_id", "sex")
        .annotate(i5_den=Count("pk"), i5_num=Count("pk", filter=Q(pk__in=trained)))
        .order_by()
    )


def _staff_rows(day: date):
    trained = trained_staff_ids(day)
    return (
        registered_staff(day)
        .values("commune_id", "sex")
        .annotate(i6_den=Count("pk"), i6_num=Count("pk", filter=Q(pk__in=trained)))
        .order_by()
    )


def compute_cells(day: date) -> list[dict]:
    """Every indicator's counters as of the end of ``day``, one dict per non-empty breakdown cell.

    Four grouped queries (the register, sellers, village heads, staff); merging their rows by cell key is
    work on the groups (a few thousand at most), never a loop over entities.
    """
    cells: dict[tuple, dict] = {}

    def add(key, counts):
        cell = cells.setdefault(
            key, dict(zip(CELL_KEYS, key, strict=True)) | dict.fromkeys(COUNTER_FIELDS, 0)
        )
        for name, value in counts.items():
            cell[name] += value

    for row in [*_register_rows(day), *_seller_rows(day)]:
        key = (
            row.pop("commune_id"),
            row.pop("rep_ethnic_group_id"),
            row.pop("entity_type"),
            row.pop("rep_sex"),
        )
        add(key, row)
    for row in _village_head_rows(day):
        add((row.pop("commune_id"), row.pop("ethnic_group_id"), "", row.pop("sex") or ""), row)
    for row in _staff_rows(day):
        add((row.pop("commune_id"), None, "", row.pop("sex") or ""), row)
    return [cell for cell in cells.values() if any(cell[name] for name in COUNTER_FIELDS)]


def province_totals(cells: list[dict]) -> list[dict]:
    """The cells summed over communes (what ``SnapshotTotal`` stores)."""
    totals: dict[tuple, dict] = {}
    for cell in cells:
        key = (cell["ethnic_group_id"], cell["entity_type"], cell["sex"])
        total = totals.setdefault(
            key, dict(zip(CELL_KEYS[1:], key, strict=True)) | dict.fromkeys(COUNTER_FIELDS, 0)
        )
        for name in COUNTER_FIELDS:
            total[name] += cell[name]
    return list(totals.values())


# --- filters and scope --------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Dashboard filters; ``commune_id`` is also how a commune official's scope is enforced."""

    commune_id: int | None = None
    ethnic_group_id: int | None = None
    entity_type: str = ""
    sex: str = ""

    def as_dims(self):
        return {
            "commune": self.commune_id,
            "ethnic_group": self.ethnic_group_id,
            "entity_type": self.entity_type,
            "sex": self.sex,
        }

    def without_commune(self):
        return Filters(None, self.ethnic_group_id, self.entity_type, self.sex)

    def rows(self, **lookups):
        """The snapshot rows these filters read: province totals unless one commune is asked for."""
        model = SnapshotCell if self.commune_id else SnapshotTotal
        return self.apply(model.objects.filter(**lookups))

    def apply(self, cells):
        lookups = {
            "commune_id": self.commune_id,
            "ethnic_group_id": self.ethnic_group_id,
            "entity_type": self.entity_type,
            "sex": self.sex,
        }
        return cells.filter(**{k: v for k, v in lookups.items() if v})

    def query(self):
        """The filters as URL parameters (for links that keep them)."""
        values = {
            "commune": self.commune_id,
            "ethnic": self.ethnic_group_id,
            "type": self.entity_type,
            "sex": self.sex,
        }
        return {k: v for k, v in values.items() if v}


# --- figures ------------------------------------------------------------------------------------


def share(num: int, den: int) -> Decimal | None:
    if not den:
        return None
    return (Decimal(100) * num / den).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Figure:
    """One indicator for one scope on one date."""

    code: str
    num: int
    den: int
    target: Decimal  # this year's target
    target_2030: Decimal
    trajectory: Decimal  # where the line to this year's target stands on the date
    applicable: bool = True
    # Register subjects in scope, and those matched to an account here (I1–I4 only).
    cov_num: int | None = None
    cov_den: int | None = None

    @property
    def indicator(self):
        return BY_CODE[self.code]

    @property
    def share(self):
        return share(self.num, self.den) if self.applicable else None

    @property
    def gap(self):
        """Points above (+) or below (−) this year's target."""
        return None if self.share is None else self.share - self.target

    def lagging(self, points) -> bool:
        """Behind the trajectory by more than ``points``, judged only on enough entities."""
        return (
            self.share is not None
            and self.den >= LAGGING_MIN_DENOMINATOR
            and self.share < self.trajectory - points
        )


_SUMS = {name: Sum(name, default=0) for name in COUNTER_FIELDS}


def snapshot_dates():
    return SnapshotDay.objects.values_list("date", flat=True)


def latest_snapshot(day: date) -> SnapshotDay | None:
    """The latest snapshot taken for ``day`` or before it (with its data-quality gaps)."""
    return SnapshotDay.objects.filter(date__lte=day).order_by("-date").first()


def latest_snapshot_on_or_before(day: date) -> date | None:
    return snapshot_dates().filter(date__lte=day).order_by("-date").first()


def _figures_from_sums(sums, day, targets, filters):
    return [
        Figure(
            code=i.code,
            num=sums[i.num_field] or 0,
            den=sums[i.den_field] or 0,
            target=targets.for_year(i.code, day.year),
            target_2030=targets.for_year(i.code, FINAL_YEAR),
            trajectory=targets.trajectory(i.code, day),
            applicable=i.applies_to(filters),
            **({"cov_num": sums["cov_num"] or 0, "cov_den": sums["cov_den"] or 0} if i.over_register else {}),
        )
        for i in INDICATORS
    ]


def figures(day: date, filters: Filters, targets) -> list[Figure]:
    """I1–I7 for a scope on a snapshot date: one query."""
    sums = filters.rows(date=day).aggregate(**_SUMS)
    return _figures_from_sums(sums, day, targets, filters)


def figures_from_cells(cells: list[dict], day: date, filters: Filters, targets) -> list[Figure]:
    """The same figures summed from live cells (``compute_cells``): what a snapshot must equal."""
    wanted = {k: v for k, v in zip(CELL_KEYS, filters.as_dims().values(), strict=True) if v}
    chosen = [c for c in cells if all(c[k] == v for k, v in wanted.items())]
    sums = {name: sum(c[name] for c in chosen) for name in COUNTER_FIELDS}
    return _figures_from_sums(sums, day, targets, filters)


@dataclass
class CommuneRow:
    commune: Commune
    figures: list

    def lagging_codes(self, points):
        return [f.code for f in self.figures if f.lagging(points)]


def commune_rows(day: date, filters: Filters, targets) -> list[CommuneRow]:
    """One row per commune in scope (every commune, even one with no entities): two queries."""
    sums = {
        row.pop("commune_id"): row
        for row in filters.apply(SnapshotCell.objects.filter(date=day, commune__isnull=False))
        .values("commune_id")
        .annotate(**_SUMS)
        .order_by()
    }
    communes = Commune.objects.order_by("name")
    if filters.commune_id:
        communes = communes.filter(pk=filters.commune_id)
    empty = dict.fromkeys(COUNTER_FIELDS, 0)
    return [CommuneRow(c, _figures_from_sums(sums.get(c.pk, empty), day, targets, filters)) for c in communes]


def breakdown(day: date, filters: Filters, dim: str, targets):
    """Figures per value of one dimension (ethnic_group_id, entity_type or sex): one query."""
    rows = filters.rows(date=day).values(dim).annotate(**_SUMS).order_by(dim)
    return [(row.pop(dim), _figures_from_sums(row, day, targets, filters)) for row in rows]


def trend_dates(day: date, months: int = 24) -> list[date]:
    """The last snapshot date of each month, for the ``months`` months up to ``day``: one query."""
    start = (day.replace(day=1) - timedelta(days=31 * (months - 1))).replace(day=1)
    last_per_month = {}
    for d in snapshot_dates().filter(date__gte=start, date__lte=day).order_by("date"):
        last_per_month[(d.year, d.month)] = d
    return sorted(last_per_month.values())


def trend(dates: list[date], filters: Filters, targets) -> list[tuple[date, list[Figure]]]:
    """Figures on each of ``dates``: one grouped query."""
    rows = filters.rows(date__in=dates).values("date").annotate(**_SUMS)
    by_date = {row.pop("date"): row for row in rows.order_by()}
    empty = dict.fromkeys(COUNTER_FIELDS, 0)
    return [(d, _figures_from_sums(by_date.get(d, empty), d, targets, filters)) for d in dates]


# --- targets ------------------------------------------------------------------------------------


@dataclass
class Targets:
    """Yearly targets: those set by province officials, the rest linear from the 2025 baseline."""

    explicit: dict  # (code, year) -> Decimal
    measured_baseline: dict  # code -> Decimal, measured on the last 2025 snapshot

    def baseline(self, code):
        return self.explicit.get((code, BASELINE_YEAR), self.measured_baseline.get(code, Decimal(0)))

    def for_year(self, code, year) -> Decimal:
        year = min(max(year, BASELINE_YEAR), FINAL_YEAR)
        if (code, year) in self.explicit:
            return self.explicit[(code, year)]
        start = self.baseline(code)
        final = self.explicit.get((code, FINAL_YEAR), BY_CODE[code].target_2030)
        step = (final - start) * (year - BASELINE_YEAR) / (FINAL_YEAR - BASELINE_YEAR)
        return (start + step).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def trajectory(self, code, day: date) -> Decimal:
        """Where the line from last year's target to this year's stands on ``day``."""
        start, end = self.for_year(code, day.year - 1), self.for_year(code, day.year)
        year_start = date(day.year, 1, 1)
        elapsed = Decimal((day - year_start).days + 1) / Decimal(
            (date(day.year, 12, 31) - year_start).days + 1
        )
        return (start + (end - start) * elapsed).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def table(self):
        return [(year, [self.for_year(i.code, year) for i in INDICATORS]) for year in YEARS]


def load_targets() -> Targets:
    """Two queries: the targets set, and the measured 2025 baseline (last snapshot of 2025)."""
    explicit = {(t.indicator, t.year): t.percent for t in Target.objects.all()}
    measured = {}
    baseline_day = latest_snapshot_on_or_before(date(BASELINE_YEAR, 12, 31))
    if baseline_day is not None:
        sums = SnapshotTotal.objects.filter(date=baseline_day).aggregate(**_SUMS)
        for i in INDICATORS:
            value = share(sums[i.num_field], sums[i.den_field])
            if value is not None:
                measured[i.code] = value
    return Targets(explicit, measured)


# --- reference lists for filters and tables -----------------------------------------------------


def ethnic_groups_present():
    """Ethnic groups of at least one register subject or seller (the filter's choices)."""
    return EthnicGroup.objects.filter(
        Exists(Seller.objects.filter(rep_ethnic_group=OuterRef("pk")))
        | Exists(RegisterSubject.objects.filter(rep_ethnic_group=OuterRef("pk")))
    )


# --- data quality -------------------------------------------------------------------------------


GAP_KEYS = ("missing_profile", "expiring", "stale_links", "stuck_registrations")


def data_quality_gaps_by_commune(day: date) -> dict:
    """Gaps that distort the figures, per commune id (as a string: stored as JSON), in four
    grouped queries: sellers without ethnic group or sex, register ratings expiring within 60 days,
    links to other platforms and registrations waiting for review more than 30 days."""
    counts = {
        "missing_profile": Seller.objects.exclude(status=Seller.Status.DRAFT)
        .filter(Q(rep_ethnic_group__isnull=True) | Q(rep_sex=""))
        .values_list("commune_id"),
        "expiring": RegisterRating.objects.valid(day)
        .filter(expires_on__lte=day + timedelta(days=60))
        .values_list("product__subject__commune_id"),
        "stale_links": ExternalShopLink.objects.pending_review()
        .filter(added_at__lt=end_of(day) - timedelta(days=31))
        .values_list("seller__commune_id"),
        "stuck_registrations": Seller.objects.filter(
            status=Seller.Status.SUBMITTED, submitted_at__lt=end_of(day) - timedelta(days=31)
        ).values_list("commune_id"),
    }
    gaps: dict[str, dict] = {}
    for key, rows in counts.items():
        for commune_id, n in rows.annotate(n=Count("pk")).order_by():
            gaps.setdefault(str(commune_id), dict.fromkeys(GAP_KEYS, 0))[key] = n
    return gaps


def gap_totals(gaps_by_commune: dict, commune_id=None) -> dict:
    """The province's (or one commune's) gaps from the per-commune counts."""
    rows = [gaps_by_commune.get(str(commune_id), {})] if commune_id else gaps_by_commune.values()
    return {key: sum(row.get(key, 0) for row in rows) for key in GAP_KEYS}
