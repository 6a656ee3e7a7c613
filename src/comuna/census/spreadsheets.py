"""Tables in and out of the files communes keep: CSV in whatever encoding, and XLSX.

Reading gives plain rows of cells (text, or a date when an XLSX cell holds one), numbered as a
spreadsheet numbers them; it never raises anything but ``UnreadableFile``. Writing takes rows
of text or dates. Nothing here knows what the columns mean.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from enum import StrEnum

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

Cell = str | dt.date
Row = list[Cell]

# An XLSX file is a zip archive; an old binary .xls is an OLE compound document.
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DELIMITERS = (";", ",", "\t")


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class UnreadableKind(StrEnum):
    EMPTY = "empty"
    NOT_A_TABLE = "not_a_table"
    DAMAGED_XLSX = "damaged_xlsx"
    DAMAGED_CSV = "damaged_csv"


class UnreadableFile(Exception):
    """The bytes are not a table we can read. ``kind`` says why; the caller words it."""

    def __init__(self, kind: UnreadableKind) -> None:
        super().__init__(kind.value)
        self.kind = kind


def format_for_filename(filename: str) -> Format | None:
    """The format a file name asks for when writing, or None for anything else."""
    name = filename.lower()
    if name.endswith(".csv"):
        return Format.CSV
    if name.endswith(".xlsx"):
        return Format.XLSX
    return None


def read_table(content: bytes, filename: str = "") -> list[tuple[int, Row]]:
    """Every row of the first sheet, as ``(row number, cells)``; row 1 is the first line.

    The format comes from the content (a zip archive is read as XLSX), not from the name,
    which only serves to refuse the formats we cannot read with a clear reason.
    """
    if not content.strip():
        raise UnreadableFile(UnreadableKind.EMPTY)
    name = filename.lower()
    if content.startswith(_ZIP_MAGIC):
        return _read_xlsx(content)
    if content.startswith(_OLE_MAGIC) or name.endswith((".xls", ".ods", ".pdf", ".doc", ".docx")):
        raise UnreadableFile(UnreadableKind.NOT_A_TABLE)
    return _read_csv(_decode(content))


def _decode(content: bytes) -> str:
    """UTF-8 with or without its BOM, UTF-16 with its BOM, else Latin-1 as Windows writes it."""
    if content.startswith(_UTF8_BOM):
        try:
            return content[len(_UTF8_BOM) :].decode("utf-8")
        except UnicodeDecodeError:
            raise UnreadableFile(UnreadableKind.DAMAGED_CSV) from None
    if content.startswith(_UTF16_BOMS):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile(UnreadableKind.DAMAGED_CSV) from None
    if b"\x00" in content:
        # Text files never hold NUL bytes; this is an image, an archive or a program.
        raise UnreadableFile(UnreadableKind.NOT_A_TABLE)
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # cp1252 is what "Latin-1" means on the laptops that write these files (it has “ ” €).
        return content.decode("cp1252")
    except UnicodeDecodeError:
        return content.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """Semicolon, comma or tab: whichever the header line uses most (commas on a tie)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: header.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: (counts[delimiter], delimiter == ","))
    return best if counts[best] else ","


def _read_csv(text: str) -> list[tuple[int, Row]]:
    if "\x00" in text:
        raise UnreadableFile(UnreadableKind.NOT_A_TABLE)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        # A record that spans lines (a quoted line break) is still one spreadsheet row.
        return [(number, list(cells)) for number, cells in enumerate(reader, start=1)]
    except csv.Error:
        raise UnreadableFile(UnreadableKind.DAMAGED_CSV) from None


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return str(value)
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


def _read_xlsx(content: bytes) -> list[tuple[int, Row]]:
    if not _is_workbook(content):
        raise UnreadableFile(UnreadableKind.NOT_A_TABLE)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign archive
        raise UnreadableFile(UnreadableKind.DAMAGED_XLSX) from None
    try:
        if not workbook.worksheets:
            raise UnreadableFile(UnreadableKind.EMPTY)
        sheet = workbook.worksheets[0]
        # Some programs write a wrong size in the sheet's header; read what is really there.
        sheet.reset_dimensions()
        # Read-only sheets fill the gaps between stored rows, so the count is the row number.
        rows: list[tuple[int, Row]] = [
            (number, [_xlsx_cell(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
        return rows
    except UnreadableFile:
        raise
    except Exception:
        raise UnreadableFile(UnreadableKind.DAMAGED_XLSX) from None
    finally:
        workbook.close()


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
