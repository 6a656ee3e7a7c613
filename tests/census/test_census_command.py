from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from comuna.census.models import Household, Person
from comuna.core.spreadsheets import Limits
from comuna.memberships.models import Membership
from tests.conftest import World

pytestmark = pytest.mark.django_db

HEADER = "consejo_comunal;hogar;direccion;nombres;apellidos;cedula;fecha_nacimiento;sexo"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")


def census(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("census", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refusal(*args: str) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("census", *args, stdout=io.StringIO(), stderr=err)
    return raised.value, err.getvalue()


def test_it_imports_a_file_and_says_what_it_did(world: World, tmp_path: Path) -> None:
    path = tmp_path / "censo.csv"
    path.write_text(
        f"{HEADER}\nCC02;0050;Calle 50;Ana;Rivas;V-20.000.001;01/01/1990;F\n"
        "CC02;0050;;Eva;Rivas;;02/02/2012;F\n",
        encoding="utf-8",
    )
    out, _err = census("import", str(path))
    assert out.strip() == "Imported 2 people, in 1 new households and 0 existing ones."
    assert Household.objects.get(reference="0050").members.count() == 2


def test_a_rejected_file_prints_each_bad_row_exits_1_and_changes_nothing(
    world: World, tmp_path: Path
) -> None:
    path = tmp_path / "censo.csv"
    path.write_text(
        f"{HEADER}\nCC01;0050;Calle 50;Ana;Rivas;;01/01/1990;F\nCC01;0050;;;Rivas;;31/02/2000;F\n"
    )
    error, err = refusal("import", str(path))
    assert error.returncode == 1
    assert err.splitlines() == [
        "Row 3: The first names are missing.",
        "Row 3: “31/02/2000” is not a real date.",
    ]
    assert str(error) == "2 problems: nothing was imported; the census is as it was."
    assert not Household.objects.filter(reference="0050").exists()


def test_the_council_option_fills_the_council_and_dry_run_saves_nothing(
    world: World, tmp_path: Path
) -> None:
    path = tmp_path / "hogares.csv"
    path.write_text(
        "hogar,direccion,nombres,apellidos,fecha_nacimiento\n0060,Calle 6,Ana,Rivas,1990-01-01\n"
    )
    out, _err = census("import", str(path), "--council", "CC02", "--dry-run")
    assert "it would add 1 people" in out and "Nothing was saved" in out
    assert not Household.objects.filter(reference="0060").exists()
    census("import", str(path), "--council", "CC02")
    assert Household.objects.get(reference="0060").council == world.other_council


def test_a_missing_file_is_a_clear_message_with_status_2(world: World) -> None:
    error, _err = refusal("import", "/no/such/censo.csv")
    assert error.returncode == 2
    assert str(error) == "Cannot read /no/such/censo.csv: No such file or directory"


def test_a_missing_file_gives_no_traceback_in_a_real_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "COMUNA_HOME": str(tmp_path), "COMUNA_LANGUAGE": "en"}
    finished = subprocess.run(
        [sys.executable, "-m", "comuna", "census", "import", str(tmp_path / "nada.csv")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert finished.returncode == 2
    assert "Cannot read" in finished.stderr and "Traceback" not in finished.stderr


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_an_export_reimports_into_an_empty_census_as_it_was(
    world: World, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"censo.{suffix}"
    census("export", str(path))
    fields = ("household__council__code", "household__reference", "household__address")
    fields += ("first_names", "last_names", "national_id", "birth_date", "sex", "is_head")
    before = sorted(Person.objects.values_list(*fields), key=str)
    Membership.objects.filter(household__isnull=False).delete()
    Person.objects.all().delete()
    Household.objects.all().delete()
    out, _err = census("import", str(path))
    assert "Imported 3 people" in out
    assert sorted(Person.objects.values_list(*fields), key=str) == before


def test_an_export_of_one_council_has_only_its_people(world: World, tmp_path: Path) -> None:
    path = tmp_path / "cc02.csv"
    census("export", str(path), "--council", "cc02")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines == [
        HEADER,
        f"CC02;0001;Vereda 4, casa 9;Carmen;Rojas;V8765432;{world.neighbour.birth_date:%d/%m/%Y};F",
    ]


def test_an_export_leaves_out_people_no_longer_here(world: World, tmp_path: Path) -> None:
    world.child.status, world.child.status_date = "deceased", world.child.birth_date
    world.child.save()
    path = tmp_path / "censo.csv"
    census("export", str(path))
    assert "Luis" not in path.read_text(encoding="utf-8-sig")


def test_an_export_needs_a_csv_or_xlsx_name(world: World, tmp_path: Path) -> None:
    error, _err = refusal("export", str(tmp_path / "censo.ods"))
    assert error.returncode == 2


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_template_is_the_header_row_alone(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"plantilla.{suffix}"
    census("template", str(path))
    if suffix == "csv":
        assert path.read_bytes() == ("\ufeff" + HEADER + "\r\n").encode()
    else:
        sheet = load_workbook(path).worksheets[0]
        assert [list(row) for row in sheet.iter_rows(values_only=True)] == [HEADER.split(";")]


def test_stats_prints_the_counts_as_json(world: World) -> None:
    out, _err = census("stats", "--json")
    figures = json.loads(out)
    assert (figures["councils"], figures["households"], figures["people"]) == (2, 2, 3)
    assert figures["by_council"][0] == {
        "code": "CC01",
        "name": "Los Mangos",
        "households": 1,
        "people": 2,
    }


def test_an_export_quotes_a_formula_and_the_quote_is_gone_when_it_is_imported_again(
    world: World, tmp_path: Path
) -> None:
    formula = "=cmd|' /C calc'!A0"
    Person.objects.filter(household=world.household).update(last_names=formula)
    path = tmp_path / "censo.csv"
    census("export", str(path))
    cells = [line.split(";")[4] for line in path.read_text(encoding="utf-8-sig").splitlines()]
    assert f"'{formula}" in cells and formula not in cells
    Membership.objects.filter(household__isnull=False).delete()
    Person.objects.all().delete()
    Household.objects.all().delete()
    census("import", str(path))
    assert set(
        Person.objects.filter(
            household__council=world.council, household__reference=world.household.reference
        ).values_list("last_names", flat=True)
    ) == {formula}


def test_a_file_larger_than_any_census_is_refused_before_it_is_read(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from comuna.census import importing

    monkeypatch.setattr(importing.CENSUS, "limits", Limits(unpacked_bytes=1000))
    path = tmp_path / "censo.csv"
    path.write_bytes(HEADER.encode() + b"\n" + b"CC01;1;Calle;Ana;Rivas;;01/01/1990;F\n" * 100)
    error, _err = refusal("import", str(path))
    assert error.returncode == 1
    assert str(error) == "The file is larger than 1000\xa0bytes; split it into several files."
