"""Incidents in a real browser, in Spanish: a resident reports a burst pipe from a phone
(390×844), the administrator assigns it to the water brigade and closes it; the public page
shows the count and never the address."""

from __future__ import annotations

from typing import Any

import pytest

from comuna.brigades.models import Brigade
from comuna.incidents.models import Incident, IncidentStatus
from tests import factories
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_reports_from_a_phone_and_the_administrator_assigns_and_closes(
    page: Any, live_server: Any, world: World
) -> None:
    sector = factories.make_sector(world.council, "Sector Norte")
    world.household.sector = sector
    world.household.save(update_fields=["sector"])
    Brigade.objects.create(commune=world.commune, name="Brigada de agua", kind="water")
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, live_server, "vecina")
    page.goto(f"{live_server.url}/incidencias/reportar/")
    assert page.locator("h1").inner_text() == "Reportar una incidencia"
    assert_accessible(page)
    page.select_option("#id_kind", label="Agua")
    page.fill("#id_description", "")
    page.click("button[name=save]")
    page.locator("[data-testid=error-summary]").wait_for()
    assert not Incident.objects.exists()
    page.fill("#id_description", "Se rompió la tubería frente a la casa.")
    page.click("button[name=save]")
    page.locator("[data-testid=incident]").wait_for()
    assert "Gracias: su reporte es INC-00001" in page.content()
    assert page.locator("[data-testid=incident-status]").inner_text() == "Reportada"
    assert_accessible(page)
    incident = Incident.objects.get()
    assert incident.household == world.household and incident.households_affected == 1

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/incidencias/")
    page.click(f"text={incident.reference}")
    page.locator("[data-testid=assign-form]").wait_for()
    page.select_option("#id_assign_brigade", label="Brigada de agua")
    page.locator("[data-testid=assign-form] button").click()
    page.locator("text=Incidencia asignada.").wait_for()
    assert page.locator("[data-testid=incident-brigade]").inner_text() == "Brigada de agua"
    page.select_option("#id_status_status", label="Resuelta")
    page.locator("[data-testid=status-form] button").click()
    page.locator("text=Estado cambiado.").wait_for()
    assert page.locator("[data-testid=incident-status]").inner_text() == "Resuelta"
    assert_accessible(page)
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.RESOLVED

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/incidencias/publico/")
    assert "Incidencias por tipo" in page.content()
    assert "Calle 1" not in page.content()
    assert_accessible(page)


def test_the_map_on_a_phone_opens_the_incident_of_a_point(
    page: Any, live_server: Any, world: World
) -> None:
    from decimal import Decimal

    from django.utils import timezone

    from comuna.incidents.models import IncidentKind
    from comuna.incidents.services import incident_report

    water = IncidentKind.objects.of(world.commune).get(code="water")
    reported = [
        incident_report(
            commune=world.commune,
            kind=water,
            council=world.council,
            sector=None,
            household=world.household,
            address="Calle 1",
            description="Sin agua",
            since=timezone.localdate(),
            by=world.resident,
            latitude=Decimal(latitude),
            longitude=Decimal("-66.980000"),
        )
        for latitude in ("10.464000", "10.468000")
    ]
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/incidencias/mapa/")
    assert page.locator("h1").inner_text() == "Mapa de las incidencias"
    assert page.locator("[data-testid=incident-map] circle").count() == 2
    assert_accessible(page)
    page.locator(f"[aria-label^='{reported[0].reference}']").click()
    page.locator("[data-testid=incident]").wait_for()
    assert reported[0].reference in page.content()
