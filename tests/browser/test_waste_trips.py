"""A truck's crew on the phone (390×844, in Spanish): follow the route, log the trip, and the
books move."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from comuna.ledger import chart
from comuna.ledger.models import Account
from comuna.users.models import Role
from comuna.waste.models import TripLog
from tests import factories
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World
from tests.pdf import pdf_text
from tests.waste.factories_trips import diesel_stock_put, fees_set, plan_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_crew_logs_a_trip_on_the_phone_and_the_books_move(
    browser: Any, page: Any, live_server: Any, world: World
) -> None:
    plan = plan_make(world.council)
    diesel_stock_put(world.commune, 100, plan.plan.date - dt.timedelta(days=2))
    fees_set(plan.enterprise, per_kg=10)
    factories.make_user("chofer", Role.ENTERPRISE_WORKER, commune=world.commune)
    route = plan.routes[0]
    stops = plan.point_stops(route)

    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "chofer")
    page.goto(f"{live_server.url}/recoleccion/rutas/{route.pk}/")
    assert "Paradas en orden" in page.inner_text("main")
    assert page.locator("svg[role=img]").count() == 1
    assert int(page.evaluate("document.documentElement.scrollWidth")) <= 390
    assert_accessible(page)

    page.fill(f"#id_kg_{stops[0].pk}", "350")
    page.fill(f"#id_kg_{stops[2].pk}", "410")
    page.fill("#id_km", "31,4")
    page.fill("#id_litres", "22,5")
    button = page.get_by_test_id("close-trip")
    assert button.bounding_box()["height"] >= 44
    button.click()
    page.wait_for_load_state("networkidle")
    assert "Viaje registrado" in page.inner_text("main")
    assert_accessible(page)

    sheet = page.get_by_role("link", name="Imprimir la hoja (PDF)").get_attribute("href")
    printed = page.request.get(f"{live_server.url}{sheet}")
    assert printed.headers["content-type"] == "application/pdf"
    assert "Hoja de ruta" in pdf_text(printed.body()) and "Chofer" in pdf_text(printed.body())

    log = TripLog.objects.get()
    assert (log.metres, log.litres_ml, log.fee_cents) == (31_400, 22_500, 7_600)
    stock = Account.objects.of(world.commune).get(code=chart.STOCK_DIESEL)
    assert stock.debits_posted - stock.credits_posted == 100_000 - 22_500

    # The treasurer sees the diesel leave the stock in the books.
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="es-VE")
    books = context.new_page()
    log_in(books, live_server, "tesorera")
    books.goto(f"{live_server.url}/cuentas/libro/cuenta/{chart.STOCK_DIESEL}/")
    assert route.vehicle.plate in books.inner_text("main")
    context.close()


def test_the_manager_reads_plan_against_actual_imports_and_sets_fees_on_the_phone(
    page: Any, live_server: Any, world: World
) -> None:
    from comuna.waste.trips.services import Weighing, trip_log_record

    plan = plan_make(world.council)
    diesel_stock_put(world.commune, 100, plan.plan.date - dt.timedelta(days=2))
    route = plan.routes[0]
    stops = plan.point_stops(route)
    trip_log_record(
        route=route,
        metres=33_000,
        litres_ml=24_000,
        weighings=[Weighing(stops[0].pk, 300), Weighing(stops[1].pk, 0, served=False)],
        by=None,
    )
    factories.make_user("gerente", Role.ENTERPRISE_MANAGER, commune=world.commune)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "gerente")
    month = plan.plan.date.strftime("%Y-%m")
    page.goto(f"{live_server.url}/recoleccion/real/?mes={month}")
    assert "Plan frente a lo real" in page.inner_text("main")
    assert page.get_by_test_id("chart-kg").count() == 1
    assert int(page.evaluate("document.documentElement.scrollWidth")) <= 390
    assert_accessible(page)

    page.goto(f"{live_server.url}/recoleccion/rutas/{route.pk}/")
    assert "Viaje registrado" in page.inner_text("main")
    assert_accessible(page)

    page.goto(f"{live_server.url}/recoleccion/viajes/importar/")
    assert_accessible(page)

    page.goto(f"{live_server.url}/recoleccion/tarifas/")
    page.fill("#id_per_kg", "1,50")
    page.fill("#id_per_point", "0")
    assert_accessible(page)
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert "Tarifas guardadas." in page.inner_text("body")
    assert plan.enterprise.collection_fees.cents_per_kg == 150
