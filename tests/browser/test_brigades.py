"""Brigades in the browser, in Spanish: the administrator builds the water brigade's rota and
prints it; a member sees on a phone who is on duty now."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from comuna.brigades.models import Shift
from tests.brigades.conftest import (
    Crew,
    crew_fixture,  # noqa: F401 - the fixture ``crew``
)
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)


def test_the_administrator_builds_a_rota_and_a_member_sees_who_is_on_duty(
    page: Any, browser: Any, live_server: Any, crew: Crew
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/brigadas/")
    _fits(page)
    page.click("text=Brigada de agua")
    page.wait_for_load_state("networkidle")
    assert "Ministerio del Agua" in page.inner_text("[data-testid=funder]")
    _fits(page)
    page.click("text=Turnos y horas")
    page.wait_for_load_state("networkidle")
    _fits(page)
    page.click("[data-testid=shift-add]")
    page.wait_for_load_state("networkidle")
    _fits(page)
    today = timezone.localdate().isoformat()
    page.select_option("#id_member", str(crew.member.pk))
    page.fill("#id_day", today)
    page.fill("#id_starts", "00:00")
    page.fill("#id_ends", "23:59")
    page.fill("#id_note", "Guardia de la válvula")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert "Pedro Gómez" in page.inner_text("[data-testid=rota]")
    assert Shift.objects.filter(member=crew.member).count() == 1

    # The same person again, overlapping: refused with a message in Spanish, nothing saved.
    page.click("[data-testid=shift-add]")
    page.wait_for_load_state("networkidle")
    page.select_option("#id_member", str(crew.member.pk))
    page.fill("#id_day", today)
    page.fill("#id_starts", "10:00")
    page.fill("#id_ends", "12:00")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert "no puede estar en dos turnos a la vez" in page.content()
    assert Shift.objects.filter(member=crew.member).count() == 1

    page.goto(f"{live_server.url}/brigadas/{crew.water.pk}/turnos/")
    href = page.get_attribute("[data-testid=rota-print]", "href")
    printed = page.request.get(f"{live_server.url}{href}")
    assert printed.status == 200
    assert printed.headers["content-type"] == "application/pdf"
    assert printed.body().startswith(b"%PDF")

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="es-VE")
    member = phone.new_page()
    log_in(member, live_server, "brigadista")
    member.goto(f"{live_server.url}/brigadas/de-turno/")
    assert "Pedro Gómez" in member.inner_text("[data-testid=on-duty]")
    assert "Guardia de la válvula" in member.inner_text("[data-testid=on-duty]")
    _fits(member)
    phone.close()
