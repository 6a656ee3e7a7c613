"""An enterprise in a phone's browser, in Spanish: the manager creates it, adds a worker found
in the census, receives the month's diesel, and sees the month move."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from comuna.enterprises.models import Enterprise, Worker
from comuna.enterprises.selectors import diesel_left_ml
from comuna.ledger import chart
from tests.browser.conftest import assert_accessible, log_in
from tests.enterprises.conftest import (
    Works,
    works_fixture,  # noqa: F401 - the fixture ``works``
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)


def test_a_manager_creates_an_enterprise_adds_a_worker_and_receives_diesel(
    page: Any, live_server: Any, works: Works
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "gerente")
    page.goto(f"{live_server.url}/empresas/")
    _fits(page)
    page.click("text=Nueva empresa")
    page.fill("#id_name", "EPS Barrio Limpio")
    page.select_option("#id_kind", "waste_collection")
    page.fill("#id_description", "Recoge los desechos del barrio")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    made = Enterprise.objects.get(name="EPS Barrio Limpio")
    assert page.url.endswith(f"/empresas/{made.pk}/")
    assert "quedó creada" in page.inner_text(".messages")
    _fits(page)

    page.click("text=Agregar un trabajador")
    page.fill("#id_q", "maría")
    page.click("text=Buscar en el censo")
    page.wait_for_load_state("networkidle")
    _fits(page)
    page.check(f"input[name=person][value='{works.world.head.pk}']")
    page.select_option("#id_job", "driver")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert "María José Pérez Rodríguez" in page.inner_text("[data-testid=workers]")
    assert Worker.objects.get(enterprise=made).job == "driver"

    page.click("text=Gasoil")
    page.wait_for_load_state("networkidle")
    _fits(page)
    page.fill("#id_litres", "600")
    page.fill("#id_amount", "15.000,00")
    page.select_option("#id_paid_from", chart.WASTE_CASH)
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("[data-testid=diesel-left]") == "600 L"
    assert diesel_left_ml(made, on=timezone.localdate()) == 600_000

    page.goto(f"{live_server.url}/empresas/{made.pk}/")
    page.click("text=El mes en cifras")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("[data-testid=stock-diesel]").startswith("600 · 0 · 600")
    assert page.locator("[data-testid=chart-month]").count() == 1
    _fits(page)
