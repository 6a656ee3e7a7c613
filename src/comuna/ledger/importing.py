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
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import IntegrityError
from django.utils.translation import gettext as _

from comuna.census.spreadsheets import (
    UnreadableFile,
    UnreadableKind,
    read_table,
    sniff_delimiter,
)
from comuna.core.models import Commune
from comuna.engines import ledger as engine
from comuna.engines.ledger import Transfer, get_unit, parse_amount
from comuna.ledger import models
from comuna.ledger.errors import LedgerError, describe
from comuna.ledger.services import posting_lock

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


_SPACE = re.compile(r"\s+")


def _transfer(cells: list[object], columns: dict[str, int], author: str) -> Transfer:
    def cell(name: str) -> object:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    try:
        date = parse_date(cell("date"))
    except ValueError:
        raise LedgerError(
            _("“%(value)s” is not a date (use 2025-03-31 or 31/03/2025).")
            % {"value": cell("date")},
            code="date",
        ) from None
    unit_text = str(cell("unit")).strip().upper()
    if unit_text in ("BS", "BS.", "BSS", "BSD", "BOLIVARES", "BOLÍVARES"):
        unit_text = "VES"
    try:
        unit = get_unit(unit_text).code
    except engine.UnknownUnit as error:
        raise LedgerError.from_engine(error) from None
    amount_text = str(cell("amount")).strip()
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
        debit=str(cell("debit")).strip(),
        credit=str(cell("credit")).strip(),
        amount=amount,
        unit=unit,
        date=date,
        description=_SPACE.sub(" ", str(cell("description"))).strip(),
        author=author,
        reference=str(cell("reference")).strip(),
    )


def ledger_import(
    *, commune: Commune, content: bytes, filename: str, author: str, dry_run: bool = False
) -> ImportResult:
    """Post every row of the file, or nothing; ``result.problems`` names each bad row."""
    result = ImportResult()
    digest = hashlib.sha256(content).hexdigest()
    try:
        rows = _rows(content, filename)
        header_row = next(
            ((n, cells) for n, cells in rows if any(str(c).strip() for c in cells)), None
        )
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
    if models.LedgerImport.objects.filter(commune=commune, digest=digest).exists():
        result.problems.append(
            Problem(None, _("This file was already imported; nothing was posted again."))
        )
        return result
    periods = list(models.Statement.objects.filter(commune=commune).values_list("start", "end"))
    try:
        with posting_lock(commune) as ledger:
            _post_all(ledger, rows, columns, author, periods, result)
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
    return result


def _post_all(
    ledger: engine.Ledger,
    rows: Iterable[tuple[int, list[object]]],
    columns: dict[str, int],
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
        if not any(str(c).strip() for c in cells):
            continue
        result.rows += 1
        try:
            transfer = _transfer(cells, columns, author)
        except LedgerError as error:
            result.problems.append(Problem(number, error.message))
            continue
        if any(start <= transfer.date <= end for start, end in periods):
            result.problems.append(
                Problem(number, _("%(date)s falls in a closed period.") % {"date": transfer.date})
            )
            continue
        chunk.append(transfer)
        numbers.append(number)
        if len(chunk) >= CHUNK:
            flush()
    flush()
