"""Reading the books from the spreadsheets communes keep, all of it or nothing.

Columns (Spanish, or their English aliases): ``fecha`` (date), ``descripcion``
(description), ``debe`` (debit account code), ``haber`` (credit account code), ``monto``
(amount, dot or comma decimals), ``moneda`` (currency or unit), optional ``referencia``
(reference). The file goes through the one import pipeline (``comuna.core.imports``): every
bad row is named by its spreadsheet row number; if any row is bad, nothing is posted; the same
file is never imported twice.

Only the engine knows whether a row leaves an account short, so the rows are checked by
posting them: in chunks inside the pipeline's transaction, which a preview or a bad row rolls
back. The engine builds and hashes the entries of a chunk, the storage inserts them 500 rows
per ``INSERT`` on a thread of its own while the next chunk is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.core.bulk import garbage_collector_paused, write_ahead_log_fold
from comuna.core.imports import Importer, Job, Outcome, file_import
from comuna.core.imports.importers import Progress
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import Column, Limits
from comuna.engines import ledger as engine
from comuna.engines.ledger import Transfer, get_unit, parse_amount
from comuna.ledger import models
from comuna.ledger.errors import describe, refusal_from_engine
from comuna.ledger.services import entry_date_check, posting_lock
from comuna.ledger.storage import DatabaseStorage

KIND = "ledger"
CHUNK = 50_000
COLUMNS: tuple[Column, ...] = (
    Column(
        "fecha",
        aliases=("date",),
        help=gettext_lazy("The entry's date: yyyy-mm-dd or dd/mm/yyyy, outside any closed period."),
    ),
    Column(
        "descripcion",
        aliases=("description", "concepto"),
        help=gettext_lazy("What happened, in words."),
    ),
    Column(
        "debe",
        aliases=("debit", "cargo"),
        help=gettext_lazy("The account code debited (see the chart below)."),
    ),
    Column(
        "haber",
        aliases=("credit", "abono"),
        help=gettext_lazy("The account code credited (see the chart below)."),
    ),
    Column(
        "monto",
        aliases=("amount", "importe"),
        help=gettext_lazy(
            "The amount, with a dot or a comma for decimals (1.250,50 or 1250.50); never negative."
        ),
    ),
    Column(
        "moneda",
        aliases=("currency", "unit", "unidad"),
        help=gettext_lazy("The currency or unit of both accounts: VES (or Bs), USD, KG, L…"),
    ),
    Column(
        "referencia",
        aliases=("reference", "ref"),
        required=False,
        help=gettext_lazy("A receipt or invoice number (optional)."),
    ),
)
HEADER = [column.name for column in COLUMNS]
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


@dataclass(frozen=True, slots=True)
class LedgerSummary:
    """What posting a file did, or would do: its transfers and the entries' numbers."""

    rows: int = 0
    posted: int = 0
    first_sequence: int = 0
    last_sequence: int = 0

    def record(self) -> dict[str, Any]:
        return {
            "rows": self.posted,
            "first_sequence": self.first_sequence,
            "last_sequence": self.last_sequence,
        }

    def sentence(self) -> str:
        return _("Posted %(rows)s entries from the file, numbers %(first)s to %(last)s.") % {
            "rows": self.posted,
            "first": self.first_sequence,
            "last": self.last_sequence,
        }


def parse_date(text: str) -> dt.date:
    text = text.strip()
    if len(text) == 10 and text[4] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(text)


# Units as people write them in a spreadsheet's "moneda" column, to their codes.
_UNIT_ALIASES = {"BS": "VES", "BS.": "VES", "BSS": "VES", "BSD": "VES", "BOLIVARES": "VES"}
_UNIT_ALIASES["BOLÍVARES"] = "VES"
_UNIT_CODES = {**{code: code for code in engine.UNITS}, **_UNIT_ALIASES}


def _unit(cell: str) -> str:
    code = _UNIT_CODES.get(cell)
    if code is not None:
        return code
    text = cell.strip().upper()
    try:
        return get_unit(_UNIT_ALIASES.get(text, text)).code
    except engine.UnknownUnit as error:
        raise refusal_from_engine(error) from None


def _transfer(cells: dict[str, str], author: str) -> Transfer:
    day = cells["fecha"]
    try:
        date = parse_date(day)
    except ValueError:
        raise Refusal(
            _("“%(value)s” is not a date (use 2025-03-31 or 31/03/2025).") % {"value": day},
            code="date",
        ) from None
    entry_date_check(date)
    unit = _unit(cells["moneda"])
    amount_text = cells["monto"].strip()
    if amount_text.startswith("-"):
        raise Refusal(
            _("The amount %(value)s is negative: swap debit and credit instead.")
            % {"value": amount_text},
            code="negative",
        )
    try:
        amount = parse_amount(amount_text, unit)
    except engine.LedgerError as error:
        raise refusal_from_engine(error) from None
    return Transfer(
        cells["debe"].strip(),
        cells["haber"].strip(),
        amount,
        unit,
        date,
        " ".join(cells["descripcion"].split()),
        author,
        cells["referencia"].strip(),
    )


class LedgerImporter(Importer[Transfer, LedgerSummary]):
    """The books' import for the pipeline: one transfer per row."""

    kind = KIND
    columns = COLUMNS
    # Years of books run to a million rows (about 100 MB of CSV from the command line); a
    # bomb is still refused on its ratio, its declared sizes or its first long cell.
    limits = Limits(
        rows=2_000_000,
        unpacked_bytes=512 * 1024 * 1024,
        shared_strings=4_000_000,
        shared_chars=128_000_000,
    )

    def row_read(self, number: int, cells: dict[str, str], job: Job) -> Transfer:
        return _transfer(cells, job.author)

    def rows_apply(self, rows: Iterator[tuple[int, Transfer]], job: Job) -> LedgerSummary:
        """Post every transfer, a chunk at a time, under the commune's posting lock."""
        periods = list(models.Statement.objects.of(job.commune).values_list("start", "end"))
        posting = _Posting(job, periods)
        try:
            with posting_lock(job.commune) as ledger:
                storage = ledger.storage
                behind = (
                    storage.writing_behind()
                    if isinstance(storage, DatabaseStorage)
                    else nullcontext()
                )
                with garbage_collector_paused(), behind:
                    posting.run(ledger, rows)
        except IntegrityError:
            raise Refusal(
                _("Someone else posted at the same moment; nothing was saved."),
                code="storage_conflict",
            ) from None
        if posting.posted and job.writes:
            # A million entries leave a large write-ahead log behind; fold it once committed.
            transaction.on_commit(write_ahead_log_fold)
        return LedgerSummary(
            rows=job.rows,
            posted=posting.posted,
            first_sequence=posting.first_sequence,
            last_sequence=posting.last_sequence,
        )


class _Posting:
    """Transfers gathered into chunks and posted; the engine's refusals named by row."""

    def __init__(self, job: Job, periods: list[tuple[dt.date, dt.date]]) -> None:
        self.job = job
        self.periods = periods
        self.posted = 0
        self.first_sequence = 0
        self.last_sequence = 0

    def run(self, ledger: engine.Ledger, rows: Iterator[tuple[int, Transfer]]) -> None:
        chunk: list[Transfer] = []
        numbers: list[int] = []
        periods, job = self.periods, self.job
        for number, transfer in rows:
            if periods and any(start <= transfer.date <= end for start, end in periods):
                job.refuse(
                    number, _("%(date)s falls in a closed period.") % {"date": transfer.date}
                )
                continue
            chunk.append(transfer)
            numbers.append(number)
            if len(chunk) >= CHUNK:
                self._flush(ledger, chunk, numbers)
        self._flush(ledger, chunk, numbers)

    def _flush(self, ledger: engine.Ledger, chunk: list[Transfer], numbers: list[int]) -> None:
        if not chunk:
            return
        try:
            entries = ledger.post_many(chunk)
        except engine.BatchRejected as batch:
            for item in batch.errors:
                self.job.refuse(numbers[item.index], describe(item.error), code=item.error.code)
        else:
            if entries:
                if not self.first_sequence:
                    self.first_sequence = entries[0].sequence
                self.last_sequence = entries[-1].sequence
                self.posted += len(entries)
        chunk.clear()
        numbers.clear()


LEDGER = LedgerImporter()


def ledger_import(
    *,
    commune: Commune,
    content: bytes,
    filename: str,
    author: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Outcome[LedgerSummary]:
    """Post every row of the file, or nothing; ``outcome.problems`` names each bad row.

    The command line's way in (``comuna ledger import``); ``author`` names who typed the books.
    """
    return file_import(
        importer=LEDGER,
        commune=commune,
        filename=filename,
        content=content,
        author=author,
        dry_run=dry_run,
        progress=progress,
    )
