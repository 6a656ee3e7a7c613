"""The communal circuits in a real browser, in Spanish: the administrator makes and approves a
cycle's plan at a desk (1280×900), then the driver records a delivery on his truck's sheet on a
phone (390×844), and a second kilo beyond the plan is refused."""

from __future__ import annotations

from typing import Any

import pytest

from comuna.circuits.models import CycleStatus, Delivery, PlanLine
from tests.browser.conftest import assert_accessible, log_in
from tests.circuits.conftest import circuit_make
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_approve_a_circuit_plan_and_record_a_delivery(
    page: Any, live_server: Any, world: World
) -> None:
    circuit = circuit_make(world)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/")
    page.click("[data-testid=menu-circuits]")
    page.click("text=Marzo 2026")
    assert page.locator("h1").inner_text() == "Marzo 2026"
    page.click("[data-testid=plan-solve]")
    page.locator("[data-testid=plan-approve]").wait_for()
    assert "Plan en borrador." in page.content()
    explanations = page.inner_text("[data-testid=explanations]")
    assert "Cubierta por completo." in explanations
    assert "Faltan 50 kg" in explanations  # the market, lowest priority, bears the shortage
    assert_accessible(page)
    page.click("[data-testid=plan-approve]")
    page.locator("[data-testid=sheets]").wait_for()
    assert "Plan aprobado" in page.inner_text("[data-testid=cycle-status]")
    circuit.cycle.refresh_from_db()
    assert circuit.cycle.status == CycleStatus.APPROVED

    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "chofer")
    page.goto(f"{live_server.url}/circuitos/")
    page.click("text=Marzo 2026")
    page.click("[data-testid=sheets] >> text=Camión 1")
    assert page.locator("h1").inner_text() == "Hoja de entrega: Camión 1"
    assert_accessible(page)
    line = (
        PlanLine.objects.filter(cycle=circuit.cycle)
        .order_by("producer__name", "outlet__name", "product__name")
        .first()
    )
    assert line is not None
    section = page.locator(f"#line-{line.pk}")
    section.locator("input[name$=kg]").fill(str(line.quantity_g // 1000))
    section.locator("[data-testid=deliver]").click()
    page.locator(f"#line-{line.pk} [data-testid=line-done]").wait_for()
    assert "Registrado:" in page.content()
    assert_accessible(page)
    line.refresh_from_db()
    assert line.delivered_g == line.quantity_g
    assert Delivery.objects.get().recorded_by == circuit.driver

    other = PlanLine.objects.filter(cycle=circuit.cycle).exclude(pk=line.pk).order_by("pk").first()
    assert other is not None
    too_much = other.quantity_g // 1000 + 1
    box = page.locator(f"#line-{other.pk}")
    box.locator("input[name$=kg]").fill(str(too_much))
    box.locator("[data-testid=deliver]").click()
    page.wait_for_load_state("networkidle")
    assert "quedan" in page.content()
    assert Delivery.objects.count() == 1
