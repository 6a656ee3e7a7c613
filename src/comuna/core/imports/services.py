"""The one import pipeline: a file is uploaded, previewed, and confirmed once, all or nothing.

- ``upload_create`` reads the file once, within the importer's limits, and keeps it with its
  rows as read (or with the reason the whole file is refused), and what the person chose
  beside it;
- ``upload_preview`` checks every row read and changes nothing: the outcome names every
  bad row with its row number and reason, or says what confirming would do; reloading it
  never reads the file again;
- ``upload_confirm`` does the same again inside one transaction and keeps it only if no row
  is bad; a second confirmation, or the same file confirmed from another upload, is refused.
- ``file_import`` is the command line's: the same reading, and the upload recorded and
  applied in one go (or, with ``dry_run``, a preview that stores nothing).

A file is applied at most once per commune and kind. The pipeline checks it first to say so
clearly; the partial unique constraint on ``Upload`` holds it when two confirmations race.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic

from django.contrib.auth.models import AbstractBaseUser as User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.imports.importers import (
    Importer,
    Job,
    Problem,
    Progress,
    RowT,
    SummaryT,
    importer_for,
)
from comuna.core.models import Commune, Upload
from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import PackedSheet, Sheet, Table, sheet_pack, sheet_read

_PROGRESS_EVERY = 500


@dataclass(slots=True)
class Outcome(Generic[SummaryT]):
    """What reading a file found: every problem, or what it did (``applied``) or would do."""

    problems: list[Problem] = field(default_factory=list)
    summary: SummaryT | None = None
    ignored_columns: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


class _Undo(Exception):
    """Leaves the transaction so that it rolls back: a preview, or a file with problems."""


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _already_imported() -> Refusal:
    return Refusal(_("This file has already been imported."), code="already_imported")


def upload_create(
    *,
    kind: str,
    commune: Commune,
    by: User,
    filename: str,
    content: bytes,
    options: Mapping[str, str] | None = None,
) -> Upload:
    """Read an uploaded file once and keep it until it is previewed and confirmed.

    The rows are read (outside any transaction: a large file holds no lock meanwhile) within
    the importer's limits and kept packed beside the file; a file refused as a whole keeps
    its refusal instead, which its preview then shows without reading it again. The caller
    checks access.
    """
    importer = importer_for(kind)  # an unregistered kind is a programming error
    upload = Upload(
        commune=commune,
        uploaded_by_id=by.pk,
        kind=kind,
        filename=filename[:255],
        content=content,
        digest=_digest(content),
        options=dict(options or {}),
    )
    job = _job(upload, confirming=False, by=by)
    try:
        upload.table = sheet_pack(_sheet_read(importer, upload, job))
    except Refusal as refusal:
        upload.refusal = {"message": refusal.message, "code": refusal.code}
    with transaction.atomic():
        upload.save(force_insert=True)
    return upload


def upload_preview(*, upload: Upload, actor: object = None) -> Outcome[Any]:
    """What confirming ``upload`` would do now, or every problem it has; changes nothing.

    ``actor`` is whoever previews, as the importing app's access checks know them."""
    with transaction.atomic():
        return _load(importer_for(upload.kind), upload, confirming=False, actor=actor)


@transaction.atomic
def upload_confirm(*, upload: Upload, by: User, actor: object = None) -> Outcome[Any]:
    """Apply an uploaded file, all of it or nothing; ``outcome.problems`` says why not.

    Raises ``Refusal`` when the upload was applied already (a double click, the back button)
    or ``by`` did not make it. The upload row is locked before anything the importer locks.
    """
    locked = (
        Upload.objects.of(upload.commune_id)
        .select_for_update(of=("self",))
        .defer("content")
        .get(pk=upload.pk)
    )
    if locked.applied_at is not None:
        raise _already_imported()
    if locked.uploaded_by_id != by.pk:
        raise Refusal(
            _("Only the person who uploaded this file may import it."),
            code="not_the_uploader",
            status=403,
        )
    return _load(importer_for(locked.kind), locked, confirming=True, by=by, actor=actor)


@transaction.atomic
def file_import(
    *,
    importer: Importer[Any, SummaryT],
    commune: Commune,
    filename: str,
    content: bytes,
    by: User | None = None,
    actor: object = None,
    author: str = "",
    options: Mapping[str, str] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Outcome[SummaryT]:
    """Import a file from the command line, all of it or nothing; ``dry_run`` checks only.

    Never raises for anything in the file. The upload is stored (applied) only with the rows
    it creates; a refused file or a dry run leaves no trace. ``progress`` hears how many
    rows have been read, and each stage after.
    """
    upload = Upload(
        commune=commune,
        uploaded_by_id=by.pk if by is not None else None,
        kind=importer.kind,
        filename=filename[:255],
        content=content,
        digest=_digest(content),
        options=dict(options or {}),
    )
    return _load(
        importer,
        upload,
        confirming=not dry_run,
        by=by,
        actor=actor,
        author=author,
        progress=progress,
    )


def _load(
    importer: Importer[RowT, SummaryT],
    upload: Upload,
    *,
    confirming: bool,
    by: User | None = None,
    actor: object = None,
    author: str = "",
    progress: Progress | None = None,
) -> Outcome[SummaryT]:
    """Read, check and (confirming) write, in a savepoint kept only for a good confirmation.

    ``upload`` is saved, applied, only then; until then it may be unsaved (the command line).
    """
    job = _job(upload, confirming=confirming, by=by, actor=actor, author=author)
    job.progress = progress
    outcome: Outcome[SummaryT] = Outcome()
    try:
        with transaction.atomic():
            if _applied_before(upload):
                raise _already_imported()
            sheet = _sheet(importer, upload, job)
            outcome.ignored_columns = sheet.ignored_columns
            if confirming:
                _applied_mark(upload)
            outcome.summary = importer.rows_apply(_rows_read(importer, sheet, job), job)
            if job.rows == 0 and not job.problems:
                job.refuse(None, _("The file has a header but no rows to import."), code="no_rows")
            if not job.writes:
                raise _Undo
            upload.summary = outcome.summary.record()
            upload.save(update_fields=["summary"])
            outcome.applied = True
    except _Undo:
        pass
    except Refusal as refusal:
        job.refuse(None, refusal.message, code=refusal.code)
    except IntegrityError:
        job.refuse(
            None,
            _(
                "The data changed while the file was being imported; nothing was imported. "
                "Try again."
            ),
            code="refused_by_database",
        )
    if not outcome.applied:
        upload.applied_at = None  # the savepoint took the mark back; the object follows
    outcome.problems = sorted(job.problems, key=lambda problem: problem.row or 0)
    return outcome


def _job(
    upload: Upload,
    *,
    confirming: bool,
    by: User | None = None,
    actor: object = None,
    author: str = "",
) -> Job:
    by = by or upload.uploaded_by
    return Job(
        commune=upload.commune,
        by=by,
        actor=actor,
        author=by.get_username() if by is not None else author,
        filename=upload.filename,
        options=upload.options,
        confirming=confirming,
        today=timezone.localdate(),
    )


def _sheet_read(importer: Importer[Any, Any], upload: Upload, job: Job) -> Sheet:
    return sheet_read(
        bytes(upload.content),
        importer.columns_for(job),
        filename=upload.filename,
        limits=importer.limits,
    )


def _sheet(importer: Importer[Any, Any], upload: Upload, job: Job) -> Table:
    """The rows of ``upload``: as read when it was uploaded, else (the command line, which
    reads and applies in one go) read now."""
    if upload.refusal:
        raise Refusal(upload.refusal["message"], code=upload.refusal["code"])
    if upload.table is not None:
        return PackedSheet(bytes(upload.table))
    return _sheet_read(importer, upload, job)


def _applied_before(upload: Upload) -> bool:
    applied = Upload.objects.of(upload.commune_id).filter(
        kind=upload.kind,
        digest=upload.digest,
        applied_at__isnull=False,
    )
    if upload.pk is not None:
        applied = applied.exclude(pk=upload.pk)
    return applied.exists()


def _applied_mark(upload: Upload) -> None:
    """Mark the upload applied before its rows are written, so that of two confirmations of
    one file the second waits on the constraint's index and is refused, instead of writing
    everything and failing at the end."""
    upload.applied_at = timezone.now()
    try:
        with transaction.atomic():
            if upload.pk is None:
                upload.save()
            else:
                upload.save(update_fields=["applied_at"])
    except IntegrityError:
        raise _already_imported() from None


def _rows_read(importer: Importer[RowT, Any], sheet: Table, job: Job) -> Iterator[tuple[int, RowT]]:
    """The rows that read, in file order; each one that does not is named in the job."""
    read = importer.row_read
    progress = job.progress
    for number, cells in sheet:
        job.rows += 1
        if progress is not None and not job.rows % _PROGRESS_EVERY:
            progress.reach(job.rows)
        try:
            row = read(number, cells, job)
        except Refusal as refusal:
            job.refuse(number, refusal.message, code=refusal.code)
            continue
        yield number, row
