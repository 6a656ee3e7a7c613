# A commune's place in its city travels to its laptop by uuid: existing places get one each.

import uuid

from django.db import migrations, models


def _give_uuids(apps, schema_editor):
    CommuneUnit = apps.get_model("federation", "CommuneUnit")
    for place in CommuneUnit.objects.filter(uuid__isnull=True).only("pk"):
        CommuneUnit.objects.filter(pk=place.pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("federation", "0003_commune_tallies"),
    ]

    operations = [
        migrations.AddField(
            model_name="communeunit",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(_give_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="communeunit",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
