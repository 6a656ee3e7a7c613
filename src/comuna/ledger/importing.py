"""Reading the books from the spreadsheets communes keep, all of it or nothing.

Columns (Spanish, or their English aliases): ``fecha`` (date), ``descripcion``
(description), ``debe`` (debit account code), ``haber`` (credit account code), ``monto``
(amount, dot or comma decimals), ``moneda`` (currency or unit), optional ``referencia``
(reference). Every bad row is named by its spreadsheet row number; if any row is bad,
nothing is posted. The same file is never imported twice.

Large files are posted in chunks inside one transaction: the engine builds and hashes the
entries of a chunk, the storage inserts them 500 rows per ``INSERT``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from operator import itemgetter

from django.db import IntegrityError
from django.utils.translation import gettext as _

from comuna.census.spreadsheets import (
    UnreadableFile,
    UnreadableKind,
    read_table,
    sniff_delimiter,
)
from comuna.core.bulk import garbage_collector_paused, write_ahead_log_fold
from comuna.core.models import Commune
from comuna.engines import ledger as engine
from comuna.engines.ledger import Transfer, get_unit, parse_amount
from comuna.ledger import models
from comuna.ledger.errors import LedgerError, describe
from comuna.ledger.services import posting_lock
from comuna.ledger.storage import DatabaseStorage

CHUNK = 50_000
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("fecha", "date"),
    "description": ("descripcion", "description", "concepto"),
    "debit": ("debe", "debit", "cargo"),
    "credit": ("haber", "credit", "abono"),
    "amount": ("monto", "amount", "importe"),
    "unit": ("moneda", "currency", "unit", "unidad"),
    "reference": ("referencia", "reference", "ref"),
}
REQUIRED = ("date", "description", "debit", "credit", "amount", "unit")
HEADER = ["fecha", "descripcion", "debe", "haber", "monto", "moneda", "referencia"]
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


@dataclass(frozen=True)
class Problem:
    row: int | None
    message: str


@dataclass
class ImportResult:
    rows: int = 0
    posted: int = 0
    first_sequence: int = 0
    last_sequence: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Rollback(Exception):
    pass


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace(" ", "")


def _columns(header: list[object]) -> tuple[dict[str, int], list[str]]:
    wanted = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = wanted.get(_plain(str(cell)))
        if name is not None and name not in found:
            found[name] = index
    missing = [COLUMNS[n][0] for n in REQUIRED if n not in found]
    return found, missing


def _rows(content: bytes, filename: str) -> Iterator[tuple[int, list[object]]]:
    """Rows as (spreadsheet row number, cells); CSV is streamed, not held in memory."""
    if content.startswith(b"PK\x03\x04") or filename.lower().endswith(".xlsx"):
        for n, sheet_cells in read_table(content, filename):
            row: list[object] = list(sheet_cells)
            yield n, row
        return
    if b"\x00" in content[:4096] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(UnreadableKind.NOT_A_TABLE)
    text = _decode(content)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        for number, csv_cells in enumerate(reader, start=1):
            yield number, list(csv_cells)
    except csv.Error:
        raise UnreadableFile(UnreadableKind.DAMAGED_CSV) from None


def _decode(content: bytes) -> str:
    utf16 = content.startswith((b"\xff\xfe", b"\xfe\xff"))
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def parse_date(cell: object) -> dt.date:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = str(cell).strip()
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


@dataclass(frozen=True)
class _Layout:
    """Where each field is in a row. Rows shorter than ``width`` are padded with empty
    cells; a missing reference column reads the padding."""

    pick: Callable[[list[object]], tuple[object, ...]]
    width: int


def _layout(columns: dict[str, int]) -> _Layout:
    width = max(columns.values()) + 1
    reference = columns.get("reference")
    if reference is None:
        reference = width
        width += 1
    order = [columns[name] for name in REQUIRED]
    return _Layout(pick=itemgetter(*order, reference), width=width)


def _unit(cell: object) -> str:
    code = _UNIT_CODES.get(cell) if isinstance(cell, str) else None
    if code is not None:
        return code
    text = str(cell).strip().upper()
    try:
        return get_unit(_UNIT_ALIASES.get(text, text)).code
    except engine.UnknownUnit as error:
        raise LedgerError.from_engine(error) from None


def _blank(cells: list[object]) -> bool:
    return not any(cells) or not "".join(map(str, cells)).strip()


def _transfer(cells: list[object], layout: _Layout, author: str) -> Transfer:
    if len(cells) < layout.width:
        cells = [*cells, *[""] * (layout.width - len(cells))]
    day, description, debit, credit, amount_cell, unit_cell, reference = layout.pick(cells)
    try:
        date = parse_date(day)
    except ValueError:
        raise LedgerError(
            _("“%(value)s” is not a date (use 2025-03-31 or 31/03/2025).") % {"value": day},
            code="date",
        ) from None
    unit = _unit(unit_cell)
    amount_text = str(amount_cell).strip()
    if amount_text.startswith("-"):
        raise LedgerError(
            _("The amount %(value)s is negative: swap debit and credit instead.")
            % {"value": amount_text},
            code="negative",
        )
    try:
        amount = parse_amount(amount_text, unit)
    except engine.LedgerError as error:
        raise LedgerError.from_engine(error) from None
    return Transfer(
        str(debit).strip(),
        str(credit).strip(),
        amount,
        unit,
        date,
        " ".join(str(description).split()),
        author,
        str(reference).strip(),
    )


def ledger_import(
    *, commune: Commune, content: bytes, filename: str, author: str, dry_run: bool = False
) -> ImportResult:
    """Post every row of the file, or nothing; ``result.problems`` names each bad row."""
    result = ImportResult()
    digest = hashlib.sha256(content).hexdigest()
    try:
        rows = _rows(content, filename)
        header_row = next(((n, cells) for n, cells in rows if not _blank(cells)), None)
    except UnreadableFile:
        result.problems.append(Problem(None, _("The file is not a CSV or XLSX table.")))
        return result
    if header_row is None:
        result.problems.append(Problem(None, _("The file is empty.")))
        return result
    columns, missing = _columns(header_row[1])
    if missing:
        result.problems.append(
            Problem(
                header_row[0],
                _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)},
            )
        )
        return result
    if models.LedgerImport.objects.of(commune).filter(digest=digest).exists():
        result.problems.append(
            Problem(None, _("This file was already imported; nothing was posted again."))
        )
        return result
    periods = list(models.Statement.objects.of(commune).values_list("start", "end"))
    try:
        with posting_lock(commune) as ledger:
            storage = ledger.storage
            behind = (
                storage.writing_behind() if isinstance(storage, DatabaseStorage) else nullcontext()
            )
            with garbage_collector_paused(), behind:
                _post_all(ledger, rows, _layout(columns), author, periods, result)
            if result.problems or dry_run:
                raise _Rollback
            models.LedgerImport.objects.create(
                commune=commune,
                digest=digest,
                filename=filename[:255],
                rows=result.rows,
                first_sequence=result.first_sequence,
                last_sequence=result.last_sequence,
                imported_by=author[:150],
            )
    except _Rollback:
        pass
    except UnreadableFile:
        result.problems.append(Problem(None, _("The file is damaged and cannot be read.")))
    except IntegrityError:
        result.problems.append(
            Problem(None, _("Someone else posted at the same moment; nothing was saved."))
        )
    if result.problems:
        result.posted = 0
        result.problems.sort(key=lambda p: p.row or 0)
    elif result.posted and not dry_run:
        write_ahead_log_fold()
    return result


def _post_all(
    ledger: engine.Ledger,
    rows: Iterable[tuple[int, list[object]]],
    layout: _Layout,
    author: str,
    periods: list[tuple[dt.date, dt.date]],
    result: ImportResult,
) -> None:
    chunk: list[Transfer] = []
    numbers: list[int] = []

    def flush() -> None:
        if not chunk:
            return
        try:
            entries = ledger.post_many(chunk)
        except engine.BatchRejected as batch:
            for item in batch.errors:
                result.problems.append(Problem(numbers[item.index], describe(item.error)))
        else:
            if entries:
                if not result.first_sequence:
                    result.first_sequence = entries[0].sequence
                result.last_sequence = entries[-1].sequence
                result.posted += len(entries)
        chunk.clear()
        numbers.clear()

    for number, cells in rows:
        if _blank(cells):
            continue
        result.rows += 1
        try:
            transfer = _transfer(cells, layout, author)
        except LedgerError as error:
            result.problems.append(Problem(number, error.message))
            continue
        if periods and any(start <= transfer.date <= end for start, end in periods):
            result.problems.append(
                Problem(number, _("%(date)s falls in a closed period.") % {"date": transfer.date})
            )
            continue
        chunk.append(transfer)
        numbers.append(number)
        if len(chunk) >= CHUNK:
            flush()
    flush()
