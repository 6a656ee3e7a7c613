"""Tables in and out of the files communes keep: CSV in whatever encoding, and XLSX.

Reading streams the rows of a file's first sheet as ``(row number, {column: text})``, numbered
as a spreadsheet numbers them (the first line is row 1), for the columns an import asks for.
It refuses, with a :class:`~comuna.core.refusals.Refusal` in the reader's language, a file that
is not a table, is damaged or empty, or whose header lacks a required column. Writing takes
rows of text or dates. Nothing here knows what the columns mean.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from operator import itemgetter

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from comuna.core.refusals import Refusal

Cell = str | dt.date

# An XLSX file is a zip archive; an old binary .xls is an OLE compound document.
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DELIMITERS = (";", ",", "\t")
_NOT_TABLES = (".xls", ".ods", ".pdf", ".doc", ".docx")
# A title or a note may stand above the header; the header is looked for in the first rows.
_HEADER_SEARCH_ROWS = 10
_HEADER_FILLERS = frozenset({"de", "del", "la", "el", "of", "the"})


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class SheetProblem(StrEnum):
    """Why a file as a whole cannot be read: the ``code`` of the refusal."""

    EMPTY = "empty_file"
    NOT_A_TABLE = "not_a_table"
    DAMAGED = "damaged_file"
    MISSING_COLUMN = "missing_column"
    REPEATED_COLUMN = "repeated_column"


def format_for_filename(filename: str) -> Format | None:
    """The format a file name asks for when writing, or None for anything else."""
    name = filename.lower()
    if name.endswith(".csv"):
        return Format.CSV
    if name.endswith(".xlsx"):
        return Format.XLSX
    return None


# --- Reading ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """A column an import reads.

    ``name`` is how the files communes keep write it, and the key of the column in every row
    read; ``aliases`` are other spellings (English, abbreviations). Headers are compared after
    :func:`header_key`, so capitals, accents, spaces and little words ("de") do not matter.
    ``help`` says what the column holds, for the upload page.
    """

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True
    help: str | Promise = ""


def header_key(text: str) -> str:
    """A header as it is compared: "Fecha de Nacimiento" and "fecha_nacimiento" meet."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    words = re.sub(r"[^a-z0-9]+", " ", folded).split()
    return "_".join(word for word in words if word not in _HEADER_FILLERS)


class Sheet:
    """The rows of a file under its header; iterate once for ``(row number, {column: text})``.

    Every column asked for is a key of every row: a column the file does not have (an optional
    one) reads as "". A row whose cells in those columns are all blank is skipped. Reading on
    may still raise a :class:`Refusal` when the file turns out damaged further down.
    """

    def __init__(
        self,
        rows: Iterator[tuple[int, list[str]]],
        *,
        header_row: int,
        positions: dict[str, int],
        names: Sequence[str],
        ignored_columns: list[str],
    ) -> None:
        self.header_row = header_row
        self.ignored_columns = ignored_columns
        self._rows = rows
        self._positions = positions
        self._names = tuple(names)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        present = [name for name in self._names if name in self._positions]
        absent = {name: "" for name in self._names if name not in self._positions}
        width = max(self._positions.values(), default=-1) + 1
        padding = [""] * width
        pick = itemgetter(*(self._positions[name] for name in present))
        single = len(present) == 1
        for number, cells in self._rows:
            if len(cells) < width:
                cells = cells + padding[len(cells) :]
            values = (pick(cells),) if single else pick(cells)
            if not "".join(values).strip():
                continue
            row = dict(zip(present, values, strict=True))
            if absent:
                row.update(absent)
            yield number, row


def sheet_read(content: bytes, columns: Sequence[Column], *, filename: str = "") -> Sheet:
    """Open a CSV or XLSX file and find its header; its rows are read as they are iterated.

    The format comes from the content (a zip archive is read as XLSX), not from the name, which
    only serves to refuse the formats we cannot read with a clear reason. The header is the
    first of the first rows to name three of ``columns`` (or every required one, when fewer are
    required; a title above it is skipped), else the first row that is not blank.
    """
    aliases = _aliases(columns)
    rows = _raw_rows(content, filename, aliases)
    above: list[tuple[int, list[str]]] = []
    enough = min(3, max(1, sum(column.required for column in columns)))
    header: tuple[int, list[str]] | None = None
    for number, cells in rows:
        if len({aliases.get(header_key(cell)) for cell in cells} - {None}) >= enough:
            header = (number, cells)
            break
        above.append((number, cells))
        if len(above) >= _HEADER_SEARCH_ROWS:
            break
    if header is None:
        filled = [index for index, (_n, cells) in enumerate(above) if not _is_blank(cells)]
        if filled:
            header, after = above[filled[0]], above[filled[0] + 1 :]
            rows = _chain(after, rows)
        else:
            header = next(((n, cells) for n, cells in rows if not _is_blank(cells)), None)
        if header is None:
            raise Refusal(_("The file is empty."), code=SheetProblem.EMPTY)
    positions, ignored = _header_map(header[1], aliases)
    missing = [c.name for c in columns if c.required and c.name not in positions]
    if missing:
        raise Refusal(
            _("The header has no column %(columns)s. The columns are: %(all)s.")
            % {"columns": ", ".join(missing), "all": ", ".join(c.name for c in columns)},
            code=SheetProblem.MISSING_COLUMN,
        )
    return Sheet(
        rows,
        header_row=header[0],
        positions=positions,
        names=[column.name for column in columns],
        ignored_columns=ignored,
    )


def _aliases(columns: Sequence[Column]) -> dict[str, str]:
    return {
        header_key(spelling): column.name
        for column in columns
        for spelling in (column.name, *column.aliases)
    }


def _header_map(cells: list[str], aliases: dict[str, str]) -> tuple[dict[str, int], list[str]]:
    """Which position holds each known column, and the headers that are ignored."""
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for position, cell in enumerate(cells):
        text = " ".join(cell.split())
        name = aliases.get(header_key(text))
        if name is None:
            if text:
                ignored.append(text)
        elif name in positions:
            raise Refusal(
                _("The column “%(column)s” appears twice in the header.") % {"column": text},
                code=SheetProblem.REPEATED_COLUMN,
            )
        else:
            positions[name] = position
    return positions, ignored


def _is_blank(cells: list[str]) -> bool:
    return not "".join(cells).strip()


def _chain(
    first: list[tuple[int, list[str]]], rest: Iterator[tuple[int, list[str]]]
) -> Iterator[tuple[int, list[str]]]:
    yield from first
    yield from rest


def _not_a_table() -> Refusal:
    return Refusal(
        _("This is not a CSV or XLSX file. Save the spreadsheet as CSV or XLSX and try again."),
        code=SheetProblem.NOT_A_TABLE,
    )


def _damaged() -> Refusal:
    return Refusal(
        _("The file could not be read: it may be damaged. Save it again as CSV or XLSX."),
        code=SheetProblem.DAMAGED,
    )


def _raw_rows(
    content: bytes, filename: str, aliases: dict[str, str]
) -> Iterator[tuple[int, list[str]]]:
    if not content.strip():
        raise Refusal(_("The file is empty."), code=SheetProblem.EMPTY)
    if content.startswith(_ZIP_MAGIC):
        return _xlsx_rows(content)
    if content.startswith(_OLE_MAGIC) or filename.lower().endswith(_NOT_TABLES):
        raise _not_a_table()
    text = _decode(content)
    return _csv_rows(text, _delimiter(text, aliases))


def _decode(content: bytes) -> str:
    """UTF-8 with or without its BOM, UTF-16 with its BOM, else Windows' Latin-1 (cp1252).

    A file in cp1252 is taken for UTF-8 only if its bytes happen to be valid UTF-8, which
    Spanish text never is (an accented letter is followed by a plain one, not by a
    continuation byte).
    """
    if content.startswith(_UTF8_BOM):
        try:
            return content[len(_UTF8_BOM) :].decode("utf-8")
        except UnicodeDecodeError:
            raise _damaged() from None
    if content.startswith(_UTF16_BOMS):
        try:
            text = content.decode("utf-16")
        except UnicodeDecodeError:
            raise _damaged() from None
        if "\x00" in text:
            raise _not_a_table()
        return text
    if b"\x00" in content:
        # Text files never hold NUL bytes; this is an image, an archive or a program.
        raise _not_a_table()
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # cp1252 is what "Latin-1" means on the laptops that write these files (it has “ ” €).
        return content.decode("cp1252")
    except UnicodeDecodeError:
        return content.decode("latin-1")


def _delimiter(text: str, aliases: dict[str, str]) -> str:
    """Semicolon, comma or tab: the one that splits the first lines into the most known
    column names (the header), else the one the first line holding any of them uses most."""
    head: list[str] = []
    for line in io.StringIO(text):
        if line.strip():
            head.append(line)
        if len(head) >= _HEADER_SEARCH_ROWS:
            break
    found = {delimiter: _names_found(head, delimiter, aliases) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=found.__getitem__)
    if sorted(found.values())[-2] < found[best]:
        return best
    for line in head:
        counts = {delimiter: line.count(delimiter) for delimiter in _DELIMITERS}
        most = max(_DELIMITERS, key=lambda delimiter: (counts[delimiter], delimiter == ","))
        if counts[most]:
            return most
    return ","


def _names_found(lines: list[str], delimiter: str, aliases: dict[str, str]) -> int:
    """The most known column names one of ``lines`` holds when split at ``delimiter``."""
    try:
        records = list(csv.reader(lines, delimiter=delimiter))
    except csv.Error:
        return 0
    return max(
        (len({aliases.get(header_key(cell)) for cell in cells} - {None}) for cells in records),
        default=0,
    )


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # A record that spans lines (a quoted line break) is still one spreadsheet row.
        yield from enumerate(reader, start=1)
    except csv.Error:
        raise _damaged() from None


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        # Spreadsheets keep every number as a float: an ID 12345678 comes back 12345678.0.
        return str(int(value))
    return str(value)


def _is_workbook(content: bytes) -> bool:
    """Whether a zip archive is an Excel workbook (not a Word or LibreOffice document)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return any(name.startswith("xl/") for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _xlsx_rows(content: bytes) -> Iterator[tuple[int, list[str]]]:
    if not _is_workbook(content):
        raise _not_a_table()
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign archive
        raise _damaged() from None
    if not workbook.worksheets:
        workbook.close()
        raise Refusal(_("The file is empty."), code=SheetProblem.EMPTY)
    return _xlsx_sheet_rows(workbook)


def _xlsx_sheet_rows(workbook: Workbook) -> Iterator[tuple[int, list[str]]]:
    try:
        sheet = workbook.worksheets[0]
        # Some programs write a wrong size in the sheet's header; read what is really there.
        sheet.reset_dimensions()
        # Read-only sheets fill the gaps between stored rows, so the count is the row number.
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_xlsx_text(value) for value in values]
    except Exception:
        raise _damaged() from None
    finally:
        workbook.close()


# --- Writing ------------------------------------------------------------------------------


def _csv_text(cell: Cell) -> str:
    return cell.strftime("%d/%m/%Y") if isinstance(cell, dt.date) else cell


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a BOM and semicolons: what a Spanish-language Excel opens without asking."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_text(cell) for cell in row])
    return _UTF8_BOM + buffer.getvalue().encode("utf-8")


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[Cell]], *, title: str) -> bytes:
    """One sheet; dates are real date cells shown dd/mm/yyyy; every other cell is text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append([_xlsx_write_cell(sheet, cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_write_cell(sheet: WriteOnlyWorksheet, cell: Cell) -> SheetCell:
    if isinstance(cell, dt.date):
        written = WriteOnlyCell(sheet, value=cell)  # type: ignore[arg-type]  # dates are fine
        written.number_format = "DD/MM/YYYY"
        return written
    written = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", cell))
    # Always text: an ID or a reference like 0012 keeps its form, and a name that starts
    # with "=" is never taken for a formula.
    written.data_type = "s"
    return written
