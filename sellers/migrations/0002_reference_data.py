from django.db import migrations


def load(apps, schema_editor):
    from sellers.reference import load_reference_data

    load_reference_data(apps.get_model("sellers", "EthnicGroup"), apps.get_model("sellers", "Commune"))


class Migration(migrations.Migration):
    dependencies = [("sellers", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
