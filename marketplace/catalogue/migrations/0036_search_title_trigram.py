"""Folded title for ranking; on PostgreSQL, pg_trgm and a GIN trigram index on search_text.

The index serves both the substring filter (LIKE '%...%') and the word-similarity typo
tolerance (<%) of catalogue search. SQLite (the demo) gets the column only.
"""

from django.db import migrations, models


def fill_search_title(apps, schema_editor):
    from marketplace.core.text import fold

    Product = apps.get_model("catalogue", "Product")
    for product in Product.objects.only("pk", "title").iterator():
        Product.objects.filter(pk=product.pk).update(search_title=fold(product.title))


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")  # seller/commune names
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS catalogue_product_search_trgm "
        "ON catalogue_product USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalogue_product_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0035_ocop_badge_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="search_title",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_search_title, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]
