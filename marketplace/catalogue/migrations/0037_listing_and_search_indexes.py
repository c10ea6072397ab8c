"""PostgreSQL indexes for the catalogue list and search (SQLite, the demo, gets none).

- One partial btree per non-price sort order, on listable rows only (is_public, no parent):
  the list walks the index in order and stops after a page instead of sorting ~17,000 rows.
- A covering partial index for the facet counts: an index-only scan instead of reading
  every wide product row (description, search_text).
- A GIN trigram index on the folded title for typo-tolerant search (search_title %> q).
"""

from django.db import migrations

LISTABLE = "WHERE is_public AND parent_id IS NULL"
INDEXES = {
    "catalogue_product_search_title_trgm": "USING gin (search_title gin_trgm_ops)",
    # Default order: (ocop_stars DESC NULLS LAST, date_created DESC, id DESC).
    "catalogue_product_list_relevance": (
        f"(ocop_stars DESC NULLS LAST, date_created DESC, id DESC) {LISTABLE}"
    ),
    "catalogue_product_list_rating": f"(ocop_stars DESC NULLS LAST, rating DESC NULLS LAST, id DESC) {LISTABLE}",
    "catalogue_product_list_newest": f"(date_created DESC, id DESC) {LISTABLE}",
    # Home page's featured products: order_by("-rating", "-date_created").
    "catalogue_product_list_featured": f"(rating DESC, date_created DESC) {LISTABLE}",
    "catalogue_product_list_facets": (
        f"(seller_id, product_group) INCLUDE (id, ocop_stars, ocop_expires_on) {LISTABLE}"
    ),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON catalogue_product {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0036_search_title_trigram"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
    ]
