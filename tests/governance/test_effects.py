"""A carried proposal is carried out by the effect registered for its kind, by whichever app."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from comuna.core import decisions as effects
from comuna.core.refusals import Refusal
from comuna.governance import services
from comuna.governance.models import (
    AttendanceMethod,
    Decision,
    DecisionKind,
    DecisionStatus,
    Proposal,
    ProposalStatus,
)
from comuna.users.models import User
from tests.conftest import World
from tests.governance.conftest import Parliament, open_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """The apps' effects as registered, in a copy the test may add to."""
    monkeypatch.setattr(effects, "_effects", dict(effects._effects))


def _carry(world: World, parliament: Parliament) -> Proposal:
    meeting = open_meeting(parliament.organ, world.admin)
    services.attendance_register(
        meeting=meeting, people=[world.head, world.neighbour], method=AttendanceMethod.SEARCH,
        by=None,
    )  # fmt: skip
    proposal = services.proposal_add(meeting=meeting, title="Pintar la escuela", by=None)
    return services.vote_record_hands(
        proposal=proposal, votes_for=2, votes_against=0, votes_abstaining=0, by=world.admin
    )


def test_the_effect_of_its_kind_carries_the_decision_out_and_marks_it_done(
    world: World, parliament: Parliament, registry: None
) -> None:
    done: list[str] = []

    def paint(*, proposal: Proposal, decision: Decision, by: User | None) -> str:
        done.append(proposal.title)
        return "The school is painted."

    effects.effect_register(DecisionKind.ORDINARY, paint)
    proposal = _carry(world, parliament)
    decision = Decision.objects.get(proposal=proposal)
    assert done == ["Pintar la escuela"]
    assert decision.status == DecisionStatus.DONE
    notes = list(decision.updates.order_by("pk").values_list("note", flat=True))
    assert notes[-1] == "The school is painted."


def test_a_kind_that_no_app_carries_out_stays_pending(world: World, parliament: Parliament) -> None:
    assert effects.effect_for(DecisionKind.ORDINARY) is None
    decision = Decision.objects.get(proposal=_carry(world, parliament))
    assert decision.status == DecisionStatus.PENDING


def test_an_effect_that_refuses_undoes_the_vote(
    world: World, parliament: Parliament, registry: None
) -> None:
    def refuse(*, proposal: Proposal, decision: Decision, by: User | None) -> str:
        raise Refusal("The paint is gone.")

    effects.effect_register(DecisionKind.ORDINARY, refuse)
    with pytest.raises(Refusal, match="paint is gone"):
        _carry(world, parliament)
    assert Proposal.objects.get().status == ProposalStatus.PENDING
    assert not Decision.objects.exists()


def test_a_kind_has_one_effect(registry: None) -> None:
    def other(*, proposal: Proposal, decision: Decision, by: User | None) -> str:
        return ""

    with pytest.raises(ImproperlyConfigured):
        effects.effect_register(DecisionKind.ACCOUNTS, other)


def test_the_apps_register_the_effects_of_elections_recalls_and_accounts() -> None:
    registered = {kind for kind in DecisionKind if effects.effect_for(kind) is not None}
    assert registered == {DecisionKind.ELECTION, DecisionKind.RECALL, DecisionKind.ACCOUNTS}


def test_the_books_carry_out_the_approval_of_accounts_by_its_kind() -> None:
    from comuna.core.decisions import effect_for
    from comuna.ledger.governance import ACCOUNTS, accounts_approve

    assert ACCOUNTS == DecisionKind.ACCOUNTS.value
    assert effect_for(DecisionKind.ACCOUNTS) is accounts_approve
