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


def subjects(who: Viewer, *, day=None, missing="", village="", commune_id=None):
    """The worklist's subjects, each with ``selling``, ``paying``, ``trained``: one query (+ notes)."""
    day = day or timezone.localdate()
    live = listable_products().filter(seller_id=OuterRef("seller_id"))
    verified = Q(seller__status=Seller.Status.VERIFIED)
    rows = (
        ocop_subjects(day)
        .annotate(
            selling=_flag(
                (verified & Q(Exists(live))) | Q(confirmed_external_listing(day, seller_ref="seller_id"))
            ),
            paying=_flag(Q(seller_id__in=verified_epayment_seller_ids(day))),
            trained=_flag(Q(seller_id__in=trained_seller_ids(day))),
        )
        .select_related("commune", "seller")
        .prefetch_related(Prefetch("notes", queryset=OutreachNote.objects.select_related("author")))
        .order_by("commune__name", "village", "name")
    )
    commune_id = who.commune_id or commune_id
    if commune_id:
        rows = rows.filter(commune_id=commune_id)
    if who.households_only:
        rows = rows.filter(kind__in=RegisterSubject.HOUSEHOLDS)
    if village:
        rows = rows.filter(village__icontains=village)
    if missing == "sell":
        rows = rows.filter(selling=False)
    elif missing == "pay":
        rows = rows.filter(paying=False)
    elif missing == "train":
        rows = rows.filter(trained=False)
    elif missing != "all":
        rows = rows.filter(Q(selling=False) | Q(paying=False) | Q(trained=False))
    return rows


def progress_by_commune(who: Viewer, day=None):
    """Per commune: OCOP subjects, and how many sell online, can be paid, are trained (one query)."""
    rows = subjects(who, day=day, missing="all")
    return (
        rows.prefetch_related(None)
        .values("commune__name")
        .annotate(
            total=Count("pk"),
            selling_n=Count("pk", filter=Q(selling=True)),
            paying_n=Count("pk", filter=Q(paying=True)),
            trained_n=Count("pk", filter=Q(trained=True)),
        )
        .order_by("commune__name")
    )


def missing_of(row):
    return [
        key for key, done in (("sell", row.selling), ("pay", row.paying), ("train", row.trained)) if not done
    ]


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
