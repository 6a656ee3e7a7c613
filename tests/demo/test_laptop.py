"""``comuna demo --federation --laptop DIR`` as a newcomer uses it: the laptop of the city's
first commune, in a data folder of its own, takes a new household from a spreadsheet and
pushes it to the city's server over HTTP; the city's page counts it, and the commune's tally
is counted again."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from comuna.census.models import Household
from comuna.core.models import Commune
from comuna.demo import federation as demo
from comuna.demo.laptop import laptop_build
from comuna.federation.models import CommuneTally, Unit
from comuna.federation.selectors import level_figures
from comuna.sync.models import Receipt
from tests.federation.test_demo import _small_communes
from tests.processes import COMUNA, comuna_env, migrated_home

pytestmark = [pytest.mark.embedded, pytest.mark.django_db(transaction=True)]

HOUSEHOLD = (
    "consejo_comunal,hogar,direccion,nombres,apellidos,cedula,fecha_nacimiento,sexo\n"
    "CC01,H-900,Calle El Cardón 4,Rosa,Linares,V19000001,1984-05-01,F\n"
    "CC01,H-900,,Ana,Linares,,2015-09-12,F\n"
)


def _laptop(home: Path, *arguments: str) -> str:
    done = subprocess.run(
        [*COMUNA, *arguments],
        env=comuna_env(home, "es"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_household_made_on_the_laptop_reaches_the_citys_page(
    live_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "demo_build", _small_communes)
    demo.federation_demo_build()
    city = Unit.objects.get(code=demo.CITY[0])
    first = Commune.objects.order_by("id").first()
    assert first is not None
    before = level_figures(city)
    home = migrated_home(tmp_path / "laptop")
    said = laptop_build(home)
    assert str(home) in said

    sheet = tmp_path / "hogar.csv"
    sheet.write_text(HOUSEHOLD, encoding="utf-8")
    _laptop(home, "census", "import", str(sheet))
    pushed = _laptop(home, "sync", "push", live_server.url)
    assert pushed.strip()

    assert Household.objects.of(first).filter(reference="H-900").exists()
    after = level_figures(city)
    assert (after.households, after.people) == (before.households + 1, before.people + 2)
    assert Receipt.objects.filter(commune=first).exists()
    tally = CommuneTally.objects.get(commune=first)  # counted when the bundle was applied
    households_before = next(c.households for c in before.communes if c.pk == first.pk)
    assert tally.households == households_before + 1
    # Pushed again, nothing more travels and nothing changes.
    _laptop(home, "sync", "push", live_server.url)
    assert level_figures(city).households == after.households
