"""The federation in a real browser, in Spanish on a phone: a commune registers (the acta as a
PDF, the vote, its spokespeople), the communal city's officer accepts it, and the city's page
shows the new commune with its population pyramid."""

from __future__ import annotations

from typing import Any

import pytest

from comuna.federation.models import CommuneTally, Registration, RegistrationStatus
from tests.browser.conftest import assert_accessible, log_in
from tests.federation.conftest import ACTA, KEY_TEXT, Fed, fed_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_commune_registers_and_the_citys_officer_accepts_it(
    page: Any, live_server: Any, fed: Fed
) -> None:
    page.goto(f"{live_server.url}/federacion/registro/")
    assert page.locator("h1").inner_text() == "Registrar una comuna"
    assert_accessible(page)
    page.fill("#id_code", "comuna-el-cardon")
    page.fill("#id_name", "Comuna Socialista El Cardón")
    page.fill("#id_municipality", "Iribarren")
    page.fill("#id_state", "Lara")
    page.select_option("#id_city", str(fed.city.pk))
    page.fill("#id_public_key", KEY_TEXT)
    page.set_input_files(
        "#id_acta", {"name": "acta.pdf", "mimeType": "application/pdf", "buffer": ACTA}
    )
    page.fill("#id_assembly_on", "2026-01-10")
    page.fill("#id_registered_voters", "400")
    page.fill("#id_present", "200")
    page.fill("#id_votes_for", "180")
    page.fill("#id_votes_against", "10")
    page.fill("#id_abstentions", "10")
    page.fill("#id_spokespeople", "Rosa Linares; V9100001; CC El Cardón; Unidad ejecutiva")
    page.click("[data-testid=registration-form] button[type=submit]")
    page.locator("[data-testid=registration-status]").wait_for()
    assert "Esperando revisión" in page.inner_text("[data-testid=registration-status]")
    assert "Rosa Linares" not in page.content()
    assert_accessible(page)
    registration = Registration.objects.get(code="comuna-el-cardon")

    log_in(page, live_server, "enlace")
    page.goto(f"{live_server.url}/federacion/registros/")
    page.click(f"text={registration.name}")
    page.locator("[data-testid=spokespeople]").wait_for()
    assert "Rosa Linares" in page.inner_text("[data-testid=spokespeople]")
    assert_accessible(page)
    page.click("[data-testid=accept]")
    page.wait_for_load_state("networkidle")
    assert "Registro aceptado" in page.content()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ACCEPTED

    page.goto(f"{live_server.url}/federacion/{fed.city.code}/")
    page.locator("[data-testid=communes]").wait_for()
    assert "Comuna Socialista El Cardón" in page.inner_text("[data-testid=communes]")
    assert page.locator("[data-testid=chart-pyramid]").is_visible()
    assert_accessible(page)


def test_the_nations_officer_reads_the_tallies_and_goes_down_to_a_commune(
    page: Any, live_server: Any, fed: Fed
) -> None:
    log_in(page, live_server, "nacional")
    page.goto(f"{live_server.url}/federacion/{fed.nation.code}/")
    page.locator("[data-testid=level-figures]").wait_for()
    assert "Contado hoy" in page.content()
    assert CommuneTally.objects.count() == 3  # the first visit of the day counted them
    assert_accessible(page)
    page.click(f"[data-testid=parts] >> text={fed.state.name}")
    page.locator("[data-testid=parts]").wait_for()
    page.click(f"[data-testid=parts] >> text={fed.city.name}")
    page.locator("[data-testid=communes]").wait_for()
    assert "Contado hoy" not in page.content()  # a city counts its communes live
    page.click(f"[data-testid=communes] >> text={fed.world.commune.name}")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/publico/")  # the commune's own public page
    assert fed.world.commune.name in page.content()
    assert_accessible(page)
