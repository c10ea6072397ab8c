"""Read-side queries for the public catalogue (HackSoft style: views and tasks call these).

Listing and search run in the database (never through haystack): a page costs a constant
number of queries whatever the catalogue size.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.core.text import fold

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

SORTS = ("relevance", "newest", "price_asc", "price_desc", "rating")
STAR_LEVELS = (3, 4, 5)


@dataclass(frozen=True)
class CatalogueFilters:
    q: str = ""
    group: str = ""
    min_stars: int | None = None
    commune_id: int | None = None
    price_min: int | None = None
    price_max: int | None = None
    sort: str = "relevance"
    category_id: int | None = None


def _in_stock():
    return StockRecord.objects.filter(product=OuterRef("pk")).filter(
        Q(num_in_stock__isnull=True) | Q(num_in_stock__gt=Coalesce(F("num_allocated"), Value(0)))
    )


def listable_products():
    """Public products of verified sellers with stock to sell."""
    return Product.objects.browsable().filter(seller__status="verified").filter(Exists(_in_stock()))


def with_card_data(queryset):
    """What a product card shows, fetched in a fixed number of queries (no N+1)."""
    lowest_price = StockRecord.objects.filter(product=OuterRef("pk")).order_by("price").values("price")[:1]
    return (
        queryset.select_related("seller__commune")
        .annotate(price=Subquery(lowest_price))
        .prefetch_related(Prefetch("images", queryset=ProductImage.objects.order_by("display_order")))
    )


def featured_products(limit=8):
    return with_card_data(listable_products()).order_by("-rating", "-date_created")[:limit]


def _valid_stars(min_stars, today):
    return Q(ocop_stars__gte=min_stars, ocop_expires_on__gte=today)


def _matching_sellers(q, folded):
    """Sellers whose name or commune matches (on PostgreSQL a subquery: no extra round trip)."""
    Seller = apps.get_model("sellers", "Seller")
    if connection.vendor == "postgresql":
        match = Q(name__unaccent__icontains=folded) | Q(commune__name__unaccent__icontains=folded)
        return Seller.objects.filter(match).values("pk")
    # SQLite (the demo) has no unaccent: fold the few hundred seller names in Python instead.
    names = Seller.objects.values_list("pk", "name", "commune__name")
    return [pk for pk, name, commune in names if folded in fold(name) or folded in fold(commune)]


def _search(queryset, q):
    """Accent-insensitive match on the folded text (title over description), seller and commune."""
    folded = fold(q)
    words = folded.split()
    if not words:
        return queryset, None
    match = Q(seller_id__in=_matching_sellers(q, folded))
    all_words = Q()
    for word in words:
        all_words &= Q(search_text__contains=word)
    match |= all_words
    title_bonus = Case(
        When(search_title__contains=folded, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
    )
    if connection.vendor == "postgresql":
        # Cheap typo tolerance: pg_trgm word similarity, served by the GIN trigram index.
        match |= Q(search_text__trigram_word_similar=folded)
        rank = (
            TrigramWordSimilarity(Value(folded), "search_text")
            + TrigramWordSimilarity(Value(folded), "search_title")
            + title_bonus
        )
    else:
        rank = title_bonus
    return queryset.filter(match).annotate(rank=rank), "rank"


def search_catalogue(filters: CatalogueFilters, today=None):
    """Listable products matching the query and filters, sorted; card data attached."""
    today = today or timezone.localdate()
    queryset = with_card_data(listable_products())
    if filters.category_id:
        queryset = queryset.filter(categories__id=filters.category_id)
    queryset, rank = _search(queryset, filters.q)
    queryset = _apply_facets(queryset, filters, today)
    return queryset.order_by(*_ordering(filters.sort, rank))


def _apply_facets(queryset, filters, today):
    if filters.group:
        queryset = queryset.filter(product_group=filters.group)
    if filters.min_stars:
        queryset = queryset.filter(_valid_stars(filters.min_stars, today))
    if filters.commune_id:
        queryset = queryset.filter(seller__commune_id=filters.commune_id)
    if filters.price_min is not None:
        queryset = queryset.filter(price__gte=filters.price_min)
    if filters.price_max is not None:
        queryset = queryset.filter(price__lte=filters.price_max)
    return queryset


def _ordering(sort, rank):
    newest = ("-date_created", "-id")
    if sort == "newest":
        return newest
    if sort == "price_asc":
        return (F("price").asc(nulls_last=True), "-id")
    if sort == "price_desc":
        return (F("price").desc(nulls_last=True), "-id")
    if sort == "rating":
        return (F("ocop_stars").desc(nulls_last=True), F("rating").desc(nulls_last=True), "-id")
    if rank:
        return (F(rank).desc(), *newest)
    return (F("ocop_stars").desc(nulls_last=True), *newest)


def facet_counts(filters: CatalogueFilters, today=None):
    """Counts shown next to each filter choice: three aggregate queries, whatever the size."""
    today = today or timezone.localdate()
    base = listable_products()
    if filters.category_id:
        base = base.filter(categories__id=filters.category_id)
    base, _rank = _search(base, filters.q)

    def without(**changes):
        lowest = StockRecord.objects.filter(product=OuterRef("pk")).order_by("price").values("price")[:1]
        relaxed = CatalogueFilters(**{**filters.__dict__, **changes})
        return _apply_facets(base.annotate(price=Subquery(lowest)), relaxed, today)

    groups = dict(
        without(group="").order_by().values_list("product_group").annotate(n=Count("id", distinct=True))
    )
    communes = list(
        without(commune_id=None)
        .order_by()
        .values("seller__commune_id", "seller__commune__name")
        .annotate(n=Count("id", distinct=True))
        .order_by("seller__commune__name")
    )
    star_counts = without(min_stars=None).aggregate(
        **{
            f"s{level}": Count("id", filter=_valid_stars(level, today), distinct=True)
            for level in STAR_LEVELS
        }
    )
    return {
        "groups": groups,
        "communes": communes,
        "stars": {level: star_counts[f"s{level}"] for level in STAR_LEVELS},
    }


def product_for_page(pk):
    """One product with everything its public page shows, in a fixed number of queries."""
    return (
        Product.objects.select_related(
            "seller__commune", "seller__rep_ethnic_group", "product_class", "parent"
        )
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
            "stockrecords__partner",
        )
        .filter(pk=pk)
        .first()
    )


def certificates_for(product):
    """The product's approved OCOP certificates, newest first (valid and expired)."""
    return product.ocop_certificates.filter(approved=True).order_by("-expires_on")


def approved_reviews(product, limit=10):
    return product.reviews.filter(status=product.reviews.model.APPROVED).select_related("user")[:limit]


def seller_products(seller, limit=48):
    return with_card_data(listable_products().filter(seller=seller)).order_by("-date_created")[:limit]
