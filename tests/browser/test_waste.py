"""The day's collection plan in a real browser, in Spanish on a phone: make it, read its routes,
re-plan the rest of the day when a truck breaks down."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from comuna.waste.models import DayPlan
from tests.browser.conftest import assert_accessible, log_in
from tests.waste.conftest import Fleet, fleet  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manager_makes_the_days_plan_and_sees_its_routes(
    page: Any,
    live_server: Any,
    fleet: Fleet,  # noqa: F811
) -> None:
    log_in(page, live_server, "gerente")
    page.goto(f"{live_server.url}/recoleccion/")
    assert_accessible(page)
    page.click("[data-testid=plan-index]")
    page.fill("#id_date", timezone.localdate().isoformat())
    page.click("[data-testid=make-plan]")
    page.locator("[data-testid=route]").first.wait_for()
    plan = DayPlan.objects.get(current=True)
    assert plan.litres_ml <= plan.allowance_ml
    assert "Plan del" in page.inner_text("h1")
    assert page.locator("[data-testid=route]").count() == plan.routes.count()
    assert page.locator("[data-testid=map]").is_visible()
    assert_accessible(page)

    route = plan.routes.order_by("-kg").first()
    assert route is not None
    page.select_option("#id_vehicle", str(route.vehicle_id))
    page.fill("#id_after_stop", "1")
    page.click("[data-testid=replan-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    new = DayPlan.objects.get(current=True)
    assert new.replaces_id == plan.pk
    assert "reemplaza" in page.inner_text("main")


def test_the_fleet_and_territory_pages_fit_a_phone_and_pass_axe(
    page: Any,
    live_server: Any,
    fleet: Fleet,  # noqa: F811
) -> None:
    from tests.browser.conftest import serious_violations

    e = fleet.enterprise.pk
    paths = [
        f"/recoleccion/empresa/{e}/",
        f"/recoleccion/empresa/{e}/puntos/",
        f"/recoleccion/empresa/{e}/mapa/",
        f"/recoleccion/empresa/{e}/ajustes/",
        f"/recoleccion/empresa/{e}/calles/",
        f"/recoleccion/empresa/{e}/plan/",
        f"/recoleccion/empresa/{e}/puntos/importar/",
        f"/recoleccion/empresa/{e}/puntos/nuevo/",
        f"/recoleccion/vehiculos/{fleet.trucks[0].pk}/",
        f"/recoleccion/vehiculos/{fleet.trucks[0].pk}/averia/",
        f"/recoleccion/sitios/{fleet.depot.pk}/",
        f"/recoleccion/puntos/{fleet.points[0].pk}/",
    ]
    log_in(page, live_server, "gerente")
    problems: list[str] = []
    for path in paths:
        page.goto(live_server.url + path, wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            problems.append(f"{path}: {width} px wide")
        problems += [f"{path}: {found}" for found in serious_violations(page)]
    assert not problems, "\n".join(problems)
