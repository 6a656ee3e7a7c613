"""Writing tables for a Spanish-language Excel, and reading back what was written."""

from __future__ import annotations

import datetime as dt

from comuna.core.spreadsheets import Column, sheet_read, write_csv, write_xlsx


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
