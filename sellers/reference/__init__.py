"""Reference data: ethnic groups and Điện Biên's communes, loaded by a migration, edited in the admin."""

import json
from pathlib import Path

DATA_FILE = Path(__file__).with_name("dien_bien.json")


def load_reference_data(ethnic_group_model, commune_model):
    """Insert or update every row of the fixture; safe to run again."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for row in data["ethnic_groups"]:
        ethnic_group_model.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})
    for row in data["communes"]:
        commune_model.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "kind": row["kind"], "zone": row["zone"], "is_em_area": True},
        )
