"""Reading and writing tables; no database needed."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from comuna.census.spreadsheets import (
    UnreadableFile,
    UnreadableKind,
    read_table,
    sniff_delimiter,
    write_csv,
    write_xlsx,
)


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [("a;b;c", ";"), ("a,b,c", ","), ("a\tb\tc", "\t"), ("a", ","), ("a;b,c,d", ",")],
)
def test_it_takes_the_delimiter_the_header_uses_most(header: str, delimiter: str) -> None:
    assert sniff_delimiter(f"\n{header}\n1;2") == delimiter


def test_it_reads_utf16_text_as_excel_saves_it() -> None:
    content = "hogar\tnombres\r\n7\tÁngela\r\n".encode("utf-16")
    assert read_table(content) == [(1, ["hogar", "nombres"]), (2, ["7", "Ángela"])]


def test_a_quoted_line_break_stays_in_its_row() -> None:
    rows = read_table(b'a,b\n"calle 1\ncasa 2",x\nlast,y\n')
    assert [number for number, _cells in rows] == [1, 2, 3]


def test_an_xlsx_round_trip_keeps_text_as_text_and_dates_as_dates() -> None:
    content = write_xlsx(
        ["hogar", "nombres", "fecha"],
        [["0012", "=1+1", dt.date(2001, 2, 3)], ["7", "Ana\x01", dt.date(1999, 1, 1)]],
        title="censo",
    )
    assert read_table(content, "x.xlsx") == [
        (1, ["hogar", "nombres", "fecha"]),
        (2, ["0012", "=1+1", dt.date(2001, 2, 3)]),
        (3, ["7", "Ana", dt.date(1999, 1, 1)]),
    ]


def test_a_csv_is_written_for_a_spanish_excel() -> None:
    content = write_csv(["a", "b"], [["x;y", dt.date(2001, 2, 3)]])
    assert content == '\ufeffa;b\r\n"x;y";03/02/2001\r\n'.encode()


def test_a_word_document_is_not_a_table() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(UnreadableFile) as raised:
        read_table(buffer.getvalue(), "carta.docx")
    assert raised.value.kind is UnreadableKind.NOT_A_TABLE
