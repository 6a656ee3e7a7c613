"""A citizens' assembly run from a phone: open it, take attendance until the quorum indicator
flips, vote by show of hands, download the minutes."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from comuna.governance import services
from comuna.governance.models import Decision, Organ, OrganKind, ProposalStatus
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World
from tests.governance.conftest import add_adults, convene
from tests.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def assembly(world: World) -> Organ:
    # The head and four neighbours are of age: 30% of 5 is 2 people at first call.
    add_adults(world.council, 4)
    return Organ.objects.create(
        commune=world.commune, council=world.council, kind=OrganKind.ASSEMBLY, name="Asamblea CC01"
    )


def _register(page: Any, name: str, pk: int) -> None:
    page.fill("#attendance-search", name)
    button = page.locator(f"[data-testid=register-{pk}]")
    button.wait_for()
    button.click()


def test_a_spokesperson_runs_an_assembly_from_opening_to_the_minutes(
    page: Any, live_server: Any, world: World, assembly: Organ
) -> None:
    meeting = convene(assembly, world.spokesperson, agenda=("Jornada de limpieza",))
    proposal = services.proposal_add(meeting=meeting, title="Limpiar la quebrada", by=None)
    neighbours = list(world.council.households.get(reference__startswith="H").members.all())
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.click("[data-testid=open-meeting]")
    page.wait_for_load_state("networkidle")
    quorum = page.locator("[data-testid=quorum]")
    assert quorum.get_attribute("data-reached") == "no"

    _register(page, neighbours[0].first_names, neighbours[0].pk)
    page.locator("[data-testid=quorum] [data-testid=present]", has_text="1").wait_for()
    assert page.locator("[data-testid=quorum]").get_attribute("data-reached") == "no"
    _register(page, "María José", world.head.pk)
    page.locator("[data-testid=quorum][data-reached=yes]").wait_for()
    assert page.locator("#attendance-feedback").inner_text().strip() != ""

    form = page.locator("[data-testid=proposal-1]")
    form.locator("input[name=votes_for]").fill("2")
    form.locator("input[name=votes_against]").fill("0")
    form.locator("input[name=votes_abstaining]").fill("0")
    form.locator("[data-testid=record-vote]").click()
    page.locator("[data-testid=proposal-1] [data-testid=result]").wait_for()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CARRIED
    assert Decision.objects.filter(proposal=proposal).exists()

    href = page.get_attribute("[data-testid=acta]", "href")
    answer = page.request.get(f"{live_server.url}{href}")
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")
    assert "Limpiar la quebrada" in pdf_text(answer.body())


def test_below_quorum_the_vote_is_refused_and_the_page_says_why(
    page: Any, live_server: Any, world: World, assembly: Organ
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    meeting = convene(assembly, world.spokesperson)
    services.meeting_open(meeting=meeting, by=world.spokesperson)
    proposal = services.proposal_add(meeting=meeting, title="Pintar la cancha", by=None)
    services.proposal_add(meeting=meeting, title="Sembrar la plaza", by=None)
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    form = page.locator("[data-testid=proposal-1]")
    form.locator("input[name=votes_for]").fill("1")
    form.locator("input[name=votes_against]").fill("0")
    form.locator("input[name=votes_abstaining]").fill("3")
    form.locator("[data-testid=record-vote]").click()
    page.wait_for_load_state("networkidle")
    # Where the page lands: the summary at the top of the form that was sent, with the reason.
    summary = page.locator("[data-testid=proposal-1] [data-testid=error-summary]")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.dataset.testid") == "error-summary"
    box = summary.bounding_box()
    assert box is not None and 0 <= box["y"] < page.evaluate("window.innerHeight")
    reason = summary.inner_text()
    assert "Hay un problema" in reason
    assert "quórum" in reason.lower() and "2" in reason  # present, needed and the rule
    # What was typed is still there, in the form that was sent (and only there).
    form = page.locator("[data-testid=proposal-1]")
    assert form.locator("input[name=votes_for]").input_value() == "1"
    assert form.locator("input[name=votes_against]").input_value() == "0"
    assert form.locator("input[name=votes_abstaining]").input_value() == "3"
    other = page.locator("[data-testid=proposal-2]")
    assert other.locator("input[name=votes_for]").input_value() == ""
    assert other.locator("[data-testid=error-summary]").count() == 0
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    assert reverse("governance:meeting", args=[meeting.pk]) in page.content()
    assert_accessible(page)
