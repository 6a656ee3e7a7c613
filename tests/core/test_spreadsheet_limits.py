"""A spreadsheet made to exhaust the server is refused while it is read, in bounded memory.

The bombs are built here (``tests.bombs``). Each is refused with a message naming the limit
it broke, and ``tracemalloc`` shows what reading it cost: never the size it unpacks to.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.utils import translation

from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import DEFAULT_LIMITS, Column, Limits, sheet_read
from comuna.core.xlsx import Limit
from tests import bombs

COLUMNS = [Column(name) for name in bombs.HEADER]
MIB = bombs.MIB


@pytest.fixture(scope="module")
def cell_bomb() -> bytes:
    return bombs.single_cell_bomb()


@pytest.fixture(scope="module")
def rows_bomb() -> bytes:
    return bombs.rows_bomb()


def refused(content: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[Refusal, int, list[int]]:
    """The refusal of reading ``content`` to its end, the peak of memory it took (bytes), and
    the rows read before it."""
    read: list[int] = []
    tracemalloc.start()
    try:
        with translation.override("es"), pytest.raises(Refusal) as raised:
            for number, _row in sheet_read(content, COLUMNS, limits=limits):
                read.append(number)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return raised.value, peak, read


def test_a_single_cell_of_400_mib_is_refused_on_its_declared_size_before_it_is_inflated(
    cell_bomb: bytes,
) -> None:
    assert len(cell_bomb) < 500_000
    refusal, peak, _read = refused(cell_bomb)
    assert refusal.code == Limit.UNPACKED
    assert refusal.message == (
        "Descomprimido, el archivo ocuparía más de 256,0\xa0MB, y ninguna hoja de cálculo de este "
        "tipo ocupa tanto. No se leyó."
    )
    assert peak < 8 * MIB


def test_a_part_packed_far_tighter_than_any_sheet_is_refused_on_its_ratio(cell_bomb: bytes) -> None:
    refusal, peak, _read = refused(cell_bomb, Limits(unpacked_bytes=1024 * MIB))
    assert refusal.code == Limit.RATIO
    assert "más de 100 veces" in refusal.message
    assert peak < 8 * MIB


def test_a_cell_is_refused_once_longer_than_the_limit_while_it_is_being_read(
    cell_bomb: bytes,
) -> None:
    # With the index's checks out of the way, the text is counted as it is parsed.
    limits = Limits(unpacked_bytes=1024 * MIB, ratio=10**9)
    refusal, peak, _read = refused(cell_bomb, limits)
    assert refusal.code == Limit.CELL
    assert refusal.message.startswith("La fila 2 tiene una celda de más de 10\xa0000 caracteres")
    assert peak < 8 * MIB


def test_a_part_whose_index_understates_its_size_is_refused_as_soon_as_it_gives_more() -> None:
    refusal, peak, _read = refused(bombs.lying_bomb())
    assert refusal.code == Limit.DECLARED_SIZE
    assert "1000\xa0bytes" in refusal.message
    assert peak < 8 * MIB


def test_four_million_rows_in_a_few_hundred_kilobytes_are_refused_on_their_ratio(
    rows_bomb: bytes,
) -> None:
    assert len(rows_bomb) < 700_000
    refusal, peak, read = refused(rows_bomb)
    assert refusal.code == Limit.RATIO
    assert read == []
    assert peak < 8 * MIB


def test_rows_are_counted_as_they_are_read_and_refused_past_the_limit(rows_bomb: bytes) -> None:
    refusal, peak, read = refused(rows_bomb, Limits(ratio=10**9, rows=20_000))
    assert refusal.code == Limit.ROWS
    assert refusal.message == (
        "El archivo tiene más de 20\xa0000 filas; divídelo en varios archivos."
    )
    # Streamed: the rows up to the limit were handed out, and the file read no further.
    assert len(read) == 20_000 and read[-1] == 20_001
    assert peak < 8 * MIB


def test_a_csv_of_millions_of_rows_is_refused_at_the_row_past_the_limit() -> None:
    content = b"consejo_comunal;hogar;direccion;nombres;apellidos;fecha_nacimiento\n" + (
        b"CC01;1;Calle;Ana;Rivas;01/01/1990\n" * 400_000
    )
    refusal, _peak, read = refused(content, Limits(rows=1_000))
    assert refusal.code == Limit.ROWS
    assert len(read) == 1_000


def test_a_csv_line_that_never_ends_is_refused_on_its_length() -> None:
    content = b"consejo_comunal;hogar;direccion;nombres;apellidos;fecha_nacimiento\n" + b"x" * (
        20 * MIB
    )
    refusal, _peak, _read = refused(content)
    assert refusal.code == Limit.CELL
    assert refusal.message.startswith("La fila 2 tiene una celda de más de 10\xa0000 caracteres")


def test_a_csv_larger_than_the_limit_is_refused_before_it_is_decoded() -> None:
    refusal, _peak, _read = refused(b"a;b\n" * 1000, Limits(unpacked_bytes=1000))
    assert refusal.code == Limit.UNPACKED
    assert refusal.message == "El archivo pesa más de 1000\xa0bytes; divídelo en varios archivos."


def test_a_row_wider_than_the_limit_is_refused_on_its_row() -> None:
    wide = ";".join(["x"] * 300)
    content = f"consejo_comunal;hogar;direccion;nombres;apellidos;fecha_nacimiento\n{wide}\n"
    refusal, _peak, _read = refused(content.encode())
    assert refusal.code == Limit.COLUMNS
    assert refusal.message.startswith("La fila 2 tiene más de 200 columnas")


def _workbook(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_shared_strings(count: int) -> bytes:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    strings = "".join(f"<si><t>{n}</t></si>" for n in range(count))
    return _workbook(
        {
            "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{kind}"><sheets>'
            '<sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": '<Relationships xmlns="x">'
            f'<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="{kind}/worksheet"/>'
            f'<Relationship Id="rId2" Target="sharedStrings.xml" Type="{kind}/sharedStrings"/>'
            "</Relationships>",
            "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData><row r="1">'
            + "".join(f'<c r="{chr(65 + n)}1" t="s"><v>{n}</v></c>' for n in range(len(COLUMNS)))
            + "</row></sheetData></worksheet>",
            "xl/sharedStrings.xml": f'<sst xmlns="{main}">{strings}</sst>',
        }
    )


def test_the_table_of_shared_texts_is_bounded_in_count() -> None:
    refusal, _peak, _read = refused(_with_shared_strings(2_000), Limits(shared_strings=1_000))
    assert refusal.code == Limit.SHARED_STRINGS
    assert "más de 1\xa0000 textos" in refusal.message


def test_an_archive_of_too_many_parts_is_refused_before_its_index_is_read() -> None:
    parts: dict[str, bytes | str] = {f"xl/media/{n}.bin": b"" for n in range(1_100)}
    refusal, _peak, _read = refused(_workbook(parts))
    assert refusal.code == Limit.PARTS


def test_a_document_type_in_the_xml_is_refused_as_a_damaged_file() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><workbook>&lol2;</workbook>'
    )
    refusal, _peak, _read = refused(_workbook({"xl/workbook.xml": laughs}))
    assert refusal.code == "damaged_file"
