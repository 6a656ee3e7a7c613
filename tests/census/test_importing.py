from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import IntegrityError
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook

from comuna.census import importing
from comuna.census.importing import CensusSummary, Problem, census_import
from comuna.census.models import CensusEvent, EventKind, Household, Person
from comuna.core.imports import Outcome
from comuna.core.models import Commune
from comuna.core.spreadsheets import SheetProblem
from comuna.users.actors import Actor, actor_operator
from tests.conftest import World
from tests.factories import make_household

pytestmark = pytest.mark.django_db

HEADER = "consejo_comunal,hogar,direccion,nombres,apellidos,cedula,fecha_nacimiento,sexo"


def run(
    content: bytes | str,
    *,
    filename: str = "censo.csv",
    council: str | None = None,
    actor: Actor | None = None,
    dry_run: bool = False,
) -> Outcome[CensusSummary]:
    """Import into the world's commune (the only one), as ``actor`` or from the terminal."""
    data = content.encode() if isinstance(content, str) else content
    commune = Commune.objects.get()
    with translation.override("en"):
        return census_import(
            commune=commune,
            content=data,
            filename=filename,
            council_code=council,
            actor=actor or actor_operator(commune),
            dry_run=dry_run,
        )


def census_snapshot() -> tuple[list[Any], list[Any], int]:
    """Everything an import could touch, to show it is exactly as before."""
    return (
        list(Household.objects.order_by("pk").values_list()),
        list(Person.objects.order_by("pk").values_list()),
        CensusEvent.objects.count(),
    )


def errors(result: Outcome[CensusSummary]) -> list[tuple[int | None, str]]:
    return [(error.row, error.code) for error in result.problems]


def xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_it_imports_a_latin1_file_with_semicolons_and_accents_exactly(world: World) -> None:
    content = (
        "Consejo Comunal;Hogar;Dirección;Nombres;Apellidos;Cédula;Fecha de nacimiento;Sexo\r\n"
        "CC02;0107;Calle Bolívar, casa 7;José Ángel;Muñoz Peña;V-14.555.666;03/07/1979;M\r\n"
        "CC02;0107;;Begoña;Muñoz;;1/2/2015;femenino\r\n"
    ).encode("latin-1")
    result = run(content)
    assert result.ok, result.problems
    household = Household.objects.get(council=world.other_council, reference="0107")
    assert household.address == "Calle Bolívar, casa 7"
    jose, begona = household.members.order_by("pk")
    assert (jose.first_names, jose.last_names, jose.national_id) == (
        "José Ángel",
        "Muñoz Peña",
        "V14555666",
    )
    assert (jose.birth_date, jose.sex, jose.is_head) == (dt.date(1979, 7, 3), "M", True)
    assert jose.search_text == "jose angel munoz pena 14555666"
    assert (begona.first_names, begona.birth_date, begona.sex) == (
        "Begoña",
        dt.date(2015, 2, 1),
        "F",
    )
    assert begona.national_id is None and not begona.is_head
    assert (
        result.summary.households_created,
        result.summary.households_extended,
        result.summary.people_created,
    ) == (
        1,
        0,
        2,
    )
    assert CensusEvent.objects.filter(kind=EventKind.IMPORTED, household=household).count() == 1


def test_it_imports_utf8_with_a_byte_order_mark_and_english_headers(world: World) -> None:
    content = (
        "\ufeffcouncil,household,address,first_names,last_names,national_id,birth_date,sex\n"
        "cc01,0200,Calle Sucre,Ramón,Díaz,E-81234567,1990-12-31,\n"
    ).encode()
    result = run(content)
    assert result.ok, result.problems
    person = Person.objects.get(national_id="E81234567")
    assert (person.first_names, person.household.council, person.sex) == (
        "Ramón",
        world.council,
        "",
    )


def test_it_imports_an_xlsx_with_date_cells_and_numbers_as_floats(world: World) -> None:
    content = xlsx(
        [
            ["Censo del consejo comunal Los Mangos"],
            [],
            ["Consejo", "Hogar", "Dirección", "Nombres", "Apellidos", "C.I.", "Fecha Nac.", "Sexo"],
            ["CC01", 12.0, "Calle 5", "Ana", "Rivas", 23456789.0, dt.date(1985, 4, 9), "F"],
            [],
            ["CC01", 12.0, None, "Eva", "Rivas", None, "09/04/2010", "f"],
        ]
    )
    result = run(content, filename="censo.xlsx")
    assert result.ok, result.problems
    household = Household.objects.get(council=world.council, reference="12")
    assert list(household.members.order_by("pk").values_list("national_id", "birth_date")) == [
        ("V23456789", dt.date(1985, 4, 9)),
        (None, dt.date(2010, 4, 9)),
    ]


def test_an_xlsx_error_names_the_row_the_spreadsheet_shows(world: World) -> None:
    content = xlsx(
        [
            ["Censo"],
            ["consejo_comunal", "hogar", "direccion", "nombres", "apellidos", "fecha_nacimiento"],
            ["CC01", "9", "Calle 9", "Ana", "Rivas", "1/1/2000"],
            [],
            ["CC01", "9", "", "", "Rivas", "1/1/2000"],
        ]
    )
    result = run(content, filename="censo.xlsx")
    assert errors(result) == [(5, Problem.MISSING_FIRST_NAMES)]


def test_every_kind_of_bad_row_is_named_by_its_row_and_nothing_is_saved(world: World) -> None:
    before = census_snapshot()
    content = "\n".join(
        [
            HEADER,
            "CC01,0300,Calle 1,Ana,Rivas,V-20111222,01/01/1990,F",  # row 2: good
            "CC01,0300,,,Rivas,,01/01/1990,F",  # 3: no first names
            "CC01,0300,,Ana,,,01/01/1990,F",  # 4: no last names
            "CC01,0300,,Ana,Rivas,,31/02/2000,F",  # 5: impossible date
            "CC01,0300,,Ana,Rivas,,1990/13/45x,F",  # 6: not a date
            "CC01,0300,,Ana,Rivas,,01/01/2999,F",  # 7: future
            "CC01,0300,,Ana,Rivas,,01/01/1899,F",  # 8: before 1900
            "CC01,0300,,Ana,Rivas,,,F",  # 9: no date
            "CC01,0300,,Ana,Rivas,V20111222,01/01/1990,F",  # 10: ID repeated in the file
            "CC01,0300,,Ana,Rivas,12345678,01/01/1990,F",  # 11: ID already in the census
            "CC99,0300,Calle 1,Ana,Rivas,,01/01/1990,F",  # 12: unknown council
            "CC01,0300,,Ana,Rivas,ABC,01/01/1990,F",  # 13: not an ID
            "CC01,0300,,Ana,Rivas,,01/01/1990,X",  # 14: not a sex
            ",0300,,Ana,Rivas,,01/01/1990,F",  # 15: no council
            "CC01,,Calle 2,Ana,Rivas,,01/01/1990,F",  # 16: no household
            "CC01,0300,Otra calle,Ana,Rivas,,01/01/1990,F",  # 17: another address
            "CC01,0301,,Ana,Rivas,,01/01/1990,F",  # 18: new household, no address
            "CC01,0001,Vereda 9,Ana,Rivas,,01/01/1990,F",  # 19: existing, other address
        ]
    )
    result = run(content)
    assert errors(result) == [
        (3, Problem.MISSING_FIRST_NAMES),
        (4, Problem.MISSING_LAST_NAMES),
        (5, Problem.IMPOSSIBLE_DATE),
        (6, Problem.NOT_A_DATE),
        (7, Problem.FUTURE_DATE),
        (8, Problem.DATE_BEFORE_1900),
        (9, Problem.MISSING_BIRTH_DATE),
        (10, Problem.REPEATED_ID),
        (11, Problem.ID_IN_CENSUS),
        (12, Problem.UNKNOWN_COUNCIL),
        (13, Problem.INVALID_ID),
        (14, Problem.INVALID_SEX),
        (15, Problem.MISSING_COUNCIL),
        (16, Problem.MISSING_REFERENCE),
        (17, Problem.ADDRESS_MISMATCH),
        (18, Problem.MISSING_ADDRESS),
        (19, Problem.ADDRESS_MISMATCH),
    ]
    messages = {error.row: error.message for error in result.problems}
    assert messages[5] == "“31/02/2000” is not a real date."
    assert messages[10] == "ID number V20111222 is repeated: it is also on row 2."
    assert messages[11] == "ID number V12345678 is already in the census."
    assert messages[12] == "There is no council CC99 in this commune."
    assert not result.applied
    assert census_snapshot() == before


def test_the_messages_follow_the_users_language(world: World) -> None:
    with translation.override("es"):
        result = census_import(
            commune=world.commune,
            content=f"{HEADER}\nCC01,0300,Calle 1,,Rivas,,01/01/1990,F".encode(),
            filename="censo.csv",
            council_code=None,
            actor=actor_operator(world.commune),
        )
        assert result.problems[0].message == gettext("The first names are missing.")


def test_rows_for_an_existing_household_join_it_and_keep_its_address(world: World) -> None:
    content = "\n".join(
        [
            HEADER,
            "CC01,0001,,Pedro,Pérez,,05/05/2005,M",
            'CC01,0001,"calle 1,  casa 3",Rosa,Pérez,,06/06/2006,F',
        ]
    )
    result = run(content)
    assert result.ok, result.problems
    assert (
        result.summary.households_created,
        result.summary.households_extended,
        result.summary.people_created,
    ) == (
        0,
        1,
        2,
    )
    world.household.refresh_from_db()
    assert world.household.address == "Calle 1, casa 3"
    assert world.household.members.count() == 4
    assert not world.household.members.filter(first_names="Pedro", is_head=True).exists()
    assert (
        CensusEvent.objects.filter(kind=EventKind.IMPORTED, household=world.household).count() == 1
    )


def test_a_household_that_left_takes_no_one(world: World) -> None:
    make_household(
        world.council, reference="0400", address="Calle 4", status="departed",
        status_date=dt.date(2020, 1, 1),
    )  # fmt: skip
    result = run(f"{HEADER}\nCC01,0400,,Ana,Rivas,,01/01/1990,F")
    assert errors(result) == [(2, Problem.HOUSEHOLD_LEFT)]


def test_a_chosen_council_fills_the_column_and_refuses_other_councils(world: World) -> None:
    content = "\n".join(
        [
            "hogar;direccion;nombres;apellidos;fecha_nacimiento",
            "0500;Calle 5;Ana;Rivas;01/01/1990",
        ]
    )
    result = run(content, council="cc02")
    assert result.ok, result.problems
    assert Household.objects.filter(council=world.other_council, reference="0500").exists()
    mixed = f"{HEADER}\nCC01,0501,Calle 5,Ana,Rivas,,01/01/1990,F"
    assert errors(run(mixed, council="CC02")) == [(2, Problem.OTHER_COUNCIL)]


def test_an_unknown_chosen_council_is_refused(world: World) -> None:
    result = run(
        "hogar,direccion,nombres,apellidos,fecha_nacimiento\n1,C,A,B,1/1/2000", council="X"
    )
    assert errors(result) == [(None, Problem.UNKNOWN_COUNCIL)]


def test_a_spokesperson_may_import_into_their_own_council_only(world: World) -> None:
    before = census_snapshot()
    content = "\n".join(
        [
            HEADER,
            "CC01,0600,Calle 6,Ana,Rivas,,01/01/1990,F",
            "CC02,0600,Calle 6,Eva,Rivas,,01/01/1990,F",
        ]
    )
    result = run(content, actor=world.actor(world.spokesperson))
    assert errors(result) == [(3, Problem.COUNCIL_NOT_ALLOWED)]
    assert census_snapshot() == before


@pytest.mark.parametrize(
    ("content", "filename", "problem"),
    [
        (b"", "censo.csv", SheetProblem.EMPTY),
        (b"\n ;; \n", "censo.csv", SheetProblem.EMPTY),
        (HEADER.encode(), "censo.csv", "no_rows"),
        (b"hogar,nombres,apellidos\n1,Ana,Rivas", "censo.csv", SheetProblem.MISSING_COLUMN),
        (b"hogar,hogar,direccion,nombres\n1,Ana,Rivas", "censo.csv", SheetProblem.REPEATED_COLUMN),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "foto.png", SheetProblem.NOT_A_TABLE),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "censo.xls", SheetProblem.NOT_A_TABLE),
        (b"PK\x03\x04 not really a zip", "censo.xlsx", SheetProblem.NOT_A_TABLE),
    ],
)
def test_a_file_that_cannot_be_imported_gets_one_clear_error(
    world: World, content: bytes, filename: str, problem: Problem
) -> None:
    before = census_snapshot()
    result = run(content, filename=filename)
    assert [error.code for error in result.problems] == [problem]
    assert result.problems[0].message
    assert census_snapshot() == before


def test_a_missing_column_is_named(world: World) -> None:
    result = run("hogar,direccion,nombres,apellidos\n1,C,Ana,Rivas", council="CC01")
    assert result.problems[0].message.startswith("The header has no column fecha_nacimiento.")


def test_a_dry_run_counts_and_writes_nothing(world: World) -> None:
    before = census_snapshot()
    result = run(f"{HEADER}\nCC01,0700,Calle 7,Ana,Rivas,,01/01/1990,F", dry_run=True)
    assert result.ok and not result.applied
    assert (result.summary.households_created, result.summary.people_created) == (1, 1)
    assert result.summary.sample[0].first_names == "Ana"
    assert census_snapshot() == before


def test_empty_rows_are_skipped_and_unknown_columns_listed(world: World) -> None:
    content = "\n".join(
        [
            f"{HEADER},telefono",
            ",,,,,,,,",
            "CC01,0800,Calle 8,Ana,Rivas,,01/01/1990,F,0412-5551234",
            ",,,,,,,,solo una nota",
        ]
    )
    result = run(content)
    assert result.ok, result.problems
    assert result.ignored_columns == ["telefono"]
    assert result.summary.people_created == 1


def test_a_database_refusal_rolls_everything_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise IntegrityError("UNIQUE constraint failed")

    before = census_snapshot()
    monkeypatch.setattr(importing.CensusEvent.objects, "bulk_create", refuse)
    result = run(f"{HEADER}\nCC01,0900,Calle 9,Ana,Rivas,V30000001,01/01/1990,F")
    assert errors(result) == [(None, Problem.REFUSED_BY_DATABASE)]
    assert census_snapshot() == before
