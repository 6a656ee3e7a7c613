# Ledger uploads and the record of imported files move to the one kept upload of every
# import (core.Upload), whose constraint now refuses a file imported twice.
#
# Every imported file is copied as an applied upload (with its content and uploader when it
# came through the import page), so that it is still refused. Uploads never confirmed are
# previews in progress: they are not copied and are uploaded again.

from django.db import migrations


def uploads_copy(apps, schema_editor):
    LedgerImport = apps.get_model("ledger", "LedgerImport")
    LedgerUpload = apps.get_model("ledger", "LedgerUpload")
    Upload = apps.get_model("core", "Upload")
    for old in LedgerImport.objects.order_by("pk"):
        page = (
            LedgerUpload.objects.filter(commune_id=old.commune_id, applied_at__isnull=False)
            .filter(first_sequence=old.first_sequence, last_sequence=old.last_sequence)
            .first()
        )
        upload = Upload.objects.create(
            commune_id=old.commune_id,
            uploaded_by_id=page.uploaded_by_id if page else None,
            kind="ledger",
            filename=old.filename,
            # The command line kept only the file's digest.
            content=bytes(page.content) if page else b"",
            digest=old.digest,
            applied_at=old.imported_at,
            summary={
                "rows": old.rows,
                "first_sequence": old.first_sequence,
                "last_sequence": old.last_sequence,
            },
        )
        Upload.objects.filter(pk=upload.pk).update(created_at=old.imported_at)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_upload'),
        ('ledger', '0003_ledger_upload'),
    ]

    operations = [
        migrations.RunPython(uploads_copy, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='ledgerupload',
            name='commune',
        ),
        migrations.RemoveField(
            model_name='ledgerupload',
            name='uploaded_by',
        ),
        migrations.DeleteModel(
            name='LedgerImport',
        ),
        migrations.DeleteModel(
            name='LedgerUpload',
        ),
    ]
