"""XLSX workbooks: the first sheet read as a stream within limits fixed beforehand, and a
sheet written as a stream (:func:`xlsx_write`).

An XLSX file is a zip archive of XML parts. A few hundred kilobytes of archive can unpack to
gigabytes (a "decompression bomb"), hold a single text of hundreds of megabytes, or millions
of rows; and the sizes an archive declares in its index may be false. So nothing here trusts
the archive, and nothing is read whole:

- the index is checked before any part is unpacked: the number of parts, each part's declared
  size and its compression ratio (:class:`Limits`);
- each part is inflated here, a chunk at a time, counting the bytes as they come out: a part
  that gives more than its index declared, or the parts together more than the limit, stop
  the reading at once;
- the XML is parsed as it is inflated (expat, with no document type allowed, so no entity can
  expand), and every text is counted while it is gathered: a cell longer than the limit is
  refused before the rest of it is read;
- the table of shared texts is bounded in count and characters, and rows in count and width.

Any breach raises :class:`LimitExceeded` naming the limit; a damaged or foreign archive raises
:class:`Damaged` or :class:`NotAWorkbook`. Memory stays about the size of the shared texts
(bounded) plus one chunk of rows, whatever the file. Pure Python: no Django here; the caller
words the refusals (``comuna.core.spreadsheets``).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

_CHUNK = 64 * 1024
# Parts smaller than this are read whatever their ratio: on their own they cannot be a bomb
# (styles and themes compress very well), and the total below still counts them.
_RATIO_FLOOR = 1024 * 1024
_EOCD = b"PK\x05\x06"
_LOCAL_HEADER = b"PK\x03\x04"
_LOCAL_HEADER_SIZE = 30
_RELATIONSHIPS_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships id"


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of a spreadsheet an import reads before it refuses the file.

    The defaults fit a commune's census (200,000 people) several times over; an import whose
    files are larger (the books) sets its own. ``unpacked_bytes`` bounds an XLSX's XML once
    inflated and a CSV's size; ``ratio`` bounds how much tighter than its content a part of
    an XLSX may be packed (real sheets pack 5 to 20 times; a bomb a thousand).
    """

    rows: int = 200_000
    columns: int = 200
    cell_chars: int = 10_000
    unpacked_bytes: int = 256 * 1024 * 1024
    ratio: int = 100
    parts: int = 1_000
    shared_strings: int = 1_000_000
    shared_chars: int = 32_000_000


class Limit(StrEnum):
    """Which limit a file broke: the ``code`` of its refusal."""

    ROWS = "too_many_rows"
    COLUMNS = "too_many_columns"
    CELL = "cell_too_long"
    UNPACKED = "too_large_unpacked"
    RATIO = "too_compressed"
    PARTS = "too_many_parts"
    SHARED_STRINGS = "too_many_texts"
    SHARED_CHARS = "texts_too_long"
    DECLARED_SIZE = "size_misdeclared"


class LimitExceeded(Exception):
    """A file broke ``limit`` (whose value was ``value``), at ``row`` when known."""

    def __init__(self, limit: Limit, value: int, row: int | None = None) -> None:
        super().__init__(f"{limit}: {value} (row {row})")
        self.limit = limit
        self.value = value
        self.row = row


class Damaged(Exception):
    """The archive or its XML cannot be read as a workbook."""


class NotAWorkbook(Exception):
    """A zip archive that is not an Excel workbook (a Word or LibreOffice document…)."""


class EmptyWorkbook(Exception):
    """A workbook that holds no sheet at all."""


# --- The archive ---------------------------------------------------------------------------


class _Archive:
    """The parts of a zip archive in memory, inflated only through :meth:`chunks`."""

    def __init__(self, content: bytes, limits: Limits) -> None:
        self.content = content
        self.limits = limits
        self.unpacked = 0
        if _declared_parts(content) > limits.parts:
            raise LimitExceeded(Limit.PARTS, limits.parts)
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                self.parts = {info.filename: info for info in archive.infolist()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise NotAWorkbook from None
        if len(self.parts) > limits.parts:
            raise LimitExceeded(Limit.PARTS, limits.parts)
        if not any(name.startswith("xl/") for name in self.parts):
            raise NotAWorkbook
        for info in self.parts.values():
            self._check_declared(info)

    def _check_declared(self, info: zipfile.ZipInfo) -> None:
        """Refuse on the index alone, before anything is inflated."""
        limits = self.limits
        if info.file_size > limits.unpacked_bytes:
            raise LimitExceeded(Limit.UNPACKED, limits.unpacked_bytes)
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            raise LimitExceeded(Limit.RATIO, limits.ratio)

    def has(self, name: str) -> bool:
        return name in self.parts

    def chunks(self, name: str) -> Iterator[bytes]:
        """The part ``name`` inflated a chunk at a time, its bytes counted as they come: more
        than the index declared, or than the limit for all parts together, stops it."""
        info = self.parts.get(name)
        if info is None:
            raise Damaged
        if info.flag_bits & 0x1:  # encrypted
            raise Damaged
        start = self._data_start(info)
        raw = memoryview(self.content)[start : start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            pieces: Iterator[bytes] = (
                bytes(raw[at : at + _CHUNK]) for at in range(0, len(raw), _CHUNK)
            )
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            pieces = _inflated(raw)
        else:
            raise Damaged
        produced = 0
        crc = 0
        for piece in pieces:
            produced += len(piece)
            self.unpacked += len(piece)
            if produced > info.file_size:
                # The index lied about the size: the ratio checked above means nothing.
                raise LimitExceeded(Limit.DECLARED_SIZE, info.file_size)
            if self.unpacked > self.limits.unpacked_bytes:
                raise LimitExceeded(Limit.UNPACKED, self.limits.unpacked_bytes)
            crc = zlib.crc32(piece, crc)
            yield piece
        if produced != info.file_size or crc != info.CRC:
            raise Damaged

    def _data_start(self, info: zipfile.ZipInfo) -> int:
        offset = info.header_offset
        header = self.content[offset : offset + _LOCAL_HEADER_SIZE]
        if len(header) < _LOCAL_HEADER_SIZE or not header.startswith(_LOCAL_HEADER):
            raise Damaged
        lengths: tuple[int, int] = struct.unpack_from("<HH", header, 26)
        return offset + _LOCAL_HEADER_SIZE + sum(lengths)


def _declared_parts(content: bytes) -> int:
    """How many parts the archive's end record declares, read before the index is loaded
    (an index of millions of entries would itself fill the memory)."""
    at = content.rfind(_EOCD, max(0, len(content) - 65_557))
    if at < 0 or len(content) < at + 22:
        raise NotAWorkbook
    total: int = struct.unpack_from("<H", content, at + 10)[0]
    return total


def _inflated(raw: memoryview) -> Iterator[bytes]:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for at in range(0, len(raw), _CHUNK):
            piece = inflater.decompress(raw[at : at + _CHUNK], _CHUNK)
            while True:
                if piece:
                    yield piece
                if not inflater.unconsumed_tail:
                    break
                piece = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
        rest = inflater.flush()
        if rest:
            yield rest
    except zlib.error:
        raise Damaged from None


# --- XML as it comes ----------------------------------------------------------------------


StartHandler = Callable[[str, dict[str, str]], None]
EndHandler = Callable[[str], None]


class _Text:
    """The text of the element being read, refused once longer than ``limit`` characters."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.size = 0
        self.capturing = False
        self.row: int | None = None

    def start(self) -> None:
        self.capturing = True

    def stop(self) -> None:
        self.capturing = False

    def add(self, data: str) -> None:
        if not self.capturing:
            return
        self.size += len(data)
        if self.size > self.limit:
            raise LimitExceeded(Limit.CELL, self.limit, self.row)
        self.parts.append(data)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        self.size = 0
        return text


def _no_doctype(*_args: object) -> None:
    # Spreadsheet XML never has a document type; refusing it leaves no entity to expand.
    raise Damaged


def _parser(start: StartHandler, end: EndHandler, text: _Text) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = _CHUNK
    parser.StartDoctypeDeclHandler = _no_doctype
    parser.EntityDeclHandler = _no_doctype

    def started(name: str, attributes: dict[str, str]) -> None:
        start(name.rpartition(" ")[2], attributes)

    def ended(name: str) -> None:
        end(name.rpartition(" ")[2])

    parser.StartElementHandler = started
    parser.EndElementHandler = ended
    parser.CharacterDataHandler = text.add
    return parser


def _feed(parser: expat.XMLParserType, chunk: bytes, final: bool = False) -> None:
    try:
        parser.Parse(chunk, final)
    except expat.ExpatError:
        raise Damaged from None


def _parse_all(chunks: Iterator[bytes], start: StartHandler, end: EndHandler, text: _Text) -> None:
    parser = _parser(start, end, text)
    for chunk in chunks:
        _feed(parser, chunk)
    _feed(parser, b"", True)


# --- The workbook --------------------------------------------------------------------------


@dataclass(slots=True)
class _Book:
    sheet: str
    shared_strings: str | None
    styles: str | None
    epoch: dt.datetime


def _relationships(archive: _Archive, name: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    if not archive.has(name):
        return found

    def start(tag: str, attributes: dict[str, str]) -> None:
        if tag == "Relationship":
            found.append(attributes)

    _parse_all(archive.chunks(name), start, lambda _tag: None, _Text(archive.limits.cell_chars))
    return found


def _target(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _book(archive: _Archive) -> _Book:
    workbook = "xl/workbook.xml"
    for relation in _relationships(archive, "_rels/.rels"):
        if relation.get("Type", "").endswith("/officeDocument"):
            workbook = _target("", relation.get("Target", workbook))
    if not archive.has(workbook):
        raise NotAWorkbook
    first_sheet: list[str] = []
    epoch = [CALENDAR_WINDOWS_1900]

    def start(tag: str, attributes: dict[str, str]) -> None:
        if tag == "sheet" and not first_sheet:
            first_sheet.append(attributes.get(_RELATIONSHIPS_ID, ""))
        elif tag == "workbookPr" and attributes.get("date1904", "").lower() in ("1", "true"):
            epoch[0] = CALENDAR_MAC_1904

    _parse_all(archive.chunks(workbook), start, lambda _tag: None, _Text(archive.limits.cell_chars))
    if not first_sheet:
        raise EmptyWorkbook
    rels = posixpath.join(posixpath.dirname(workbook), "_rels", posixpath.basename(workbook))
    targets: dict[str, str] = {}
    by_type: dict[str, str] = {}
    for relation in _relationships(archive, rels + ".rels"):
        target = _target(workbook, relation.get("Target", ""))
        targets[relation.get("Id", "")] = target
        by_type[relation.get("Type", "").rpartition("/")[2]] = target
    sheet = targets.get(first_sheet[0])
    if sheet is None or not archive.has(sheet):
        raise Damaged
    strings = by_type.get("sharedStrings")
    styles = by_type.get("styles")
    return _Book(
        sheet=sheet,
        shared_strings=strings if strings and archive.has(strings) else None,
        styles=styles if styles and archive.has(styles) else None,
        epoch=epoch[0],
    )


def _shared_strings(archive: _Archive, name: str | None) -> list[str]:
    strings: list[str] = []
    if name is None:
        return strings
    limits = archive.limits
    text = _Text(limits.cell_chars)
    total = [0]
    phonetic = [0]

    def start(tag: str, _attributes: dict[str, str]) -> None:
        if tag == "rPh":
            phonetic[0] += 1
        elif tag == "t" and not phonetic[0]:
            text.start()

    def end(tag: str) -> None:
        if tag == "t":
            text.stop()
        elif tag == "rPh":
            phonetic[0] -= 1
        elif tag == "si":
            value = text.take().replace("x005F_", "")
            total[0] += len(value)
            if total[0] > limits.shared_chars:
                raise LimitExceeded(Limit.SHARED_CHARS, limits.shared_chars)
            strings.append(value)
            if len(strings) > limits.shared_strings:
                raise LimitExceeded(Limit.SHARED_STRINGS, limits.shared_strings)

    _parse_all(archive.chunks(name), start, end, text)
    return strings


def _date_styles(archive: _Archive, name: str | None) -> tuple[set[int], set[int]]:
    """The styles (by index) that show a number as a date, and those that show a duration."""
    if name is None:
        return set(), set()
    formats: dict[int, str] = dict(BUILTIN_FORMATS)
    styles: list[int] = []
    inside = [False]

    def start(tag: str, attributes: dict[str, str]) -> None:
        if tag == "numFmt":
            try:
                formats[int(attributes.get("numFmtId", ""))] = attributes.get("formatCode", "")
            except ValueError:
                pass
        elif tag == "cellXfs":
            inside[0] = True
        elif tag == "xf" and inside[0]:
            try:
                styles.append(int(attributes.get("numFmtId", "0")))
            except ValueError:
                styles.append(0)

    def end(tag: str) -> None:
        if tag == "cellXfs":
            inside[0] = False

    _parse_all(archive.chunks(name), start, end, _Text(archive.limits.cell_chars))
    dates = {index for index, fmt in enumerate(styles) if is_date_format(formats.get(fmt))}
    durations = {index for index in dates if is_timedelta_format(formats.get(styles[index]))}
    return dates, durations


# --- The sheet -----------------------------------------------------------------------------


def _column_number(reference: str) -> int:
    """1 for "A1", 28 for "AB7"; 0 when the reference has no letters."""
    number = 0
    for char in reference:
        if "A" <= char <= "Z":
            number = number * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            number = number * 26 + ord(char) - 96
        else:
            break
        if number > 16_384:  # past the widest sheet Excel makes
            raise Damaged
    return number


def _number_text(value: str) -> str:
    try:
        return str(int(value))
    except ValueError:
        pass
    try:
        number = float(value)
    except ValueError:
        raise Damaged from None
    # Spreadsheets keep every number as a float: an ID 12345678 comes back 12345678.0.
    return str(int(number)) if number.is_integer() else str(number)


class _SheetReader:
    """Turns the sheet's XML events into rows of text, handed out after each chunk."""

    def __init__(
        self,
        limits: Limits,
        strings: list[str],
        dates: set[int],
        durations: set[int],
        epoch: dt.datetime,
    ) -> None:
        self.limits = limits
        self.strings = strings
        self.dates = dates
        self.durations = durations
        self.epoch = epoch
        self.text = _Text(limits.cell_chars)
        self.ready: list[tuple[int, list[str]]] = []
        self.rows = 0
        self.row_number = 0
        self.cells: dict[int, str] = {}
        self.column = 0
        self.kind = "n"
        self.style = 0
        self.phonetic = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "c":
            reference = attributes.get("r")
            number = _column_number(reference) if reference else 0
            self.column = number if number else self.column + 1
            self.kind = attributes.get("t", "n")
            try:
                self.style = int(attributes.get("s", "0"))
            except ValueError:
                self.style = 0
            self.text.take()
        elif tag == "v" or (tag == "t" and self.kind == "inlineStr" and not self.phonetic):
            self.text.start()
        elif tag == "rPh":
            self.phonetic += 1
        elif tag == "row":
            try:
                number = int(attributes.get("r", "0"))
            except ValueError:
                raise Damaged from None
            self.row_number = number if number > 0 else self.row_number + 1
            self.text.row = self.row_number
            self.cells = {}
            self.column = 0

    def end(self, tag: str) -> None:
        if tag in ("v", "t"):
            self.text.stop()
        elif tag == "c":
            value = self._value(self.text.take())
            if value:
                if self.column > self.limits.columns:
                    raise LimitExceeded(Limit.COLUMNS, self.limits.columns, self.row_number)
                self.cells[self.column] = value
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "row":
            self.rows += 1
            if self.rows > self.limits.rows:
                raise LimitExceeded(Limit.ROWS, self.limits.rows, self.row_number)
            width = max(self.cells, default=0)
            self.ready.append(
                (self.row_number, [self.cells.get(column, "") for column in range(1, width + 1)])
            )

    def _value(self, raw: str) -> str:
        kind = self.kind
        if kind == "inlineStr" or kind == "str" or kind == "e":
            return raw
        if not raw:
            return ""
        if kind == "s":
            try:
                return self.strings[int(raw)]
            except (ValueError, IndexError):
                raise Damaged from None
        if kind == "b":
            return str(raw.strip() not in ("0", "false"))
        if kind == "d":
            return raw.strip()[:10]
        if self.style in self.dates:
            return self._date(raw)
        return _number_text(raw)

    def _date(self, raw: str) -> str:
        try:
            serial = float(raw)
            if self.style in self.durations:
                return str(from_excel(serial, self.epoch, timedelta=True))
            when = from_excel(serial, self.epoch)
        except (OverflowError, ValueError):
            return "#VALUE!"
        if isinstance(when, dt.datetime):
            return when.date().isoformat()
        return str(when)


def xlsx_rows(content: bytes, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    """The rows of the workbook's first sheet, ``(row number, cells)``, as they are read.

    Raises at once, or while iterating, :class:`LimitExceeded`, :class:`Damaged` or
    :class:`NotAWorkbook`; :class:`EmptyWorkbook` for a workbook without a sheet.
    """
    archive = _Archive(content, limits)
    book = _book(archive)
    strings = _shared_strings(archive, book.shared_strings)
    dates, durations = _date_styles(archive, book.styles)
    return _stream(archive, book, _SheetReader(limits, strings, dates, durations, book.epoch))


def _stream(
    archive: _Archive, book: _Book, reader: _SheetReader
) -> Iterator[tuple[int, list[str]]]:
    parser = _parser(reader.start, reader.end, reader.text)
    for chunk in archive.chunks(book.sheet):
        try:
            _feed(parser, chunk)
        except LimitExceeded:
            # The rows read before the limit are handed out first, as if read one by one.
            yield from reader.ready
            raise
        yield from reader.ready
        reader.ready.clear()
    _feed(parser, b"", True)
    yield from reader.ready
    reader.ready.clear()


# --- Writing -------------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEETML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPES = (
    f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEETML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SHEETML}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_SHEETML}.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{_OFFICE_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{_OFFICE_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_OFFICE_RELS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Style 0 is text as it is; style 1 shows a date as 31/12/2024.
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="DD/MM/YYYY"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_EPOCH = dt.date(1899, 12, 30)
# Characters XML 1.0 cannot hold at all; they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escaped(text: str) -> str:
    return _NOT_XML.sub("", text).translate(_ESCAPES)


def _sheet_xml(header: Sequence[str], rows: Iterable[Sequence[str | dt.date]]) -> Iterator[str]:
    yield f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetData>'
    letters: list[str] = []
    batch: list[str] = []
    for number, row in enumerate(itertools.chain([header], rows), start=1):
        while len(letters) < len(row):
            letters.append(_column_letters(len(letters) + 1))
        batch.append(f'<row r="{number}">')
        for letter, cell in zip(letters, row, strict=False):
            if isinstance(cell, dt.date):
                day = cell.date() if isinstance(cell, dt.datetime) else cell
                batch.append(f'<c r="{letter}{number}" s="1"><v>{(day - _EPOCH).days}</v></c>')
            elif cell:
                # Inline text, never a formula: a name that starts with "=" stays a name.
                batch.append(
                    f'<c r="{letter}{number}" t="inlineStr"><is>'
                    f'<t xml:space="preserve">{_escaped(cell)}</t></is></c>'
                )
        batch.append("</row>")
        if len(batch) > 4096:
            yield "".join(batch)
            batch.clear()
    batch.append("</sheetData></worksheet>")
    yield "".join(batch)


def xlsx_write(
    header: Sequence[str], rows: Iterable[Sequence[str | dt.date]], *, title: str
) -> bytes:
    """A workbook of one sheet named ``title``: every cell text (inline, never a formula),
    dates as date cells shown dd/mm/yyyy. The rows are written as they come, so a census of
    tens of thousands takes a fraction of a second and little memory."""
    name = _escaped(_NOT_IN_TITLE.sub("", title)[:31] or "Hoja1").replace('"', "&quot;")
    workbook = (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE_RELS}"><sheets>'
        f'<sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _STYLES)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for piece in _sheet_xml(header, rows):
                sheet.write(piece.encode("utf-8"))
    return out.getvalue()
