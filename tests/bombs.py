"""Spreadsheets made to exhaust a server, built here (never stored) for the tests to refuse.

Each is a real XLSX (a zip archive with a workbook, its relationships and a first sheet) that
Excel's structure checks would accept; what makes it a bomb is what it unpacks to:

- :func:`single_cell_bomb`: one cell whose text inflates to ``size`` bytes (400 MiB packs to
  about 400 KB);
- :func:`rows_bomb`: a sheet of ``rows`` rows (4 million pack to about 600 KB);
- :func:`lying_bomb`: a sheet whose archive index declares a tiny size for a part that
  inflates to ``size`` bytes, so that a check of the index alone would let it through.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator

MIB = 1024 * 1024
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE_RELS}">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_RELS}">'
    '<sheets><sheet name="censo" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE_RELS}">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/worksheet"/></Relationships>'
)
HEADER = ("consejo_comunal", "hogar", "direccion", "nombres", "apellidos", "fecha_nacimiento")


def _cell(column: str, row: int, text: str) -> str:
    return f'<c r="{column}{row}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header_row() -> str:
    cells = "".join(_cell(chr(65 + n), 1, name) for n, name in enumerate(HEADER))
    return f'<row r="1">{cells}</row>'


def _workbook(sheet: Iterator[bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            for chunk in sheet:
                part.write(chunk)
    return out.getvalue()


def _single_cell_sheet(size: int) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'.encode()
    yield _header_row().encode()
    yield b'<row r="2"><c r="A2" t="inlineStr"><is><t>'
    block = b"A" * MIB
    for _ in range(size // MIB):
        yield block
    yield b"</t></is></c></row></sheetData></worksheet>"


def single_cell_bomb(size: int = 400 * MIB) -> bytes:
    """A workbook whose second row holds one cell of ``size`` letters."""
    return _workbook(_single_cell_sheet(size))


def _rows_sheet(rows: int) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'.encode()
    yield _header_row().encode()
    # Rows without a number follow the one before: every row is the same bytes, which is
    # what packs a few million of them into a few hundred kilobytes.
    block = b"<row><c><v>1</v></c></row>" * 10_000
    for _ in range(rows // 10_000):
        yield block
    yield b"<row><c><v>1</v></c></row>" * (rows % 10_000)
    yield b"</sheetData></worksheet>"


def rows_bomb(rows: int = 4_000_000) -> bytes:
    """A workbook of ``rows`` rows under a census header, each holding the number 1."""
    return _workbook(_rows_sheet(rows))


def lying_bomb(size: int = 400 * MIB, declared: int = 1_000) -> bytes:
    """:func:`single_cell_bomb` whose index says the sheet unpacks to ``declared`` bytes."""
    content = bytearray(single_cell_bomb(size))
    eocd = content.rfind(b"PK\x05\x06")
    entries, _size, offset = struct.unpack_from("<HLL", content, eocd + 10)
    at = offset
    for _ in range(entries):
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", content, at + 28)
        name = bytes(content[at + 46 : at + 46 + name_length]).decode()
        if name == "xl/worksheets/sheet1.xml":
            struct.pack_into("<L", content, at + 24, declared)
            local = struct.unpack_from("<L", content, at + 42)[0]
            struct.pack_into("<L", content, local + 22, declared)
        at += 46 + name_length + extra_length + comment_length
    return bytes(content)
