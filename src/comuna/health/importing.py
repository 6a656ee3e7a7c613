"""A count of the medicine stock from a spreadsheet, all of it or none.

Columns (Spanish, or their English aliases): ``articulo`` (the item's name, as on the stock
page), ``lote`` (the lot), ``contado`` (the units found on the shelf), ``fecha`` (optional:
today). The file goes through the one import pipeline (``comuna.core.imports``): every bad row
is named by its row number (an unknown item or lot, a count that is not a whole number, a
lot counted twice); if any row is bad, nothing is recorded; the same file is never imported
twice. Each row is recorded with ``count_record`` by whoever imports it, and waits, like a
count typed on the page, for a second member of the committee to confirm it as witness.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.core.imports import Importer, Job, Outcome, file_import
from comuna.core.imports.importers import Progress
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import Column
from comuna.health.models import Batch
from comuna.health.services import MAX_QUANTITY, count_record
from comuna.ledger.importing import parse_date
from comuna.users.models import User

KIND = "health_counts"
COLUMNS: tuple[Column, ...] = (
    Column(
        "articulo",
        aliases=("item", "artículo", "medicamento"),
        help=gettext_lazy("The item's name, as on the stock page."),
    ),
    Column("lote", aliases=("lot",), help=gettext_lazy("The lot, as on its box.")),
    Column(
        "contado",
        aliases=("counted", "cantidad"),
        help=gettext_lazy("The units found on the shelf, a whole number."),
    ),
    Column(
        "fecha",
        aliases=("date",),
        required=False,
        help=gettext_lazy("The day of the count: yyyy-mm-dd or dd/mm/yyyy; empty is today."),
    ),
)
HEADER = [column.name for column in COLUMNS]


@dataclass(frozen=True, slots=True)
class CountRow:
    batch: Batch
    counted: int
    date: dt.date


@dataclass(frozen=True, slots=True)
class CountSummary:
    rows: int = 0
    units: int = 0

    def record(self) -> dict[str, Any]:
        return {"rows": self.rows, "units": self.units}

    def sentence(self) -> str:
        return _("Recorded %(rows)s counts: each waits for a witness.") % {"rows": self.rows}


def _read(cells: dict[str, str], job: Job) -> CountRow:
    name, lot = " ".join(cells["articulo"].split()), cells["lote"].strip()
    batch = (
        Batch.objects.of(job.commune)
        .filter(item__name__iexact=name, lot__iexact=lot)
        .select_related("item")
        .first()
    )
    if batch is None:
        raise Refusal(
            _("There is no lot “%(lot)s” of “%(item)s”.") % {"lot": lot, "item": name},
            code="batch",
        )
    text = cells["contado"].strip()
    if not text.isdigit() or int(text) > MAX_QUANTITY:
        raise Refusal(_("“%(value)s” is not a number of units.") % {"value": text}, code="quantity")
    date = job.today
    if cells.get("fecha", "").strip():
        try:
            date = parse_date(cells["fecha"])
        except ValueError:
            raise Refusal(
                _("“%(value)s” is not a date (use 2025-03-31 or 31/03/2025).")
                % {"value": cells["fecha"]},
                code="date",
            ) from None
    return CountRow(batch=batch, counted=int(text), date=date)


class CountImporter(Importer[CountRow, CountSummary]):
    """The stock counts for the pipeline: one pending count per row."""

    kind = KIND
    columns = COLUMNS

    def row_read(self, number: int, cells: dict[str, str], job: Job) -> CountRow:
        return _read(cells, job)

    def rows_apply(self, rows: Iterator[tuple[int, CountRow]], job: Job) -> CountSummary:
        count = units = 0
        seen: dict[int, int] = {}
        for number, row in rows:
            if row.batch.pk in seen:
                job.refuse(
                    number,
                    _("Lot %(lot)s is counted twice (also in row %(row)s).")
                    % {"lot": row.batch.lot, "row": seen[row.batch.pk]},
                    code="duplicate",
                )
                continue
            seen[row.batch.pk] = number
            if not isinstance(job.by, User):
                job.refuse(None, _("Say who counted (a login)."), code="by")
                break
            try:
                count_record(
                    commune=job.commune,
                    batch=row.batch,
                    counted=row.counted,
                    date=row.date,
                    by=job.by,
                )
            except Refusal as refusal:
                job.refuse(number, refusal.message, code=refusal.code)
                continue
            count += 1
            units += row.counted
        return CountSummary(rows=count, units=units)


COUNTS = CountImporter()


def counts_import(
    *,
    commune: Commune,
    content: bytes,
    filename: str,
    by: User,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Outcome[CountSummary]:
    """Record every row of the file as a count waiting for its witness, or nothing
    (``comuna health count import FILE --by LOGIN``)."""
    return file_import(
        importer=COUNTS,
        commune=commune,
        filename=filename,
        content=content,
        by=by,
        author=by.get_username(),
        dry_run=dry_run,
        progress=progress,
    )
