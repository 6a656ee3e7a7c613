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
import json
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol

from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from comuna.core import xlsx
from comuna.core.refusals import Refusal
from comuna.core.xlsx import Limit, LimitExceeded
from comuna.core.xlsx import Limits as Limits

Cell = str | dt.date


class SupportsWrite(Protocol):
    def write(self, text: str, /) -> object: ...


# An XLSX file is a zip archive; an old binary .xls is an OLE compound document.
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DELIMITERS = (";", ",", "\t")
_NOT_TABLES = (".xls", ".ods", ".pdf", ".doc", ".docx")
# A title or a note may stand above the header; the header is looked for in the first rows.
_HEADER_SEARCH_ROWS = 10
_PACK_CHUNK = 256 * 1024
_HEADER_FILLERS = frozenset({"de", "del", "la", "el", "of", "the"})


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


DEFAULT_LIMITS = Limits()


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
        rows_limit: int = DEFAULT_LIMITS.rows,
    ) -> None:
        self.header_row = header_row
        self.ignored_columns = ignored_columns
        self._rows = rows
        self._positions = positions
        self._names = tuple(names)
        self._rows_limit = rows_limit

    @property
    def names(self) -> list[str]:
        """The columns asked for: the keys of every row."""
        return list(self._names)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        present = [name for name in self._names if name in self._positions]
        absent = {name: "" for name in self._names if name not in self._positions}
        width = max(self._positions.values(), default=-1) + 1
        padding = [""] * width
        pick = itemgetter(*(self._positions[name] for name in present))
        single = len(present) == 1
        limit, read = self._rows_limit, 0
        for number, cells in self._rows:
            if len(cells) < width:
                cells = cells + padding[len(cells) :]
            values = (pick(cells),) if single else pick(cells)
            if not "".join(values).strip():
                continue
            read += 1
            if read > limit:
                raise limit_refusal(LimitExceeded(Limit.ROWS, limit, number), packed=False)
            row = dict(zip(present, values, strict=True))
            if absent:
                row.update(absent)
            yield number, row


def sheet_read(
    content: bytes,
    columns: Sequence[Column],
    *,
    filename: str = "",
    limits: Limits = DEFAULT_LIMITS,
) -> Sheet:
    """Open a CSV or XLSX file and find its header; its rows are read as they are iterated.

    ``limits`` are enforced while reading: a file past one of them is refused (a
    :class:`Refusal` naming the limit) as soon as that is known, before it is read whole.

    The format comes from the content (a zip archive is read as XLSX), not from the name, which
    only serves to refuse the formats we cannot read with a clear reason. The header is the
    first of the first rows to name three of ``columns`` (or every required one, when fewer are
    required; a title above it is skipped), else the first row that is not blank.
    """
    aliases = _aliases(columns)
    rows = _raw_rows(content, filename, aliases, limits)
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
        rows_limit=limits.rows,
    )


class Table(Protocol):
    """Rows under a header, as an import reads them: a :class:`Sheet` or a
    :class:`PackedSheet`. Iterating gives ``(row number, {column: text})``."""

    header_row: int
    ignored_columns: list[str]

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]: ...


def sheet_pack(sheet: Sheet) -> bytes:
    """Read ``sheet`` to its end and keep its rows, compressed, to be read again without the
    file: an upload is read (and its limits enforced) once, its preview and confirmation
    then read this. Raises the :class:`Refusal` the file earns, as iterating would."""
    packer = zlib.compressobj(6)
    out = io.BytesIO()
    meta = {"header_row": sheet.header_row, "ignored": sheet.ignored_columns, "names": sheet.names}
    out.write(packer.compress(json.dumps(meta).encode() + b"\n"))
    names = sheet.names
    for number, row in sheet:
        line = json.dumps([number, [row[name] for name in names]], ensure_ascii=False)
        out.write(packer.compress(line.encode() + b"\n"))
    out.write(packer.flush())
    return out.getvalue()


class PackedSheet:
    """The rows :func:`sheet_pack` kept, unpacked a chunk at a time as they are iterated."""

    def __init__(self, packed: bytes) -> None:
        self._packed = packed
        lines = self._lines()
        meta = json.loads(next(lines))
        self.header_row: int = meta["header_row"]
        self.ignored_columns: list[str] = meta["ignored"]
        self._names: list[str] = meta["names"]

    def _lines(self) -> Iterator[bytes]:
        unpacker = zlib.decompressobj()
        rest = b""
        packed = memoryview(self._packed)
        for at in range(0, len(packed), _PACK_CHUNK):
            data = unpacker.decompress(packed[at : at + _PACK_CHUNK])
            while True:
                *lines, rest = (rest + data).split(b"\n")
                yield from lines
                if not unpacker.unconsumed_tail:
                    break
                data = unpacker.decompress(unpacker.unconsumed_tail)
        rest += unpacker.flush()
        if rest:
            yield rest

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        names = self._names
        lines = self._lines()
        next(lines)
        for line in lines:
            number, values = json.loads(line)
            yield number, dict(zip(names, values, strict=True))


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


def limit_refusal(exceeded: LimitExceeded, *, packed: bool) -> Refusal:
    """The refusal of a file past one of its limits, naming the limit; ``packed`` for an
    XLSX (a zip archive), whose size limit counts its content once unpacked."""
    value = exceeded.value
    shown: dict[str, object] = {"limit": number_format(value, force_grouping=True)}
    limit = exceeded.limit
    if limit is Limit.ROWS:
        message = _("The file has more than %(limit)s rows; split it into several files.")
    elif limit is Limit.COLUMNS:
        message = _(
            "Row %(row)s has more than %(limit)s columns; a file for this import has far fewer."
        )
    elif limit is Limit.CELL and exceeded.row is None:
        message = _(
            "The file holds a text longer than %(limit)s characters, which no column of this "
            "import takes. It was not read."
        )
    elif limit is Limit.CELL:
        message = _(
            "Row %(row)s has a cell longer than %(limit)s characters, which no column of this "
            "import takes. The file was not read further."
        )
    elif limit is Limit.UNPACKED and packed:
        shown["limit"] = filesizeformat(value)
        message = _(
            "Unpacked, the file would take more than %(limit)s, which no spreadsheet of this "
            "kind does. It was not read."
        )
    elif limit is Limit.UNPACKED:
        shown["limit"] = filesizeformat(value)
        message = _("The file is larger than %(limit)s; split it into several files.")
    elif limit is Limit.RATIO:
        message = _(
            "Part of the file unpacks to more than %(limit)s times its packed size, which no "
            "real spreadsheet does: it may have been made to block the server. It was not read."
        )
    elif limit is Limit.DECLARED_SIZE:
        shown["limit"] = filesizeformat(value)
        message = _(
            "Part of the file unpacks to more than the %(limit)s its index declares: the file "
            "is damaged or was made to deceive. It was not read."
        )
    elif limit is Limit.PARTS:
        message = _(
            "The file is an archive of more than %(limit)s parts, which no spreadsheet is. "
            "It was not read."
        )
    elif limit is Limit.SHARED_STRINGS:
        message = _(
            "The file holds more than %(limit)s different texts; split it into several files."
        )
    else:
        message = _(
            "The file's texts add up to more than %(limit)s characters; split it into several "
            "files."
        )
    shown["row"] = exceeded.row
    return Refusal(message % shown, code=str(limit))


def spreadsheet_file_read(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """A file given on the command line, refused (before it is read) when it is larger than
    any file within ``limits`` can be; ``OSError`` when it cannot be read."""
    if path.stat().st_size > limits.unpacked_bytes:
        raise limit_refusal(LimitExceeded(Limit.UNPACKED, limits.unpacked_bytes), packed=False)
    return path.read_bytes()


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
    content: bytes, filename: str, aliases: dict[str, str], limits: Limits
) -> Iterator[tuple[int, list[str]]]:
    if not content.strip():
        raise Refusal(_("The file is empty."), code=SheetProblem.EMPTY)
    # Rows are counted exactly under the header (:class:`Sheet`); here, where the header is
    # not known yet, every row is, with room for a title and blank lines above the header.
    limits = replace(limits, rows=limits.rows + _HEADER_SEARCH_ROWS)
    if content.startswith(_ZIP_MAGIC):
        return _xlsx_rows(content, limits)
    if content.startswith(_OLE_MAGIC) or filename.lower().endswith(_NOT_TABLES):
        raise _not_a_table()
    if len(content) > limits.unpacked_bytes:
        raise limit_refusal(LimitExceeded(Limit.UNPACKED, limits.unpacked_bytes), packed=False)
    text = _decode(content)
    return _csv_rows(text, _delimiter(text, aliases), limits)


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


def _csv_rows(text: str, delimiter: str, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    """The records of a CSV, each checked against ``limits`` as it is read.

    The csv module refuses a field past its own limit (128 KiB), so a line without an end is
    never gathered whole; a cell longer than ``limits.cell_chars`` is refused on its row.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        # A record that spans lines (a quoted line break) is still one spreadsheet row.
        for number, cells in enumerate(reader, start=1):  # noqa: B007  # read after the loop
            if number > limits.rows:
                raise LimitExceeded(Limit.ROWS, limits.rows, number)
            if len(cells) > limits.columns and any(cells[limits.columns :]):
                raise LimitExceeded(Limit.COLUMNS, limits.columns, number)
            if any(len(cell) > limits.cell_chars for cell in cells):
                raise LimitExceeded(Limit.CELL, limits.cell_chars, number)
            yield number, [csv_cell_read(cell) for cell in cells]
    except csv.Error as error:
        if "field limit" in str(error):
            raise limit_refusal(
                LimitExceeded(Limit.CELL, limits.cell_chars, number + 1), packed=False
            ) from None
        raise _damaged() from None
    except LimitExceeded as exceeded:
        raise limit_refusal(exceeded, packed=False) from None


def _xlsx_rows(content: bytes, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    try:
        rows = xlsx.xlsx_rows(content, limits)
    except xlsx.NotAWorkbook:
        raise _not_a_table() from None
    except xlsx.EmptyWorkbook:
        raise Refusal(_("The file is empty."), code=SheetProblem.EMPTY) from None
    except xlsx.Damaged:
        raise _damaged() from None
    except xlsx.LimitExceeded as exceeded:
        raise limit_refusal(exceeded, packed=True) from None
    return _xlsx_guarded(rows)


def _xlsx_guarded(rows: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    try:
        yield from rows
    except xlsx.Damaged:
        raise _damaged() from None
    except xlsx.LimitExceeded as exceeded:
        raise limit_refusal(exceeded, packed=True) from None


# --- Writing ------------------------------------------------------------------------------


# A spreadsheet opening a CSV takes a cell that starts with one of these for a formula
# (OWASP, "CSV Injection"); "=HYPERLINK(…)" in a name would run when the file is opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number may start with a sign and stays as it is: with only digits, dots and commas
# after the sign there is no formula to run, and "-1250.50" must stay a readable amount.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d.,]*|[.,]\d[\d.,]*)")


def _is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and _PLAIN_NUMBER.fullmatch(text) is None


def csv_cell_safe(text: str) -> str:
    """A cell as written to a CSV: one a spreadsheet would run as a formula gets a leading
    single quote (OWASP's advice), unless it is a plain number such as ``-1250.50``.

    A cell that already starts with quotes before such a character gets one more, so that
    :func:`csv_cell_read` gives back exactly what was written out.
    """
    return "'" + text if _is_formula_like(text.lstrip("'")) else text


def csv_cell_read(text: str) -> str:
    """A CSV cell as the project wrote it with :func:`csv_cell_safe`, without the quote."""
    if text.startswith("'") and _is_formula_like(text.lstrip("'")):
        return text[1:]
    return text


class SafeCsvWriter:
    """``csv.writer`` for every CSV the project writes: each cell goes through
    :func:`csv_cell_safe`. Numbers and dates are written as text first."""

    def __init__(self, out: SupportsWrite, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([csv_cell_safe(_csv_text(cell)) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def _csv_text(cell: object) -> str:
    if isinstance(cell, dt.date):
        return cell.strftime("%d/%m/%Y")
    return "" if cell is None else str(cell)


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a BOM and semicolons: what a Spanish-language Excel opens without asking."""
    buffer = io.StringIO(newline="")
    writer = SafeCsvWriter(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return _UTF8_BOM + buffer.getvalue().encode("utf-8")


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[Cell]], *, title: str) -> bytes:
    """One sheet; dates are real date cells shown dd/mm/yyyy; every other cell is text (an
    ID or a reference like 0012 keeps its form, a name that starts with "=" is never taken
    for a formula)."""
    return xlsx.xlsx_write(header, rows, title=title)
