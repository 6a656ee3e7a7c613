"""Peace in a real browser, in Spanish on a phone (390×844): a brigade member logs a round;
a mediator opens a case, records a session and an agreement and prints it; the other mediator
is refused."""

from __future__ import annotations

from typing import Any

import pytest

from comuna.peace.models import CaseRead, CaseStatus, MediationCase, Round
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World
from tests.pdf import pdf_text
from tests.peace.conftest import peace_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_round_on_the_phone_and_a_case_only_its_mediator_reads(
    page: Any, live_server: Any, world: World
) -> None:
    peace = peace_make(world)
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, live_server, "brigadista")
    page.goto(f"{live_server.url}/paz/")
    page.click("[data-testid=round-create]")
    assert page.locator("h1").inner_text() == "Registrar una ronda"
    assert_accessible(page)
    page.fill("#id_starts_at", "19:00")
    page.fill("#id_ends_at", "21:00")
    page.check("#id_members_0")
    page.select_option("#id_category", "lighting")
    page.click("button[name=save]")
    page.locator("[data-testid=error-summary]").wait_for()
    assert "qué pasó." in page.content()  # the message that asks what happened
    assert not Round.objects.exists()
    page.fill("#id_what", "Tres postes sin luz frente a la cancha")
    page.click("button[name=save]")
    page.locator("[data-testid=reports]").wait_for()
    assert "Ronda registrada." in page.content()
    assert "Alumbrado" in page.inner_text("[data-testid=reports]")
    assert_accessible(page)
    assert Round.objects.get().reports.count() == 1

    page.context.clear_cookies()
    log_in(page, live_server, "mediadora")
    page.goto(f"{live_server.url}/paz/casos/")
    page.click("[data-testid=case-open]")
    assert_accessible(page)
    page.select_option("#id_kind", "boundaries")
    page.fill("#id_summary", "Una cerca sobre el paso común")
    page.fill("#id_national_ids", "V8765432")
    page.fill("#id_outsiders", "Pedro Forastero")
    page.click("button[name=save]")
    page.locator("[data-testid=parties]").wait_for()
    case = MediationCase.objects.get(kind="boundaries")
    assert "Pedro Forastero" in page.inner_text("[data-testid=parties]")
    assert_accessible(page)

    page.click("[data-testid=session-create]")
    page.fill("#id_attended", "Carmen y Pedro")
    page.click("button[name=save]")
    page.locator("[data-testid=sessions]").wait_for()
    page.click("[data-testid=agreement-create]")
    page.fill("#id_terms", "La cerca se corre un metro.\nEl paso queda libre.")
    page.click("button[name=save]")
    page.locator("[data-testid=agreement]").wait_for()
    assert_accessible(page)
    case.refresh_from_db()
    assert case.status == CaseStatus.AGREEMENT

    href = page.get_attribute("[data-testid=agreement-print]", "href")
    answer = page.request.get(f"{live_server.url}{href}")
    assert answer.headers["content-type"] == "application/pdf"
    text = pdf_text(answer.body())
    assert "La cerca se corre un metro." in text and "Pedro Forastero" in text
    page.goto(f"{live_server.url}/paz/casos/{case.pk}/lecturas/")
    assert "El acuerdo (PDF)" in page.inner_text("[data-testid=reads]")
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, live_server, "mediador")
    answer = page.goto(f"{live_server.url}/paz/casos/{case.pk}/")
    assert answer.status == 404
    assert "Pedro Forastero" not in page.content()
    assert not CaseRead.objects.filter(case=case, user=peace.mediador).exists()
    page.goto(f"{live_server.url}/paz/publico/")
    assert "Pedro Forastero" not in page.content()
    assert_accessible(page)
