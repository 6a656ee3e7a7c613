"""``comuna waste plan DATE --json`` and ``comuna waste points import FILE``."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

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


def _planned_day(fleet: Fleet) -> dict[str, Any]:
    """A past day's plan (trips are logged after the fact, never for a day to come)."""
    from comuna.waste.services import day_plan_make, plan_json

    day = dt.date(2026, 12, 1)
    enterprise = fleet.points[0].enterprise
    plan = day_plan_make(enterprise=enterprise, date=day, by=None, seed=1, today=day)
    return plan_json(plan)


def test_trips_are_logged_from_a_file_all_or_none(fleet: Fleet, tmp_path: Path) -> None:
    from comuna.waste.models import TripLog

    data = _planned_day(fleet)
    route = next(r for r in data["routes"] if r["stops"])
    rows = ["fecha;placa;km;litros;punto;kg"]
    for i, stop in enumerate(route["stops"][:2]):
        rows.append(
            f"2026-12-01;{route['vehicle']};{'12,5' if i == 0 else ''};"
            f"{'4,2' if i == 0 else ''};{stop};{30 + i}"
        )
    good = tmp_path / "viajes.csv"
    good.write_text("\n".join(rows) + "\n", encoding="utf-8")
    bad = tmp_path / "malo.csv"
    bad.write_text(rows[0] + "\n" + rows[1] + "\n2026-12-01;ZZ999ZZ;1;1;;\n", encoding="utf-8")

    err = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("waste", "trips", "import", str(bad), stderr=err)
    assert refused.value.returncode == 1
    assert "3" in err.getvalue()  # the bad row, by its number
    call_command("waste", "trips", "import", str(good), "--dry-run", stdout=io.StringIO())
    assert not TripLog.objects.exists()

    call_command("waste", "trips", "import", str(good), stdout=io.StringIO())
    log = TripLog.objects.get()
    assert (log.metres, log.litres_ml) == (12_500, 4_200)
    assert log.weighings.count() == 2


def test_the_month_report_prints_its_figures_as_json(fleet: Fleet) -> None:
    _planned_day(fleet)
    out = io.StringIO()
    call_command("waste", "report", "2026-12", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["month"] == "2026-12"
    assert [day["date"] for day in data["days"]] == ["2026-12-01"]
    assert data["kg"] == data["days"][0]["kg"]
    with pytest.raises(CommandError) as refused:
        call_command("waste", "report", "2026-13", stdout=io.StringIO())
    assert refused.value.returncode == 1
