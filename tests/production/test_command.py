"""``comuna production plan ID [--solve] [--json]``."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comuna.production.models import ProductionPlan

pytestmark = pytest.mark.django_db


def test_plan_json_has_the_figures_of_the_plan_and_each_scenario(plan: ProductionPlan) -> None:
    out = StringIO()
    call_command("production", "plan", str(plan.pk), "--solve", "--json", stdout=out)
    row = json.loads(out.getvalue())
    assert row["id"] == plan.pk and row["stale"] is False
    assert [o["scenario"] for o in row["outcomes"]][-1] == "Sin gasoil"
    base = row["outcomes"][0]["plan"]
    assert {"units", "cost", "income", "surplus", "targets_met"} <= set(base)
    assert base["products"][0]["break_even_price"] > 0


def test_plan_prints_the_break_even_prices_and_the_scenarios(plan: ProductionPlan) -> None:
    out = StringIO()
    call_command("production", "plan", str(plan.pk), stdout=out)
    text = out.getvalue()
    assert "Harina precocida" in text and "Maíz 30% más caro" in text


def test_an_unknown_plan_is_an_error(plan: ProductionPlan) -> None:
    with pytest.raises(CommandError):
        call_command("production", "plan", str(plan.pk + 100), stdout=StringIO())
