"""The import page's writes: keep an uploaded ledger file, preview it, post it once.

The reading and posting is ``comuna.ledger.importing.ledger_import`` (the same as
``comuna ledger import FILE``); this module only keeps the file between the two steps, as the
census import page does with its uploads.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.ledger import locks, models
from comuna.ledger.errors import LedgerError
from comuna.ledger.importing import ImportResult, ledger_import
from comuna.users.models import User


def ledger_upload_store(
    *, commune: Commune, by: User, filename: str, content: bytes
) -> models.LedgerUpload:
    """Keep an uploaded file until it is previewed and confirmed. The caller checks access."""
    return models.LedgerUpload.objects.create(
        commune=commune, uploaded_by=by, filename=filename[:255], content=content
    )


def ledger_upload_check(*, upload: models.LedgerUpload) -> ImportResult:
    """The preview: every row validated and posted in a transaction rolled back."""
    return ledger_import(
        commune=upload.commune,
        content=bytes(upload.content),
        filename=upload.filename,
        author=upload.uploaded_by.username,
        dry_run=True,
    )


@transaction.atomic
def ledger_upload_confirm(*, upload: models.LedgerUpload, by: User) -> ImportResult:
    """Post every row of an uploaded file, or none; ``result.problems`` says why not.

    The upload row is locked first (then the books, inside ``ledger_import``), so two
    confirmations at once run one after the other; the second finds the file's
    ``LedgerImport`` and is refused with the importer's own message.
    """
    upload = locks.upload_lock(upload)
    if upload.uploaded_by_id != by.pk:
        raise LedgerError(_("Only the person who uploaded this file may import it."))
    result = ledger_import(
        commune=upload.commune,
        content=bytes(upload.content),
        filename=upload.filename,
        author=by.username,
    )
    if result.ok and upload.applied_at is None:
        upload.applied_at = timezone.now()
        upload.rows = result.posted
        upload.first_sequence = result.first_sequence
        upload.last_sequence = result.last_sequence
        upload.save(update_fields=["applied_at", "rows", "first_sequence", "last_sequence"])
    return result
