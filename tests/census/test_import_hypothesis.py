"""No file makes the import crash or write half of itself: it imports all of it, or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from comuna.census.importing import COLUMNS, CensusSummary, census_import
from comuna.census.models import CensusEvent, Household, Person
from comuna.core.imports import Outcome
from comuna.core.models import Commune
from comuna.users.actors import actor_operator
from tests.conftest import World

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADER = [column.value for column in COLUMNS]


def counts() -> tuple[int, int, int]:
    return Household.objects.count(), Person.objects.count(), CensusEvent.objects.count()


def import_and_check(
    content: bytes, filename: str, council: str | None = None
) -> Outcome[CensusSummary]:
    """Import inside a savepoint that is rolled back, so every example starts from the world."""
    with transaction.atomic():
        households, people, events = counts()
        with translation.override("en"):
            commune = Commune.objects.get()
            result = census_import(
                commune=commune,
                content=content,
                filename=filename,
                council_code=council,
                actor=actor_operator(commune),
            )
        after = counts()
        if result.problems:
            assert after == (households, people, events)
            assert not result.applied
            assert all(error.message for error in result.problems)
            assert all(error.row is None or error.row >= 1 for error in result.problems)
        else:
            assert result.applied
            assert after == (
                households + result.summary.households_created,
                people + result.summary.people_created,
                events + result.summary.households_created + result.summary.households_extended,
            )
        transaction.set_rollback(True)
    event("imported" if result.applied else "refused")
    return result


# Cells drawn from what a sloppy spreadsheet holds: good values, near misses and noise.
council_cells = st.sampled_from(["CC01", "cc02", "CC02 ", "", "CC99", "CC-1"])
reference_cells = st.one_of(
    st.sampled_from(["0001", "1", "A-7", "", " 0002 "]), st.text(max_size=45)
)
name_cells = st.one_of(
    st.sampled_from(["Ana", "José Ángel", "Muñoz", "", "  ", "O'Neill"]), st.text(max_size=110)
)
id_cells = st.one_of(
    st.sampled_from(["", "V-12.345.678", "12345678", "E-81234567", "8765432", "V0", "X1"]),
    st.integers(min_value=0, max_value=10**10).map(str),
    st.text(max_size=14),
)
date_cells = st.one_of(
    st.dates(min_value=dt.date(1850, 1, 1), max_value=dt.date(2100, 1, 1)).map(
        lambda d: d.strftime("%d/%m/%Y")
    ),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["", "31/02/2000", "29/02/2001", "00/00/0000", "1/1/99", "2000-1-1"]),
    st.text(max_size=12),
)
sex_cells = st.one_of(
    st.sampled_from(["", "F", "m", "Femenino", "hombre", "X"]), st.text(max_size=3)
)
address_cells = st.one_of(
    st.sampled_from(["", "Calle 1, casa 3", "Calle 9"]), st.text(max_size=210)
)
messy_rows = st.tuples(
    council_cells,
    reference_cells,
    address_cells,
    name_cells,
    name_cells,
    id_cells,
    date_cells,
    sex_cells,
).map(list)
# Rows that are good on their own, so that whole files import too, and clash with each other
# (same household with other addresses, the same ID twice) often enough to matter.
good_rows = st.tuples(
    st.sampled_from(["CC01", "CC02"]),
    st.sampled_from(["0001", "0002", "0003"]),
    st.sampled_from(["", "Calle 1, casa 3", "Calle 9"]),
    st.sampled_from(["Ana", "José Ángel"]),
    st.sampled_from(["Muñoz", "Pérez"]),
    st.one_of(st.just(""), st.integers(min_value=20_000_000, max_value=20_000_009).map(str)),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 12, 31)).map(
        lambda d: d.strftime("%d/%m/%Y")
    ),
    st.sampled_from(["", "F", "M"]),
).map(list)
rows = st.lists(st.one_of(good_rows, good_rows, messy_rows), max_size=12)


def as_csv(header: list[str], table: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(table)
    return buffer.getvalue().encode(encoding, errors="replace")


def as_xlsx(header: list[str], table: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in table:
        # openpyxl refuses control characters in cells; a real file cannot hold them either.
        sheet.append(["".join(ch for ch in cell if ch >= " ") for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@EXAMPLES
@given(content=st.binary(max_size=400), filename=st.sampled_from(["a.csv", "a.xlsx", "a.txt"]))
def test_arbitrary_bytes_never_crash_the_import(
    world: World, content: bytes, filename: str
) -> None:
    import_and_check(content, filename)


@EXAMPLES
@given(tail=st.binary(max_size=300))
def test_arbitrary_bytes_after_a_good_header_never_crash_the_import(
    world: World, tail: bytes
) -> None:
    import_and_check(";".join(HEADER).encode() + b"\n" + tail, "censo.csv")


@EXAMPLES
@given(
    table=rows,
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "latin-1"]),
    council=st.sampled_from([None, "CC01"]),
)
def test_arbitrary_tables_import_fully_or_not_at_all(
    world: World, table: list[list[str]], delimiter: str, encoding: str, council: str | None
) -> None:
    import_and_check(as_csv(HEADER, table, delimiter, encoding), "censo.csv", council)


@settings(EXAMPLES, max_examples=25)
@given(table=rows)
def test_arbitrary_xlsx_tables_import_fully_or_not_at_all(
    world: World, table: list[list[str]]
) -> None:
    import_and_check(as_xlsx(HEADER, table), "censo.xlsx")


@EXAMPLES
@given(
    first=st.text(alphabet="abcdefghij ÁÉñ", min_size=1, max_size=20).filter(str.strip),
    last=st.text(alphabet="abcdefghij ÁÉñ", min_size=1, max_size=20).filter(str.strip),
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 1, 1)),
    national_id=st.integers(min_value=1000, max_value=99_999_999),
)
def test_a_good_row_always_imports(
    world: World, first: str, last: str, day: dt.date, national_id: int
) -> None:
    content = as_csv(
        HEADER,
        [
            [
                "CC02",
                "N-1",
                "Calle Nueva",
                first,
                last,
                str(national_id),
                day.strftime("%d/%m/%Y"),
                "",
            ]
        ],
        ";",
        "latin-1",
    )
    taken = {"12345678", "8765432"}
    result = import_and_check(content, "censo.csv")
    assert result.ok == (str(national_id) not in taken), result.problems
