"""The outreach worklist: the register's OCOP subjects not yet online, unpaid or untrained.

What the register is for: per commune, who is left behind and what each lacks — a live shop
here (or a confirmed one elsewhere), a verified e-payment account, a trained representative —
with phone and village for a visit, and the latest follow-up note. Commune officials see their
commune, village heads their commune's households, province officials every commune.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Prefetch, Q, Value, When
from django.utils import timezone

from cms.selectors import trained_seller_ids, village_head_commune_id
from marketplace.catalogue.selectors import listable_products
from payments.selectors import verified_epayment_seller_ids
from sellers import scope
from sellers.models import OutreachNote, RegisterSubject, Seller
from sellers.register.selectors import ocop_subjects
from sellers.selectors import confirmed_external_listing

MISSING = ("sell", "pay", "train")


@dataclass(frozen=True)
class Viewer:
    """Whose worklist: ``commune_id`` None means the whole province; village heads see households."""

    commune_id: int | None
    households_only: bool = False


def viewer(user) -> Viewer:
    profile = scope.official_profile(user)
    if profile is not None:
        return Viewer(profile.commune_id)
    commune_id = village_head_commune_id(user)
    if commune_id is None:
        raise PermissionDenied
    return Viewer(commune_id, households_only=True)


def _flag(condition):
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def _flagged(who: Viewer, day):
    """The viewer's OCOP subjects with ``selling``, ``paying``, ``trained`` as SQL flags."""
    # The sets are taken over matched sellers only: a few thousand, not the province's 100,000.
    matched = RegisterSubject.objects.filter(seller__isnull=False).values("seller_id")
    live = listable_products().filter(seller_id=OuterRef("seller_id"), seller_id__in=matched)
    verified = Q(seller__status=Seller.Status.VERIFIED)
    rows = ocop_subjects(day).annotate(
        selling=_flag(
            (verified & Q(Exists(live))) | Q(confirmed_external_listing(day, seller_ref="seller_id"))
        ),
        paying=_flag(Q(seller_id__in=verified_epayment_seller_ids(day).filter(seller_id__in=matched))),
        trained=_flag(Q(seller_id__in=trained_seller_ids(day).filter(pk__in=matched))),
    )
    if who.commune_id:
        rows = rows.filter(commune_id=who.commune_id)
    if who.households_only:
        rows = rows.filter(kind__in=RegisterSubject.HOUSEHOLDS)
    return rows


@dataclass(frozen=True)
class Status:
    """What one subject lacks, in the worklist's order: read once for the list and the progress."""

    pk: int
    commune_id: int
    commune_name: str
    village: str
    selling: bool
    paying: bool
    trained: bool

    @property
    def missing(self):
        return [
            key
            for key, done in zip(MISSING, (self.selling, self.paying, self.trained), strict=True)
            if not done
        ]


def statuses(who: Viewer, day=None) -> list[Status]:
    """Every subject in the viewer's scope with its three flags: the page's one heavy query."""
    rows = _flagged(who, day or timezone.localdate()).order_by("commune__name", "village", "name")
    fields = ("pk", "commune_id", "commune__name", "village", "selling", "paying", "trained")
    return [Status(*values) for values in rows.values_list(*fields)]


def select(found, *, missing="", village="", commune_id=None) -> list[Status]:
    """The list's filters: one commune, a village, and what is missing ("all": everyone)."""
    village = village.casefold()
    chosen = []
    for status in found:
        if commune_id and status.commune_id != commune_id:
            continue
        if village and village not in status.village.casefold():
            continue
        if missing in MISSING and missing not in status.missing:
            continue
        if not missing and not status.missing:
            continue
        chosen.append(status)
    return chosen


def rows_of(chosen) -> list:
    """The subjects behind ``chosen``, in its order, with their flags and notes (two queries)."""
    by_pk = {
        subject.pk: subject
        for subject in RegisterSubject.objects.filter(pk__in=[s.pk for s in chosen])
        .select_related("commune", "seller")
        .prefetch_related(Prefetch("notes", queryset=OutreachNote.objects.select_related("author")))
    }
    rows = []
    for status in chosen:
        subject = by_pk[status.pk]
        subject.selling, subject.paying, subject.trained = status.selling, status.paying, status.trained
        subject.missing_keys = status.missing
        rows.append(subject)
    return rows


def progress_by_commune(found) -> list[dict]:
    """Per commune: OCOP subjects, and how many sell online, can be paid, are trained."""
    by_name = {}
    for status in found:
        row = by_name.setdefault(
            status.commune_name,
            {"commune__name": status.commune_name, "total": 0, "selling_n": 0, "paying_n": 0, "trained_n": 0},
        )
        row["total"] += 1
        row["selling_n"] += status.selling
        row["paying_n"] += status.paying
        row["trained_n"] += status.trained
    return [by_name[name] for name in sorted(by_name)]


def helpers_progress(who: Viewer):
    """Per helper (village head or official) who registered households of the register: how many,
    and how many are verified now (one query)."""
    sellers = Seller.objects.filter(assisted_by__isnull=False, register_subject__isnull=False)
    if who.commune_id:
        sellers = sellers.filter(commune_id=who.commune_id)
    return (
        sellers.values("assisted_by__first_name", "assisted_by__last_name", "assisted_by__username")
        .annotate(n=Count("pk"), verified=Count("pk", filter=Q(status=Seller.Status.VERIFIED)))
        .order_by("-n")
    )
