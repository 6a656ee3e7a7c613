"""A production plan in a real browser, in Spanish on a phone: open the cornflour plant's plan,
make corn dearer, solve it again, read the scenarios and print the plan."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest

from comuna.production.models import PlanInput, ProductionPlan
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World
from tests.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manager_edits_a_price_solves_the_plan_and_prints_it(
    page: Any, live_server: Any, world: World
) -> None:
    from comuna.demo.production import production_demo_build
    from comuna.users.models import Role
    from tests import factories

    factories.make_user("gerente", Role.ENTERPRISE_MANAGER, commune=world.commune)
    plan = production_demo_build(
        world.commune, random.Random(1), today=dt.date(2026, 12, 3), enterprises={}
    )
    surplus_before = plan.result["outcomes"][0]["plan"]["surplus"]  # type: ignore[index]
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "gerente")

    page.goto(f"{live_server.url}/produccion/")
    page.get_by_role("link", name="diciembre 2026").click()
    page.wait_for_load_state("networkidle")
    assert "Plan de producción" in page.inner_text("h1")
    assert "Sin gasoil" in page.inner_text("[data-testid=scenarios-table]")
    assert_accessible(page)

    page.get_by_role("link", name="Maíz blanco").click()
    page.fill("#id_price", "0.60")
    page.get_by_role("button", name="Guardar").click()
    page.wait_for_load_state("networkidle")
    assert PlanInput.objects.get(plan=plan, name="Maíz blanco").price == Decimal("0.60")
    page.locator("[data-testid=stale]").wait_for()

    page.get_by_role("button", name="Calcular el plan").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=stale]").count() == 0
    table = page.inner_text("[data-testid=scenarios-table]")
    assert "Maíz 30% más caro" in table and "no alcanza" in table
    assert page.locator("[data-testid=chart-surplus] svg").is_visible()
    assert_accessible(page)
    plan.refresh_from_db()
    assert plan.result["outcomes"][0]["plan"]["surplus"] < surplus_before  # type: ignore[index]

    link = page.get_by_role("link", name="Plan para imprimir (PDF)")
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert "Plan de producción" in text and "Harina precocida" in text
    assert "Precio de equilibrio" in text


def test_a_reader_sees_the_plan_but_no_button_to_change_it(
    page: Any, live_server: Any, world: World
) -> None:
    from comuna.demo.production import production_demo_build

    plan: ProductionPlan = production_demo_build(
        world.commune, random.Random(1), today=dt.date(2026, 12, 3), enterprises={}
    )
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "tesorera")
    page.goto(f"{live_server.url}/produccion/planes/{plan.pk}/")
    assert "Harina precocida" in page.inner_text("[data-testid=result-products]")
    assert page.locator("[data-testid=solve]").count() == 0
    assert_accessible(page)
