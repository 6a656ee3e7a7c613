"""Every commune created before the yard existed gets the List of Waste's municipal codes.

The list is written out here, as it stood when this migration was written, so that the
migration does not change when ``comuna.recycling.materials`` does; communes created later get
it from ``materials_seed``, run when a commune is created.
"""

import uuid

from django.db import migrations

STANDARD = (
    ("20 01 01", "Paper and cardboard"),
    ("20 01 02", "Glass"),
    ("20 01 08", "Biodegradable kitchen and canteen waste"),
    ("20 01 10", "Clothes"),
    ("20 01 11", "Textiles"),
    ("20 01 25", "Edible oil and fat"),
    ("20 01 34", "Batteries"),
    ("20 01 36", "Discarded electrical and electronic equipment"),
    ("20 01 38", "Wood"),
    ("20 01 39", "Plastics"),
    ("20 01 40", "Metals"),
)


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    Commune = apps.get_model("core", "Commune")
    Material = apps.get_model("recycling", "Material")
    for commune in Commune.objects.all():
        have = set(Material.objects.filter(commune=commune).values_list("code", flat=True))
        Material.objects.bulk_create(
            Material(commune=commune, uuid=uuid.uuid4(), code=code, name=name, standard=True)
            for code, name in STANDARD
            if code not in have
        )


class Migration(migrations.Migration):
    dependencies = [("recycling", "0002_initial"), ("core", "__first__")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
