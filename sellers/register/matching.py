"""Which seller account a register subject may be: candidates ranked by what they share.

Candidates are the sellers of the subject's commune and any seller with the same mobile number
or tax code, not yet matched to another subject. Each gets a score out of 100: the same phone
or tax code counts most, then how alike the names are (the subject's name against the shop's,
or its representative's against the seller's) — pg_trgm's similarity on PostgreSQL, difflib's
on the SQLite demo, both over accent-folded names — then the same commune and a claim.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from marketplace.core.text import fold

from ..models import RegisterSubject, Seller

SHOWN = 5


@dataclass
class Suggestion:
    seller: Seller
    score: int
    reasons: list


def _similarity(a, b) -> float:
    return SequenceMatcher(None, fold(a), fold(b)).ratio() if a and b else 0.0


def candidates(subject):
    """Sellers this subject may be (one query)."""
    near = Q(commune_id=subject.commune_id) | Q(pk=subject.claimed_by_id)
    if subject.phone:
        near |= Q(phone=subject.phone) | Q(user__username=subject.phone)
    if subject.tax_code:
        near |= Q(business_registration_no=subject.tax_code)
    sellers = (
        Seller.objects.filter(near)
        .exclude(status=Seller.Status.REJECTED)
        .filter(Q(register_subject__isnull=True) | Q(register_subject=subject))
        .select_related("commune", "user")
    )
    if connection.vendor == "postgresql":
        sellers = sellers.annotate(
            name_similarity=TrigramSimilarity(Lower(Unaccent("name")), fold(subject.name)),
            rep_similarity=TrigramSimilarity(
                Lower(Unaccent("rep_name")), fold(subject.rep_name or subject.name)
            ),
        )
    return sellers


def suggestions(subject, limit=SHOWN) -> list[Suggestion]:
    ranked = []
    for seller in candidates(subject):
        reasons, score = [], 0
        if subject.phone and subject.phone in {seller.phone, seller.user.username if seller.user else ""}:
            score += 45
            reasons.append(_("cùng số điện thoại"))
        if subject.tax_code and seller.business_registration_no == subject.tax_code:
            score += 45
            reasons.append(_("cùng mã số thuế"))
        if hasattr(seller, "name_similarity"):
            alike = max(seller.name_similarity or 0, seller.rep_similarity or 0)
        else:
            alike = max(
                _similarity(subject.name, seller.name),
                _similarity(subject.rep_name or subject.name, seller.rep_name),
            )
        score += round(35 * alike)
        if alike >= 0.4:
            reasons.append(_("tên gần giống"))
        if seller.commune_id == subject.commune_id:
            score += 10
            reasons.append(_("cùng xã/phường"))
        if subject.claimed_by_id == seller.pk:
            score += 20
            reasons.append(_("người bán tự nhận"))
        if score >= 20:
            ranked.append(Suggestion(seller, min(score, 100), reasons))
    ranked.sort(key=lambda s: (-s.score, s.seller.name))
    return ranked[:limit]


def subjects_to_find(seller, query="", limit=10):
    """Register subjects a registering seller may be: its commune's unmatched ones, by name."""
    subjects = RegisterSubject.objects.filter(seller__isnull=True, commune_id=seller.commune_id)
    folded = fold(query)
    found = []
    for subject in subjects.select_related("commune").prefetch_related("products"):
        names = " ".join([subject.name, subject.rep_name, *(p.name for p in subject.products.all())])
        if not folded or all(word in fold(names) for word in folded.split()):
            found.append(subject)
    return found[:limit]
