"""The public page's waste-collection figures: counts for anyone, never a name or a place."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import World
from tests.waste.factories_report import november


def test_anyone_reads_the_months_kg_points_and_litres_per_tonne(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    november(world.commune, world.council, world.other_council)
    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2026, 11, 6))
    page = Client().get("/publico/").content.decode()
    figures = page[page.index('data-testid="public-waste"') :]
    assert "370" in figures  # kg: 170 logged on the 2nd, 200 planned on the 5th
    assert ">3<" in figures  # points served
    assert "91,9" in figures  # litres per tonne, in Spanish for anyone
    # No point, council or enterprise named.
    assert "Contenedor" not in page
    assert "EPS Recolección" not in page


def test_a_commune_that_collects_no_waste_says_nothing_of_it(world: World) -> None:
    assert 'data-testid="public-waste"' not in Client().get("/publico/").content.decode()
