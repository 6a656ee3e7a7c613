"""A popular consultation in a real browser, in Spanish: the city's officer opens it at a desk;
the commune's administrator, on a phone in the assembly (390×844), puts it on the agenda,
records the votes, closes the meeting and the result; the officer publishes it and the
results page shows the chart and each commune's fingerprint of the minutes."""

from __future__ import annotations

from typing import Any

import pytest

from comuna.consultations.models import Consultation, Holding
from tests.browser.conftest import assert_accessible, log_in
from tests.consultations.conftest import Federation, assembly_meeting
from tests.consultations.conftest import federation as federation  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_opens_a_commune_holds_it_and_the_officer_publishes(
    page: Any, live_server: Any, federation: Federation
) -> None:
    f = federation
    meeting = assembly_meeting(f, f.a, 6)

    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server, "oficial_ciudad")
    page.goto(f"{live_server.url}/consultas/nueva/")
    assert page.locator("h1").inner_text() == "Abrir una consulta popular"
    page.select_option("#id_unit", str(f.city.pk))
    page.select_option("#id_kind", "question")
    page.fill("#id_title", "Plan de seguridad compartido")
    page.fill("#id_question", "¿Aprueba la comuna el plan de seguridad de la ciudad comunal?")
    assert_accessible(page)
    page.click("button[name=save]")
    page.locator("[data-testid=open]").wait_for()
    assert "borrador" in page.content()
    page.click("[data-testid=open]")
    page.locator("[data-testid=close]").wait_for()
    assert_accessible(page)
    consultation = Consultation.objects.get()

    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/consultas/")
    page.click(f"text={consultation.title}")
    page.locator("[data-testid=holding-start]").wait_for()
    assert_accessible(page)
    page.select_option("#id_meeting", str(meeting.pk))
    page.click("[data-testid=holding-start]")
    page.locator("[data-testid=record-votes]").wait_for()
    assert "6 presentes" in page.inner_text("[data-testid=quorum]")
    yes, no = consultation.options.order_by("position")
    page.fill(f"#id_option_{yes.pk}", "4")
    page.fill(f"#id_option_{no.pk}", "1")
    page.fill("#id_blank", "1")
    page.click("[data-testid=record-votes]")
    page.locator("[data-testid=counts]").wait_for()
    assert "Los votos de la asamblea quedaron registrados" in page.content()
    assert_accessible(page)
    page.goto(f"{live_server.url}/gobierno/reuniones/{meeting.pk}/")
    page.click("[data-testid=close-meeting]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/consultas/{consultation.pk}/comuna/")
    page.click("[data-testid=holding-close]")
    page.locator("[data-testid=acta-head]").wait_for()
    head = page.inner_text("[data-testid=acta-head]").strip()
    assert head == Holding.objects.of(f.a).get().acta_head
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server, "oficial_ciudad")
    page.goto(f"{live_server.url}/consultas/{consultation.pk}/")
    assert "1 de 2 comunas" in page.inner_text("[data-testid=arrived-count]")
    page.click("[data-testid=close]")
    page.locator("[data-testid=publish]").wait_for()
    page.click("[data-testid=publish]")
    page.locator("[data-testid=see-results]").wait_for()
    page.click("[data-testid=see-results]")
    page.locator("[data-testid=chart-totals]").wait_for()
    assert page.locator("[data-testid=chart-totals]").is_visible()
    assert head in page.inner_text("[data-testid=communes]")
    assert page.inner_text("[data-testid=total-votes]").strip() == "5"
    assert_accessible(page)

    # Anybody reads the published result, on a phone.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/consultas/{consultation.pk}/resultados/")
    assert page.locator("[data-testid=chart-totals]").is_visible()
    assert_accessible(page)
