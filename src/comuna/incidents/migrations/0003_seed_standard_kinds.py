"""Every commune created before the incidents existed gets the standard kinds of incident.

The list is written out here, as it stood when this migration was written, so that the
migration does not change when ``comuna.incidents.kinds`` does; communes created later get
it from ``kinds_seed``, run when a commune is created.
"""

import uuid

from django.db import migrations

STANDARD = (
    ("water", "Water"),
    ("electricity", "Electricity"),
    ("gas", "Gas"),
    ("telephone", "Telephone and internet"),
    ("transport", "Transport"),
    ("streets", "Streets and lighting"),
    ("waste", "Waste"),
)


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    Commune = apps.get_model("core", "Commune")
    IncidentKind = apps.get_model("incidents", "IncidentKind")
    for commune in Commune.objects.all():
        have = set(IncidentKind.objects.filter(commune=commune).values_list("code", flat=True))
        IncidentKind.objects.bulk_create(
            IncidentKind(commune=commune, uuid=uuid.uuid4(), code=code, name=name, standard=True)
            for code, name in STANDARD
            if code not in have
        )


class Migration(migrations.Migration):
    dependencies = [("incidents", "0002_triage_worklogs_photos"), ("core", "__first__")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
