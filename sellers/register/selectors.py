"""Reads of the OCOP register for officials' pages and for the indicators."""

from django.db.models import Exists, OuterRef, Prefetch

from ..models import AuditLogEntry, RegisterImport, RegisterRating, RegisterSubject
from ..scope import in_official_scope


def valid_rating(day):
    """A subquery: the subject (``OuterRef("pk")``) has a product rated and in force on ``day``."""
    return Exists(RegisterRating.objects.valid(day).filter(product__subject_id=OuterRef("pk")))


def on_register(day):
    """A subquery: the subject had a product rated on or before ``day`` (in the register then)."""
    return Exists(RegisterRating.objects.filter(decided_on__lte=day, product__subject_id=OuterRef("pk")))


def ocop_subjects(day):
    """OCOP subjects on a day: register subjects with at least one rating in force (DESIGN §3)."""
    return RegisterSubject.objects.filter(valid_rating(day))


def subjects_for_official(user):
    return in_official_scope(RegisterSubject.objects.all(), user)


def subject_detail(user, pk):
    ratings = RegisterRating.objects.order_by("-decided_on")
    return (
        subjects_for_official(user)
        .select_related("commune", "rep_ethnic_group", "seller", "claimed_by", "matched_by")
        .prefetch_related(Prefetch("products__ratings", queryset=ratings), "notes__author")
        .get(pk=pk)
    )


def unmatched_with_claims(user):
    """The official's subjects a seller has claimed, waiting for confirmation."""
    return (
        subjects_for_official(user)
        .filter(seller__isnull=True, claimed_by__isnull=False)
        .select_related("commune", "claimed_by")
    )


def imports(limit=20):
    return RegisterImport.objects.select_related("created_by").defer("content")[:limit]


def subject_log(subject, limit=20):
    return AuditLogEntry.objects.filter(register_subject=subject).select_related("actor", "seller")[:limit]


def subject_of_seller(seller):
    return RegisterSubject.objects.filter(seller=seller).first()
