"""The clinic's two keys in a real browser, in Spanish on a phone (390×844): ``enfermera``
hands medicine over, ``promotora`` confirms it from her own phone and the stock moves; a
count with a difference reaches ``contralor``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from comuna.health import selectors, services
from comuna.health.models import Discrepancy, Dispensation
from comuna.users.models import Role
from tests import factories
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_issue_under_two_keys_and_a_count_for_the_comptroller(
    page: Any, browser: Any, live_server: Any, world: World
) -> None:
    for name in ("enfermera", "promotora"):
        factories.make_user(name, Role.HEALTH_COMMITTEE, commune=world.commune)
    today = timezone.localdate()
    item = services.item_create(
        commune=world.commune, name="Losartán 50 mg", form="tabletas", unit="tableta"
    )
    batch = services.batch_receive(
        commune=world.commune,
        item=item,
        lot="LOS-7",
        expiry=today + dt.timedelta(days=300),
        received=60,
        received_on=today,
        supplier="Ministerio de Salud",
    )
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "enfermera")
    page.goto(f"{live_server.url}/salud/entregar/")
    assert page.locator("h1").inner_text() == "Entregar medicamentos"
    assert_accessible(page)
    page.select_option("#id_batch", str(batch.pk))
    page.fill("#id_national_id", "V12345678")
    page.fill("#id_quantity", "30")
    page.fill("#id_prescription", "R-0412")
    page.fill("#id_prescriber", "Dra. Medina")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert "cuando un testigo la confirme" in page.content()
    assert selectors.batch_stock(batch) == 60

    witness = browser.new_context(viewport={"width": 390, "height": 844}, locale="es-VE")
    other = witness.new_page()
    log_in(other, live_server, "promotora")
    other.goto(f"{live_server.url}/salud/pendientes/")
    assert "María José Pérez Rodríguez" in other.inner_text("[data-testid=pending-issues]")
    assert_accessible(other)
    other.click("[data-testid=pending-issues] button")
    other.wait_for_load_state("networkidle")
    assert "Confirmado: las existencias se movieron." in other.content()
    assert selectors.batch_stock(batch) == 30
    assert Dispensation.objects.get().witness.username == "promotora"  # type: ignore[union-attr]

    page.goto(f"{live_server.url}/salud/conteos/nuevo/")
    page.select_option("#id_batch", str(batch.pk))
    page.fill("#id_counted", "28")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    other.goto(f"{live_server.url}/salud/pendientes/")
    other.click("[data-testid=pending-counts] button")
    other.wait_for_load_state("networkidle")
    witness.close()
    discrepancy = Discrepancy.objects.get()

    page.context.clear_cookies()
    log_in(page, live_server, "contralor")
    page.goto(f"{live_server.url}/salud/discrepancias/")
    assert "Losartán 50 mg" in page.inner_text("[data-testid=discrepancies]")
    assert_accessible(page)
    page.goto(f"{live_server.url}/salud/discrepancias/{discrepancy.pk}/")
    movements = page.inner_text("[data-testid=movements]")
    assert "enfermera" in movements and "promotora" in movements
    assert "Pérez" not in page.content()
    assert_accessible(page)
    page.fill("#id_finding", "Dos tabletas dañadas por humedad")
    page.click("form[action$='cerrar/'] button")
    page.locator("[data-testid=finding]").wait_for()
    for path in ("", "lotes/", "alertas/", "conteos/", "ayudas/", "publico/"):
        page.goto(f"{live_server.url}/salud/{path}")
        assert_accessible(page)
