# Census uploads move to the one kept upload of every import (core.Upload).
#
# Applied uploads are copied, so that their history stays and a file imported before is still
# refused; a file that was applied twice keeps its first record only (the new rule). Uploads
# never confirmed are previews in progress: they are not copied and are uploaded again.

import hashlib

from django.db import migrations


def uploads_copy(apps, schema_editor):
    CensusImport = apps.get_model("census", "CensusImport")
    Commune = apps.get_model("core", "Commune")
    Upload = apps.get_model("core", "Upload")
    first_commune = Commune.objects.order_by("id").first()
    seen = set()
    applied = CensusImport.objects.filter(applied_at__isnull=False).select_related("council")
    for old in applied.order_by("applied_at", "pk"):
        commune_id = old.council.commune_id if old.council else getattr(first_commune, "pk", None)
        content = bytes(old.content)
        digest = hashlib.sha256(content).hexdigest()
        if commune_id is None or (commune_id, digest) in seen:
            continue
        seen.add((commune_id, digest))
        upload = Upload.objects.create(
            commune_id=commune_id,
            uploaded_by_id=old.uploaded_by_id,
            kind="census",
            filename=old.filename,
            content=content,
            digest=digest,
            options={"council": old.council.code} if old.council else {},
            applied_at=old.applied_at,
            summary={
                "people_created": old.people_created,
                "households_created": old.households_created,
            },
        )
        Upload.objects.filter(pk=upload.pk).update(created_at=old.created_at)


class Migration(migrations.Migration):

    dependencies = [
        ('census', '0003_household_gas_profile'),
        ('core', '0002_upload'),
    ]

    operations = [
        migrations.RunPython(uploads_copy, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='CensusImport',
        ),
    ]
