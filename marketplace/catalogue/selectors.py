"""Read-side queries for the public catalogue (HackSoft style: views and tasks call these).

Listing and search run in the database (never through haystack): a page costs a constant
number of queries whatever the catalogue size.
"""

from dataclasses import dataclass, replace

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
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
from sellers.models import Seller

from . import versioned_cache

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
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
    verified = Product.objects.browsable().filter(seller__status=Seller.Status.VERIFIED)
    return verified.filter(Exists(_in_stock()))


def _lowest_price():
    """The product's cheapest stock record price: what cards show and price filters compare."""
    return Subquery(StockRecord.objects.filter(product=OuterRef("pk")).order_by("price").values("price")[:1])


def with_card_data(queryset):
    """What a product card shows, fetched in a fixed number of queries (no N+1)."""
    return (
        queryset.select_related("seller__commune")
        # Cards show none of the long texts: narrow rows are cheaper to join and sort.
        .defer("description", "search_text", "search_title")
        .annotate(price=_lowest_price())
        .prefetch_related(Prefetch("images", queryset=ProductImage.objects.order_by("display_order")))
    )


# --- Featured products on the home page ---
# The operator picks them as the Oscar range with this slug (dashboard > Ranges, "Sản phẩm nổi bật",
# products in display order); the rest of the row is filled automatically.
FEATURED_RANGE_SLUG = "san-pham-noi-bat"
FEATURED_PER_SELLER = 2


def featured_products(limit=8, today=None):
    """The operator's picks first, then well-rated products with a photo and a valid OCOP rating.

    The automatic part shows at most FEATURED_PER_SELLER products per seller, so one shop (or a
    new listing without photo or stars) never takes the row over. Three queries in all.
    """
    today = today or timezone.localdate()
    RangeProduct = get_model("offer", "RangeProduct")
    picked_ids = list(
        RangeProduct.objects.filter(range__slug=FEATURED_RANGE_SLUG)
        .order_by("display_order", "pk")
        .values_list("product_id", flat=True)[:limit]
    )
    has_photo = Exists(ProductImage.objects.filter(product=OuterRef("pk")))
    candidates = list(
        with_card_data(listable_products())
        .filter(Q(pk__in=picked_ids) | (_valid_stars(3, today) & Q(has_photo)))
        .annotate(picked=Case(When(pk__in=picked_ids, then=Value(0)), default=Value(1)))
        .order_by("picked", F("rating").desc(nulls_last=True), "-ocop_stars", "-date_created", "-pk")[
            : limit * 4
        ]
    )
    chosen = sorted((p for p in candidates if p.picked == 0), key=lambda p: picked_ids.index(p.pk))
    per_seller = {}
    for product in candidates:
        if len(chosen) >= limit:
            break
        if product.picked == 0 or per_seller.get(product.seller_id, 0) >= FEATURED_PER_SELLER:
            continue
        per_seller[product.seller_id] = per_seller.get(product.seller_id, 0) + 1
        chosen.append(product)
    return chosen[:limit]


def _valid_stars(min_stars, today):
    return Q(ocop_stars__gte=min_stars, ocop_expires_on__gte=today)


def _matching_seller_ids(folded):
    """Ids of sellers whose name or commune matches: one query on a few hundred sellers, cached.

    A literal id list (not a subquery inside the OR) lets PostgreSQL combine the seller_id
    index with the trigram index in one BitmapOr.
    """

    def compute():
        if connection.vendor == "postgresql":
            match = Q(name__unaccent__icontains=folded) | Q(commune__name__unaccent__icontains=folded)
            return list(Seller.objects.filter(match).values_list("pk", flat=True))
        # SQLite (the demo) has no unaccent: fold the few hundred seller names in Python instead.
        names = Seller.objects.values_list("pk", "name", "commune__name")
        return [pk for pk, name, commune in names if folded in fold(name) or folded in fold(commune)]

    return versioned_cache.cached("sellers", folded, compute)


def _search(queryset, q, fuzzy=False):
    """Accent-insensitive match on the folded text, seller and commune; ranked title first.

    Exact: every folded word in search_text (LIKE, served by the GIN trigram index) or a
    matching seller/commune. Fuzzy (PostgreSQL only, used when nothing matches exactly, see
    facet_counts): trigram word similarity on the short folded title, served by its own GIN
    index; on the long search_text it matched 40 % of the catalogue and scanned every row.
    """
    folded = fold(q)
    words = list(dict.fromkeys(folded.split()))
    if not words:
        return queryset, None
    if fuzzy and connection.vendor == "postgresql":
        rank = TrigramWordSimilarity(Value(folded), "search_title")
        return queryset.filter(search_title__trigram_word_similar=folded).annotate(rank=rank), "rank"
    all_words = Q()
    for word in words:
        all_words &= Q(search_text__contains=word)
    match = all_words | Q(seller_id__in=_matching_seller_ids(folded))
    # Rank: query words found in the title, plus one for the whole phrase. LIKE on the short
    # title is cheap per row, unlike a trigram similarity on every match.
    rank = Value(0)
    for word in words + ([folded] if len(words) > 1 else []):
        rank = rank + Case(When(search_title__contains=word, then=Value(1)), default=Value(0))
    return queryset.filter(match).annotate(rank=rank), "rank"


def search_catalogue(filters: CatalogueFilters, today=None, fuzzy=False):
    """Listable products matching the query and filters, sorted; card data attached.

    Partial indexes matching each non-price ordering (migration 0037) let PostgreSQL walk
    the catalogue in order and stop after one page instead of sorting every product.
    """
    today = today or timezone.localdate()
    queryset = with_card_data(listable_products())
    if filters.category_id:
        queryset = queryset.filter(categories__id=filters.category_id)
    queryset, rank = _search(queryset, filters.q, fuzzy)
    queryset = _apply_facets(queryset, filters, today)
    return queryset.order_by(*_ordering(filters.sort, rank))


def _apply_facets(queryset, filters, today):
    if filters.group:
        queryset = queryset.filter(product_group=filters.group)
    if filters.min_stars:
        queryset = queryset.filter(_valid_stars(filters.min_stars, today))
    if filters.commune_id:
        queryset = queryset.filter(seller__commune_id=filters.commune_id)
    return _apply_price(queryset, filters)


def _apply_price(queryset, filters):
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
    """Counts next to each filter choice, the total for the paginator, and whether the
    search fell back to typo tolerance. One grouped query (two for a typo), cached.
    """
    today = today or timezone.localdate()
    key = (replace(filters, sort=""), today)
    return versioned_cache.cached("facets", key, lambda: _facet_counts(filters, today))


def _facet_counts(filters, today):
    rows = _buckets(filters, today, fuzzy=False)
    fuzzy = bool(filters.q) and not rows and connection.vendor == "postgresql"
    if fuzzy:
        rows = _buckets(filters, today, fuzzy=True)

    def passes(row, skip):
        """Does the bucket pass the group and commune filters, except the one being counted?"""
        return (skip == "group" or not filters.group or row["product_group"] == filters.group) and (
            skip == "commune" or not filters.commune_id or row["seller__commune_id"] == filters.commune_id
        )

    def n(row):
        return row[f"s{filters.min_stars}"] if filters.min_stars else row["n"]

    groups, communes = {}, {}
    for row in rows:
        if passes(row, "group"):
            groups[row["product_group"]] = groups.get(row["product_group"], 0) + n(row)
        if passes(row, "commune"):
            key = (row["seller__commune__name"], row["seller__commune_id"])
            communes[key] = communes.get(key, 0) + n(row)
    shown = [row for row in rows if passes(row, None)]
    return {
        "groups": {code: count for code, count in groups.items() if count},
        "communes": [
            {"seller__commune_id": pk, "seller__commune__name": name, "n": count}
            for (name, pk), count in sorted(communes.items())
            if count
        ],
        "stars": {level: sum(row[f"s{level}"] for row in shown) for level in STAR_LEVELS},
        "total": sum(n(row) for row in shown),
        "fuzzy": fuzzy,
    }


def _buckets(filters, today, fuzzy):
    """Listable matches counted per (product group, commune), with valid-star counts.

    Group, commune and star facets are applied in Python on these few hundred rows, so
    each facet's counts ignore its own filter without a query per facet.
    """
    base = listable_products()
    if filters.category_id:
        base = base.filter(categories__id=filters.category_id)
    base, _rank = _search(base, filters.q, fuzzy)
    if filters.price_min is not None or filters.price_max is not None:
        base = _apply_price(base.annotate(price=_lowest_price()), filters)
    levels = sorted({*STAR_LEVELS, *([filters.min_stars] if filters.min_stars else [])})
    return list(
        base.order_by()
        .values("product_group", "seller__commune_id", "seller__commune__name")
        .annotate(
            n=Count("id"),
            **{f"s{level}": Count("id", filter=_valid_stars(level, today)) for level in levels},
        )
    )


def product_for_page(pk):
    """One product of a verified seller with everything its public page shows, in fixed queries.

    Products of sellers not (or no longer) verified have no public page (DESIGN §1).
    """
    return (
        Product.objects.filter(seller__status=Seller.Status.VERIFIED)
        .select_related("seller__commune", "seller__rep_ethnic_group", "product_class", "parent")
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


def category(pk):
    return Category.objects.filter(pk=pk).first()


def seller_products(seller, limit=48):
    return with_card_data(listable_products().filter(seller=seller)).order_by("-date_created")[:limit]


def seller_rating(seller):
    """Average rating of the seller's rated products (None when none is rated)."""
    return Product.objects.filter(seller=seller, rating__isnull=False).aggregate(r=Avg("rating"))["r"]


# --- a seller's workspace: its own products -----------------------------------------------------


def products_of_seller(seller):
    """Every product of the seller, hidden ones too, newest first."""
    return (
        Product.objects.filter(seller=seller)
        .prefetch_related("images", "stockrecords")
        .order_by("-date_created")
    )


def stock_record_of(seller, product):
    """The seller's price and stock for one of its products (None if not yet stocked)."""
    return product.stockrecords.filter(partner_id=seller.partner_id).first()
