from django.db import migrations, models
from django.db.models import F


def backfill(apps, schema_editor):
    """Verified files were decided when verified; a rejected file when the audit log says so."""
    Seller = apps.get_model("sellers", "Seller")
    AuditLogEntry = apps.get_model("sellers", "AuditLogEntry")
    Seller.objects.filter(status="verified").update(decided_at=F("verified_at"))
    for seller in Seller.objects.filter(status="rejected"):
        entry = AuditLogEntry.objects.filter(seller=seller, action="seller.reject").order_by("-created_at").first()
        seller.decided_at = entry.created_at if entry else (seller.submitted_at or seller.created_at)
        seller.save(update_fields=["decided_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("sellers", "0006_ocop_register"),
    ]

    operations = [
        migrations.AddField(
            model_name="seller",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
