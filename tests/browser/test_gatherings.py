"""The calendar and a gathering in a real browser, in Spanish on a phone (390 px): anybody
reads the month; a commune's administrator reports its participation; the city's officer
chairs a session's speakers' list, has an amendment and the declaration voted, and the
adopted declaration is downloaded as a PDF."""

from __future__ import annotations

from typing import Any

import pytest

from comuna.gatherings import services
from comuna.gatherings.models import Amendment, Gathering, Participation
from tests.browser.conftest import assert_accessible, log_in
from tests.gatherings.conftest import Federation, federation_fixture  # noqa: F401 - fixture
from tests.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _click(page: Any, selector: str) -> None:
    page.click(selector)
    page.wait_for_load_state("networkidle")


def test_the_calendar_a_report_the_speakers_list_the_votes_and_the_declaration(
    page: Any, live_server: Any, federation: Federation
) -> None:
    f = federation
    page.set_viewport_size({"width": 390, "height": 844})
    action = services.action_call(
        kind="work_day",
        title="Jornada de limpieza de quebradas",
        description="Con las brigadas.",
        starts_on=f.today,
        ends_on=f.today,
        unit=f.city,
        organisations=[f.movement],
        by=None,
    )
    delegates = []
    for name, organisation in (
        ("Yusmary Castillo", f.movement),
        ("Pedro Rangel", f.union),
        ("Nelly Marcano", f.union),
    ):
        d = services.delegate_register(
            gathering=f.gathering, organisation=organisation, name=name, by=None
        )
        services.delegate_presence_set(delegate=d, present=True, by=None)
        delegates.append(d)
    session = services.session_open(
        gathering=f.gathering,
        title="Plenaria",
        starts_at=f.gathering.created_at,
        agenda="Debate del borrador",
        by=None,
    )
    amendment = services.amendment_propose(
        gathering=f.gathering,
        paragraph_number=2,
        kind="replace",
        text="Segundo: coordinamos un calendario común.",
        organisation=f.union,
        by=None,
    )

    # Anybody reads the month and the list.
    page.goto(f"{live_server.url}/encuentros/")
    assert page.locator("h1").inner_text() == "Calendario de acciones"
    assert page.locator("[data-testid=month-grid]").is_visible()
    assert "Jornada de limpieza de quebradas" in page.inner_text("[data-testid=actions]")
    assert_accessible(page)

    # The commune's administrator reports its participation.
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/encuentros/acciones/{action.pk}/")
    _click(page, "[data-testid=report]")
    page.fill("#id_people", "42")
    page.fill("#id_hours", "168")
    _click(page, "button[name=save]")
    assert "Participación informada" in page.content()
    assert "42" in page.inner_text("[data-testid=totals]")
    assert page.locator("[data-testid=chart-people]").is_visible()
    assert_accessible(page)
    assert Participation.objects.of(f.world.commune).get().people == 42

    # The city's officer chairs the session on a phone.
    page.context.clear_cookies()
    log_in(page, live_server, "oficial_sur")
    page.goto(f"{live_server.url}/encuentros/sesiones/{session.pk}/")
    for d in (delegates[1], delegates[0]):
        page.select_option("#id_delegate", str(d.pk))
        _click(page, "[data-testid=ask]")
    assert page.inner_text("[data-testid=waiting]").splitlines()[0].startswith("Pedro Rangel")
    _click(page, "[data-testid=next]")
    assert "Pedro Rangel" in page.inner_text("[data-testid=speaking]")
    assert_accessible(page)
    _click(page, "[data-testid=done]")
    assert "Nadie tiene la palabra" in page.inner_text("[data-testid=speaking]")
    assert "Pedro Rangel" in page.inner_text("[data-testid=spoke]")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow

    # The amendment is voted, one delegate after another, and counted.
    page.goto(f"{live_server.url}/encuentros/enmiendas/{amendment.pk}/")
    assert_accessible(page)
    for d, choice in zip(delegates, ("yes", "yes", "no"), strict=True):
        _click(page, f"[data-testid=vote-{d.pk}-{choice}]")
    _click(page, "[data-testid=count]")
    assert page.inner_text("[data-testid=amendment-status]") == "aprobada"
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.CARRIED

    # The declaration is voted and adopted.
    page.goto(f"{live_server.url}/encuentros/{f.gathering.pk}/votacion/")
    for d in delegates:
        _click(page, f"[data-testid=vote-{d.pk}-yes]")
    assert_accessible(page)
    _click(page, "[data-testid=count]")
    assert page.inner_text("[data-testid=status]") == "declaración aprobada"
    assert "Segundo: coordinamos un calendario común." in page.inner_text("[data-testid=adopted]")
    assert_accessible(page)
    f.gathering.refresh_from_db()
    assert f.gathering.status == Gathering.Status.ADOPTED

    # Anybody downloads the adopted declaration.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/encuentros/{f.gathering.pk}/")
    href = page.get_attribute("[data-testid=declaration-pdf]", "href")
    answer = page.request.get(f"{live_server.url}{href}")
    assert answer.headers["content-type"] == "application/pdf"
    text = " ".join(pdf_text(answer.body()).split())
    assert "Declaración del Encuentro del Sur" in text
    assert "2. Segundo: coordinamos un calendario común." in text


def test_the_chair_withdraws_a_delegate_and_an_amendment_on_a_phone(
    page: Any, live_server: Any, federation: Federation
) -> None:
    f = federation
    page.set_viewport_size({"width": 390, "height": 844})
    mistaken = services.delegate_register(
        gathering=f.gathering, organisation=f.union, name="Nelly Marcano", by=None
    )
    services.delegate_register(
        gathering=f.gathering, organisation=f.union, name="Pedro Rangel", by=None
    )
    amendment = services.amendment_propose(
        gathering=f.gathering,
        paragraph_number=2,
        kind="delete",
        text="",
        organisation=f.union,
        by=None,
    )
    log_in(page, live_server, "oficial_sur")
    page.goto(f"{live_server.url}/encuentros/{f.gathering.pk}/delegados/")
    _click(page, f"[data-testid=withdraw-{mistaken.pk}]")
    assert "Delegado retirado." in page.content()
    listed = page.inner_text("[data-testid=delegate-list]")
    assert "Nelly Marcano" not in listed and "Pedro Rangel" in listed
    assert_accessible(page)
    page.goto(f"{live_server.url}/encuentros/enmiendas/{amendment.pk}/")
    _click(page, "[data-testid=withdraw-amendment]")
    assert page.inner_text("[data-testid=amendment-status]") == "retirada"
    assert page.locator("[data-testid=withdraw-amendment]").count() == 0
    assert_accessible(page)
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.WITHDRAWN
