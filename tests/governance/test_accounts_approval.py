"""Approving the accounts from the proposal form: the secretary picks a closed statement of
the books (nobody types a chain head), and adopting the proposal approves it in the books."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comuna.core.refusals import Refusal
from comuna.governance import services
from comuna.governance.models import AttendanceMethod, Proposal, ProposalStatus
from comuna.ledger.services import statement_approve
from tests.conftest import World, client_for, post_form
from tests.governance.conftest import Parliament, close_a_month, open_meeting

pytestmark = pytest.mark.django_db


def test_the_accounts_are_approved_by_picking_a_statement_and_voting(
    world: World, parliament: Parliament
) -> None:
    statement = close_a_month(world.commune)
    meeting = open_meeting(parliament.organ, world.admin, agenda=("Cuentas del mes",))
    services.attendance_register(
        meeting=meeting, people=[world.head, world.neighbour], method=AttendanceMethod.SEARCH,
        by=None,
    )  # fmt: skip
    client = client_for(world.admin)
    url = reverse("governance:proposal_add", args=[meeting.pk])
    form = client.get(url).content.decode()
    assert statement.head[:16] in form
    post_form(client, url, {
        "title": "Aprobar las cuentas de marzo", "kind": "accounts", "method": "hands",
        "statement": statement.pk,
    })  # fmt: skip
    proposal = Proposal.objects.get()
    assert (proposal.statement_label, proposal.ledger_head, proposal.ledger_entry_count) == (
        statement.label, statement.head, statement.entry_count,
    )  # fmt: skip
    post_form(client, reverse("governance:vote_hands", args=[proposal.pk]), {
        "votes_for": 2, "votes_against": 0, "votes_abstaining": 0,
    })  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CARRIED
    statement.refresh_from_db()
    assert statement.is_approved
    assert (statement.meeting_id, statement.approved_on) == (meeting.pk, meeting.date)


def test_an_approved_statement_is_not_offered(world: World, parliament: Parliament) -> None:
    approved = close_a_month(world.commune, month=3)
    waiting = close_a_month(world.commune, month=4)
    statement_approve(
        statement=approved, approved_on=waiting.end, meeting_reference="Parlamento, abril"
    )
    meeting = open_meeting(parliament.organ, world.admin)
    client = client_for(world.admin)
    url = reverse("governance:proposal_add", args=[meeting.pk])
    form = client.get(url).content.decode()
    assert waiting.head[:16] in form
    assert approved.head[:16] not in form
    response = post_form(client, url, {
        "title": "Aprobar otra vez", "kind": "accounts", "method": "hands",
        "statement": approved.pk,
    })  # fmt: skip
    assert "Select a valid choice" in response.content.decode()  # type: ignore[attr-defined]
    assert not Proposal.objects.exists()


def test_an_accounts_approval_without_a_statement_is_refused_on_the_form(
    world: World, parliament: Parliament
) -> None:
    meeting = open_meeting(parliament.organ, world.admin)
    url = reverse("governance:proposal_add", args=[meeting.pk])
    response = post_form(client_for(world.admin), url, {
        "title": "Aprobar las cuentas", "kind": "accounts", "method": "hands",
    })  # fmt: skip
    assert "names the statement and its ledger head" in response.content.decode()  # type: ignore[attr-defined]
    assert not Proposal.objects.exists()


def test_the_service_refuses_a_statement_already_approved(
    world: World, parliament: Parliament
) -> None:
    statement = close_a_month(world.commune)
    statement_approve(statement=statement, approved_on=statement.end, meeting_reference="Acta 1")
    meeting = open_meeting(parliament.organ, world.admin)
    with pytest.raises(Refusal, match="already approved"):
        services.proposal_add(
            meeting=meeting, title="Cuentas", kind="accounts", by=None,
            statement=services.AccountsStatement.of(statement),
        )  # fmt: skip


def test_the_form_groups_each_kinds_fields_and_ignores_those_of_another_kind(
    world: World, parliament: Parliament
) -> None:
    statement = close_a_month(world.commune)
    meeting = open_meeting(parliament.organ, world.admin)
    client = client_for(world.admin)
    url = reverse("governance:proposal_add", args=[meeting.pk])
    form = client.get(url).content.decode()
    # Without JavaScript every kind's fields show, each under its heading.
    for kind, field in (
        ("election", "candidate"),
        ("recall", "petition"),
        ("accounts", "statement"),
    ):
        start = form.index(f'data-testid="fields-{kind}"')
        assert "<legend>Only for: " in form[start : start + 200]
        assert f'name="{field}"' in form[start : form.index("</fieldset>", start)]
    # An ordinary decision does not carry what was left in an election's or accounts' fields.
    post_form(client, url, {
        "title": "Techar la escuela", "kind": "ordinary", "method": "hands",
        "candidate": "not an ID", "statement": statement.pk,
    })  # fmt: skip
    proposal = Proposal.objects.get()
    assert (proposal.title, proposal.candidate, proposal.ledger_head) == (
        "Techar la escuela",
        None,
        "",
    )
