"""The production pages, through the test client with CSRF enforced, role by role."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.test import Client

from comuna.production.models import PlanInput, ProductionPlan
from comuna.users.models import User
from tests.conftest import World, client_for, post_form
from tests.factories import make_commune, make_user
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def _solve(client: Client, plan: ProductionPlan) -> int:
    client.get(plan.get_absolute_url())
    response = client.post(
        f"/produccion/planes/{plan.pk}/resolver/",
        {"csrfmiddlewaretoken": client.cookies["csrftoken"].value},
    )
    return response.status_code


def _readers(world: World, manager: User, worker: User) -> list[User]:
    return [world.admin, manager, world.treasurer, world.comptroller, worker]


def test_every_reader_sees_the_plan_with_its_scenarios(
    world: World, plan: ProductionPlan, manager: User, worker: User
) -> None:
    for user in _readers(world, manager, worker):
        client = client_for(user)
        assert client.get("/produccion/").status_code == 200
        page = client.get(plan.get_absolute_url())
        assert page.status_code == 200, user.username
        text = page.content.decode()
        assert "Maíz 30% más caro" in text and "Sin gasoil" in text
        assert "Break-even price" in text
        pdf = client.get(f"/produccion/planes/{plan.pk}/plan.pdf")
        assert pdf["Content-Type"] == "application/pdf"
        assert "Harina precocida" in pdf_text(pdf.content)


@pytest.mark.parametrize("who", ["spokesperson", "resident", "outsider", None])
def test_the_others_see_no_plan(world: World, plan: ProductionPlan, who: str | None) -> None:
    client = client_for(getattr(world, who) if who else None)
    for url in ("/produccion/", plan.get_absolute_url(), f"/produccion/planes/{plan.pk}/plan.pdf"):
        response = client.get(url)
        assert response.status_code in (302, 404), (who, url)


def test_another_communes_admin_sees_no_plan(plan: ProductionPlan) -> None:
    elsewhere = make_commune(name="Comuna Vecina", code="vecina")
    from comuna.users.models import Role

    stranger = make_user("ajeno", Role.ADMIN, commune=elsewhere)
    client = client_for(stranger)
    assert client.get(plan.get_absolute_url()).status_code == 404
    corn = plan.inputs.get(name="Maíz blanco")
    assert client.get(corn.get_absolute_url()).status_code == 404


def test_readers_may_not_change_a_plan(world: World, plan: ProductionPlan, worker: User) -> None:
    corn = plan.inputs.get(name="Maíz blanco")
    for user in (world.treasurer, world.comptroller, worker):
        client = client_for(user)
        assert client.get(f"/produccion/planes/{plan.pk}/editar/").status_code == 403
        assert client.get(corn.get_absolute_url()).status_code == 403
        assert client.get("/produccion/planes/nuevo/").status_code == 403
        assert _solve(client, plan) == 403
        assert "Solve the plan" not in client.get(plan.get_absolute_url()).content.decode()


def test_the_manager_makes_a_plan_in_the_browser(world: World, manager: User) -> None:
    from comuna.enterprises.models import Enterprise, EnterpriseKind
    from comuna.ledger import chart

    plant = Enterprise.objects.create(
        commune=world.commune,
        name="Panadería",
        kind=EnterpriseKind.PRODUCTION,
        cash_account=chart.BANK_VES,
    )
    client = client_for(manager)
    post_form(
        client,
        "/produccion/planes/nuevo/",
        {"enterprise": plant.pk, "month": "2026-12-09", "goal": "surplus", "currency": "VES"},
    )
    plan = ProductionPlan.objects.get(enterprise=plant)
    assert plan.month == dt.date(2026, 12, 1)
    post_form(
        client,
        f"/produccion/planes/{plan.pk}/insumos/nuevo/",
        {"name": "Harina de trigo", "unit": "kg", "price": "1.10", "available": "500"},
    )
    flour = PlanInput.objects.get(plan=plan)
    post_form(
        client,
        f"/produccion/planes/{plan.pk}/productos/nuevo/",
        {
            "name": "Pan canilla",
            "unit": "unidad",
            "price": "0.80",
            "target": "100",
            "demand": "",
            f"use_{flour.pk}": "0.25",
        },
    )
    assert _solve(client, plan) == 302
    plan.refresh_from_db()
    assert plan.result is not None
    bread = plan.result["outcomes"][0]["plan"]["products"][0]
    assert bread["quantity"] == pytest.approx(2000)
    assert bread["break_even_price"] == pytest.approx(0.275)


def test_a_negative_price_is_refused_on_the_form(plan: ProductionPlan, manager: User) -> None:
    corn = plan.inputs.get(name="Maíz blanco")
    client = client_for(manager)
    response = post_form(
        client,
        corn.get_absolute_url(),
        {"name": corn.name, "unit": "kg", "price": "-1", "available": "10"},
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "This cannot be negative." in response.content.decode()  # type: ignore[attr-defined]
    corn.refresh_from_db()
    assert corn.price == Decimal("0.45")


def test_solving_a_plan_without_products_says_why(world: World, manager: User) -> None:
    from comuna.demo.production import production_demo_build
    from comuna.production.models import Product

    plan = production_demo_build(
        world.commune, random.Random(1), today=dt.date(2026, 11, 5), enterprises={}
    )
    Product.objects.filter(plan=plan).delete()
    client = client_for(manager)
    assert _solve(client, plan) == 302
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Add a product before solving the plan." in page


def test_the_manager_takes_a_scenario_off_the_plan(plan: ProductionPlan, manager: User) -> None:
    from comuna.production.models import PlanScenario

    scenario = plan.scenarios.get(name="Sin gasoil")
    client = client_for(manager)
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert f"/produccion/escenarios/{scenario.pk}/quitar/" in page
    response = client.post(
        f"/produccion/escenarios/{scenario.pk}/quitar/",
        {"csrfmiddlewaretoken": client.cookies["csrftoken"].value},
    )
    assert response.status_code == 302
    assert not PlanScenario.objects.filter(pk=scenario.pk).exists()


def test_a_reader_may_not_take_anything_off(world: World, plan: ProductionPlan) -> None:
    corn = plan.inputs.get(name="Maíz blanco")
    client = client_for(world.comptroller)
    client.get(plan.get_absolute_url())
    response = client.post(
        f"/produccion/insumos/{corn.pk}/quitar/",
        {"csrfmiddlewaretoken": client.cookies["csrftoken"].value},
    )
    assert response.status_code == 403
    assert PlanInput.objects.filter(pk=corn.pk).exists()


def test_an_input_in_use_is_not_taken_off_and_the_page_says_why(
    plan: ProductionPlan, manager: User
) -> None:
    corn = plan.inputs.get(name="Maíz blanco")
    client = client_for(manager)
    client.get(corn.get_absolute_url())
    response = client.post(
        f"/produccion/insumos/{corn.pk}/quitar/",
        {"csrfmiddlewaretoken": client.cookies["csrftoken"].value},
        follow=True,
    )
    assert "Products take this input" in response.content.decode()
    assert PlanInput.objects.filter(pk=corn.pk).exists()


def test_the_manager_copies_the_plan_to_next_month(plan: ProductionPlan, manager: User) -> None:
    client = client_for(manager)
    response = post_form(client, f"/produccion/planes/{plan.pk}/copiar/", {"month": "2027-01-05"})
    copy = ProductionPlan.objects.get(month=dt.date(2027, 1, 1))
    assert response["Location"] == copy.get_absolute_url()  # type: ignore[index]
    assert copy.products.count() == plan.products.count()
