"""``comuna waste plan DATE --json`` and ``comuna waste points import FILE``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comuna.waste.models import CollectionPoint, DayPlan
from tests.waste.conftest import Fleet

pytestmark = pytest.mark.django_db


def test_the_plan_is_made_and_printed_as_json(fleet: Fleet) -> None:
    out = io.StringIO()
    call_command(
        "waste", "plan", "2099-12-07", "--json", "--commune", fleet.world.commune.code, stdout=out
    )
    data = json.loads(out.getvalue())
    for key in (
        "allowance_litres",
        "litres",
        "prize",
        "kg",
        "points_served",
        "points_left",
        "litres_to_serve_all",
        "routes",
    ):
        assert key in data
    assert data["litres"] <= data["allowance_litres"]
    for route in data["routes"]:
        assert {"vehicle", "stops", "kg", "litres"} <= set(route)
        assert all(isinstance(code, str) for code in route["stops"])
    # Asked again, the day's plan is shown, not made again.
    call_command("waste", "plan", "2099-12-07", "--json", stdout=io.StringIO())
    assert DayPlan.objects.count() == 1


def test_a_bad_points_file_names_its_rows_and_imports_nothing(fleet: Fleet, tmp_path: Path) -> None:
    path = tmp_path / "puntos.csv"
    path.write_text(
        "codigo;lugar;consejo;tipo;latitud;longitud;llenado_kg\n"
        "N-01;Bodega;CC01;contenedor;;-66,98;30\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("waste", "points", "import", str(path), stderr=err)
    assert "2" in err.getvalue()
    assert not CollectionPoint.objects.filter(code="N-01").exists()
