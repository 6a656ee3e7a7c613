"""Production plans over JSON: the list, a plan with its figures, solving it again."""

from __future__ import annotations

import pytest
from django.test import Client

from comuna.production.models import ProductionPlan
from comuna.users.models import User
from comuna.users.tokens import token_create
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _api(world: World, user: User) -> Client:
    _token, raw = token_create(actor=world.actor(user))
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")


def test_a_reader_lists_the_plans_and_reads_one_with_its_figures(
    world: World, plan: ProductionPlan
) -> None:
    client = _api(world, world.comptroller)
    listed = client.get("/api/production/plans").json()
    assert [p["id"] for p in listed] == [plan.pk]
    body = client.get(f"/api/production/plans/{plan.pk}").json()
    assert body["enterprise"] == "Planta de harina de maíz" and body["currency"] == "USD"
    assert [o["scenario"] for o in body["outcomes"]][0] == ""
    figures = body["outcomes"][0]["figures"]
    assert figures["targets_met"] is True
    assert figures["surplus"] == pytest.approx(figures["income"] - figures["cost"])
    bags = next(p for p in body["products"] if p["name"] == "Harina precocida")
    assert {u["input"] for u in bags["uses"]} >= {"Maíz blanco", "Gasoil"}


def test_only_the_managers_solve_a_plan(world: World, plan: ProductionPlan, manager: User) -> None:
    assert (
        _api(world, world.treasurer).post(f"/api/production/plans/{plan.pk}/solve").status_code
        == 403
    )
    response = _api(world, manager).post(f"/api/production/plans/{plan.pk}/solve")
    assert response.status_code == 200
    assert response.json()["stale"] is False


def test_the_others_read_no_plan(world: World, plan: ProductionPlan) -> None:
    client = _api(world, world.spokesperson)
    assert client.get("/api/production/plans").json() == []
    assert client.get(f"/api/production/plans/{plan.pk}").status_code == 404
