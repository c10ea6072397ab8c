"""PostgreSQL only: a partial index of the stock records that have stock to sell.

Catalogue listing and search keep only products with such a record (EXISTS, once per
candidate row); an index-only scan of this index replaces a scan of the whole table.
The predicate is exactly the selector's test, so the planner can match it.
"""

from django.db import migrations

NAME = "partner_stockrecord_in_stock"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON partner_stockrecord (product_id) "
            "WHERE (num_in_stock IS NULL OR num_in_stock > COALESCE(num_allocated, 0))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("partner", "0007_partneraddress_code"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
