"""Meetings, quorum and votes through the services, with the database checked afterwards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from comuna.census.models import Person
from comuna.core.refusals import Refusal
from comuna.governance import selectors, services
from comuna.governance.models import (
    Attendance,
    AttendanceMethod,
    BallotTally,
    Decision,
    DecisionKind,
    DecisionStatus,
    DecisionUpdate,
    Meeting,
    MeetingStatus,
    Organ,
    OrganKind,
    PetitionStatus,
    Proposal,
    ProposalStatus,
    RollCallChoice,
    SeatTerm,
    Statute,
    TermEnd,
    VoteMethod,
)
from comuna.governance.services import AccountsStatement
from comuna.users.models import User
from tests.conftest import World
from tests.governance.conftest import Parliament, add_adults, convene, open_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> object:
    with translation.override("en"):
        yield


def _register(meeting: Meeting, people: list[Person], by: User) -> None:
    services.attendance_register(
        meeting=meeting, people=people, method=AttendanceMethod.SEARCH, by=by
    )


# Quorum ------------------------------------------------------------------------------------


def test_a_meeting_below_quorum_refuses_to_record_a_decision_and_says_why(
    world: World, assembly: Organ
) -> None:
    adults = add_adults(world.council, 9)  # with the head: 10 of age, 3 needed at first call
    meeting = open_meeting(assembly, world.spokesperson)
    _register(meeting, adults[:2], world.spokesperson)
    proposal = services.proposal_add(meeting=meeting, title="Pintar la cancha", by=world.admin)
    with pytest.raises(Refusal) as refused:
        services.vote_record_hands(
            proposal=proposal, votes_for=2, votes_against=0, votes_abstaining=0, by=world.admin
        )
    assert refused.value.message == (
        "No quorum: 2 present, 3 needed (30% of the 10 residents of age at call 1). "
        "A meeting without quorum cannot record decisions."
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    assert not Decision.objects.exists()


def test_at_quorum_it_records_the_vote_and_the_decision(world: World, assembly: Organ) -> None:
    adults = add_adults(world.council, 9)
    meeting = open_meeting(assembly, world.spokesperson)
    _register(meeting, adults[:3], world.spokesperson)
    proposal = services.proposal_add(
        meeting=meeting, title="Pintar la cancha", due_date=dt.date(2031, 1, 1), by=world.admin
    )
    services.vote_record_hands(
        proposal=proposal, votes_for=2, votes_against=1, votes_abstaining=0, by=world.admin
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.votes_for, proposal.present_at_vote) == ("carried", 2, 3)
    decision = Decision.objects.get(proposal=proposal)
    assert (decision.status, decision.responsible_organ, decision.due_date) == (
        DecisionStatus.PENDING,
        assembly,
        dt.date(2031, 1, 1),
    )


def test_the_second_call_asks_for_the_lower_share(world: World, assembly: Organ) -> None:
    adults = add_adults(world.council, 9)
    meeting = open_meeting(assembly, world.spokesperson)
    _register(meeting, adults[:2], world.spokesperson)
    assert not selectors.meeting_quorum(meeting).reached
    services.meeting_move_to_second_call(meeting=meeting, by=world.spokesperson)
    meeting.refresh_from_db()
    quorum = selectors.meeting_quorum(meeting)
    assert (meeting.call, quorum.required, quorum.reached) == (2, 2, True)


def test_the_statute_sets_the_quorum(world: World, assembly: Organ) -> None:
    add_adults(world.council, 9)
    Statute.objects.create(
        commune=world.commune, first_call_quorum_percent=Decimal(50), second_call_quorum_percent=10
    )
    meeting = open_meeting(assembly, world.spokesperson)
    assert selectors.meeting_quorum(meeting).required == 5


def test_children_do_not_count_in_the_electorate(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    assert meeting.quorum_base == 1  # the head; the child is under 15
    with pytest.raises(Refusal, match="cannot take part in this assembly"):
        _register(meeting, [world.child], world.spokesperson)
    with pytest.raises(Refusal, match="cannot take part"):
        _register(meeting, [world.neighbour], world.spokesperson)  # lives in CC02
    assert not Attendance.objects.exists()


def test_the_parliament_needs_a_majority_of_its_seats(world: World, parliament: Parliament) -> None:
    meeting = open_meeting(parliament.organ, world.admin)
    _register(meeting, [world.head], world.admin)
    quorum = selectors.meeting_quorum(meeting)
    assert (quorum.base, quorum.required, quorum.reached) == (3, 2, False)
    _register(meeting, [parliament.banker_substitute], world.admin)
    assert selectors.meeting_quorum(meeting).reached
    assert Attendance.objects.get(person=parliament.banker_substitute).seat == parliament.bank


# Attendance --------------------------------------------------------------------------------


def test_registering_the_same_person_twice_makes_one_attendance(
    world: World, assembly: Organ
) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    (first,) = services.attendance_register(
        meeting=meeting, people=[world.head], method=AttendanceMethod.CARD, by=world.spokesperson
    )
    (again,) = services.attendance_register(
        meeting=meeting, people=[world.head], method=AttendanceMethod.SEARCH, by=world.admin
    )
    assert (first.created, again.created) == (True, False)
    assert again.attendance == first.attendance
    assert Attendance.objects.filter(meeting=meeting).count() == 1


def test_the_database_itself_refuses_a_duplicate_attendance(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    Attendance.objects.create(meeting=meeting, person=world.head, method="search")
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, person=world.head, method="card")


def test_a_seat_is_present_once_even_if_holder_and_substitute_come(
    world: World, parliament: Parliament
) -> None:
    meeting = open_meeting(parliament.organ, world.admin)
    _register(meeting, [parliament.banker], world.admin)
    with pytest.raises(Refusal, match="already present"):
        _register(meeting, [parliament.banker_substitute], world.admin)
    assert Attendance.objects.filter(meeting=meeting).count() == 1


def test_someone_without_a_seat_cannot_sit_in_the_parliament(
    world: World, parliament: Parliament
) -> None:
    meeting = open_meeting(parliament.organ, world.admin)
    with pytest.raises(Refusal, match="holds no seat in Parlamento Comunal"):
        _register(meeting, [world.child], world.admin)


def test_the_attendance_sheet_is_typed_back_by_line_and_id_all_or_nothing(
    world: World, assembly: Organ
) -> None:
    adults = add_adults(world.council, 4)
    world.head.national_id = "V12345678"
    meeting = open_meeting(assembly, world.spokesperson)
    lines = selectors.attendance_sheet_lines(meeting)
    assert len(lines) == 5
    with pytest.raises(Refusal) as refused:
        services.attendance_import_sheet(
            meeting=meeting, line_numbers="1, 2, 9", national_ids="V-99.999", by=None
        )
    assert "There is no line 9 on the sheet (it has 5)." in refused.value.message
    assert "Nobody in the census has the ID V99999." in refused.value.message
    assert not Attendance.objects.exists()
    result = services.attendance_import_sheet(
        meeting=meeting, line_numbers="2 3\n3", national_ids="12.345.678", by=None
    )
    assert len(result.registered) == 3
    registered = set(Attendance.objects.values_list("person_id", flat=True))
    assert registered == {lines[1].person.pk, lines[2].person.pk, world.head.pk}
    assert adults  # the sheet lists the adults added


def test_attendance_is_refused_once_the_meeting_is_closed(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    services.meeting_close(meeting=meeting, by=world.spokesperson)
    with pytest.raises(Refusal, match="closed"):
        _register(meeting, [world.head], world.spokesperson)


def test_a_meeting_cannot_open_before_its_day(world: World, assembly: Organ) -> None:
    meeting = convene(assembly, world.spokesperson, day=timezone.localdate() + dt.timedelta(days=3))
    with pytest.raises(Refusal, match="cannot be opened before its day"):
        services.meeting_open(meeting=meeting, by=world.spokesperson)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED


def test_closing_writes_down_the_attendance_and_quorum(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    _register(meeting, [world.head], world.spokesperson)
    services.meeting_close(meeting=meeting, notes="Sin novedad.", by=world.spokesperson)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.attendance_count, meeting.quorum_required) == ("closed", 1, 1)
    assert meeting.quorum_reached_at_close


# Paper ballots -----------------------------------------------------------------------------


def _ballot_meeting(world: World, assembly: Organ) -> Proposal:
    adults = add_adults(world.council, 9)
    meeting = open_meeting(assembly, world.spokesperson)
    _register(meeting, adults, world.spokesperson)
    return services.proposal_add(
        meeting=meeting, title="Elegir la sede", method=VoteMethod.BALLOT, by=world.admin
    )


def test_a_ballot_whose_two_counts_disagree_is_not_counted_until_reconciled(
    world: World, assembly: Organ
) -> None:
    proposal = _ballot_meeting(world, assembly)
    services.ballot_tally_enter(
        proposal=proposal, clerk=world.spokesperson,
        votes_for=5, votes_against=3, votes_abstaining=1, blank_ballots=0,
    )  # fmt: skip
    services.ballot_tally_enter(
        proposal=proposal, clerk=world.admin,
        votes_for=6, votes_against=3, votes_abstaining=0, blank_ballots=0,
    )  # fmt: skip
    result = services.ballot_tally_reconcile(proposal=proposal, by=world.admin)
    assert not result.agreed
    assert result.differences == ("yes", "abstaining")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.votes_for, proposal.tally_round) == ("pending", None, 2)
    assert not Decision.objects.exists()
    # The recount: both clerks count again and agree.
    for clerk in (world.admin, world.spokesperson):
        services.ballot_tally_enter(
            proposal=proposal, clerk=clerk,
            votes_for=6, votes_against=3, votes_abstaining=0, blank_ballots=0,
        )  # fmt: skip
    assert services.ballot_tally_reconcile(proposal=proposal, by=world.admin).agreed
    proposal.refresh_from_db()
    assert (proposal.status, proposal.votes_for, proposal.votes_against) == ("carried", 6, 3)
    assert Decision.objects.filter(proposal=proposal).exists()
    assert BallotTally.objects.filter(proposal=proposal).count() == 4


def test_one_clerk_cannot_enter_both_counts(world: World, assembly: Organ) -> None:
    proposal = _ballot_meeting(world, assembly)
    kwargs = {"votes_for": 5, "votes_against": 3, "votes_abstaining": 1, "blank_ballots": 0}
    services.ballot_tally_enter(proposal=proposal, clerk=world.admin, **kwargs)
    with pytest.raises(Refusal, match="another clerk"):
        services.ballot_tally_enter(proposal=proposal, clerk=world.admin, **kwargs)
    with pytest.raises(Refusal, match="Two clerks"):
        services.ballot_tally_reconcile(proposal=proposal, by=world.admin)
    services.ballot_tally_enter(proposal=proposal, clerk=world.spokesperson, **kwargs)
    with pytest.raises(Refusal, match="Both clerks"):
        services.ballot_tally_enter(proposal=proposal, clerk=world.comptroller, **kwargs)
    assert BallotTally.objects.count() == 2


def test_the_database_refuses_a_third_count_in_a_round(world: World, assembly: Organ) -> None:
    proposal = _ballot_meeting(world, assembly)
    counts = {"votes_for": 1, "votes_against": 0}
    BallotTally.objects.create(proposal=proposal, slot=1, clerk=world.admin, **counts)
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotTally.objects.create(proposal=proposal, slot=3, clerk=world.comptroller, **counts)
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotTally.objects.create(proposal=proposal, slot=2, clerk=world.admin, **counts)


def test_a_count_with_more_ballots_than_people_present_is_refused(
    world: World, assembly: Organ
) -> None:
    proposal = _ballot_meeting(world, assembly)  # nine present
    with pytest.raises(Refusal, match="10 ballots counted, but only 9 present"):
        services.ballot_tally_enter(
            proposal=proposal, clerk=world.admin,
            votes_for=5, votes_against=3, votes_abstaining=1, blank_ballots=1,
        )  # fmt: skip


# Roll call ---------------------------------------------------------------------------------


def test_a_roll_call_records_each_seat_and_counts_seats_present(
    world: World, parliament: Parliament
) -> None:
    meeting = open_meeting(parliament.organ, world.admin)
    _register(meeting, [world.head, parliament.banker_substitute], world.admin)
    proposal = services.proposal_add(
        meeting=meeting, title="Plan de siembra", method=VoteMethod.ROLL_CALL, by=world.admin
    )
    services.roll_call_record(
        proposal=proposal, seat=parliament.cc01, vote=RollCallChoice.FOR, by=world.admin
    )
    with pytest.raises(Refusal, match="already voted"):
        services.roll_call_record(
            proposal=proposal, seat=parliament.cc01, vote=RollCallChoice.AGAINST, by=world.admin
        )
    with pytest.raises(Refusal, match="Nobody is present for the seat"):
        services.roll_call_record(
            proposal=proposal, seat=parliament.cc02, vote=RollCallChoice.FOR, by=world.admin
        )
    services.roll_call_record(
        proposal=proposal, seat=parliament.bank, vote=RollCallChoice.ABSTAIN, by=world.admin
    )
    services.roll_call_close(proposal=proposal, by=world.admin)
    proposal.refresh_from_db()
    assert (proposal.votes_for, proposal.votes_abstaining, proposal.status) == (1, 1, "carried")
    voters = dict(proposal.roll_call.values_list("seat_id", "person_id"))
    assert voters == {
        parliament.cc01.pk: world.head.pk,
        parliament.bank.pk: parliament.banker_substitute.pk,
    }


def test_an_assembly_cannot_vote_by_roll_call(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    with pytest.raises(Refusal, match="roll call is for organs with seats"):
        services.proposal_add(
            meeting=meeting, title="X", method=VoteMethod.ROLL_CALL, by=world.admin
        )


def test_the_majority_is_the_statutes_for_the_kind(world: World, assembly: Organ) -> None:
    adults = add_adults(world.council, 9)
    meeting = open_meeting(assembly, world.spokesperson)
    _register(meeting, adults, world.spokesperson)
    change = services.proposal_add(
        meeting=meeting, title="Reformar el estatuto", kind=DecisionKind.STATUTE, by=world.admin
    )
    assert change.majority == "two_thirds"
    services.vote_record_hands(
        proposal=change, votes_for=5, votes_against=2, votes_abstaining=2, by=world.admin
    )
    change.refresh_from_db()
    assert change.status == ProposalStatus.REJECTED  # 5 of 9 present is not two thirds


# Accounts ----------------------------------------------------------------------------------


def test_an_approval_of_accounts_carries_the_ledger_head(
    world: World, parliament: Parliament
) -> None:
    meeting = open_meeting(parliament.organ, world.admin)
    _register(meeting, [world.head, world.neighbour], world.admin)
    statement = AccountsStatement("Banco comunal, marzo", "ab12" * 16, 42)
    proposal = services.proposal_add(
        meeting=meeting,
        title="Aprobar las cuentas de marzo",
        kind=DecisionKind.ACCOUNTS,
        statement=statement,
        by=world.admin,
    )
    services.vote_record_hands(
        proposal=proposal, votes_for=2, votes_against=0, votes_abstaining=0, by=world.admin
    )
    decision = Decision.objects.get(proposal=proposal)
    assert (decision.ledger_head, decision.ledger_entry_count) == ("ab12" * 16, 42)
    assert decision.status == DecisionStatus.DONE
    assert selectors.meetings_listed(Meeting.objects.all()).get().approves_accounts


def test_an_approval_of_accounts_must_name_the_ledger_head(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    with pytest.raises(Refusal, match="ledger head"):
        services.proposal_add(
            meeting=meeting, title="Cuentas", kind=DecisionKind.ACCOUNTS, by=world.admin
        )


# Seats, elections and recall ---------------------------------------------------------------


def test_assigning_a_seat_keeps_the_previous_term_in_its_history(
    world: World, parliament: Parliament
) -> None:
    (new_holder,) = add_adults(world.council, 1, prefix="Nueva")
    services.seat_assign(
        seat=parliament.cc01, holder=new_holder, substitute=world.head,
        term_start=dt.date(2025, 2, 1), term_end=dt.date(2027, 2, 1), by=world.admin,
    )  # fmt: skip
    parliament.cc01.refresh_from_db()
    assert (parliament.cc01.holder, parliament.cc01.substitute) == (new_holder, world.head)
    old, new = SeatTerm.objects.filter(seat=parliament.cc01).order_by("started_on")
    assert (old.holder, old.ended_on, old.end_reason) == (
        world.head, dt.date(2025, 2, 1), TermEnd.REPLACED,
    )  # fmt: skip
    assert (new.holder, new.ended_on) == (new_holder, None)


def test_a_council_seat_is_held_by_someone_of_that_council(
    world: World, parliament: Parliament
) -> None:
    with pytest.raises(Refusal, match="does not live in the council"):
        services.seat_assign(
            seat=parliament.cc01, holder=world.neighbour, substitute=None,
            term_start=dt.date(2025, 2, 1), term_end=dt.date(2027, 2, 1), by=world.admin,
        )  # fmt: skip
    assert not SeatTerm.objects.exists()


def test_an_election_carried_assigns_the_seat(world: World, parliament: Parliament) -> None:
    assembly = Organ.objects.create(
        commune=world.commune, council=world.council, kind=OrganKind.ASSEMBLY, name="Asamblea"
    )
    adults = add_adults(world.council, 4)
    meeting = open_meeting(assembly, world.spokesperson)
    _register(meeting, adults, world.spokesperson)
    proposal = services.proposal_add(
        meeting=meeting, title="Elegir la vocería ante el parlamento", kind=DecisionKind.ELECTION,
        seat=parliament.cc01, candidate=adults[0], candidate_substitute=adults[1], by=world.admin,
    )  # fmt: skip
    services.vote_record_hands(
        proposal=proposal, votes_for=3, votes_against=1, votes_abstaining=0, by=world.admin
    )
    parliament.cc01.refresh_from_db()
    assert (parliament.cc01.holder, parliament.cc01.substitute) == (adults[0], adults[1])
    assert parliament.cc01.term_end == meeting.date.replace(year=meeting.date.year + 2)
    assert SeatTerm.objects.get(seat=parliament.cc01, ended_on__isnull=True).decision is not None


def test_a_recall_petition_with_enough_signatures_leads_to_a_vote_that_recalls(
    world: World, parliament: Parliament
) -> None:
    commune_assembly = Organ.objects.create(
        commune=world.commune, kind=OrganKind.ASSEMBLY, name="Asamblea de la Comuna"
    )
    petition = services.recall_petition_open(
        seat=parliament.bank, reason="No rinde cuentas.", by=world.admin
    )
    # Commune-wide electorate: head, neighbour, the banker and her substitute: 10% is 1.
    assert (petition.electorate, petition.signatures_needed) == (4, 1)
    with pytest.raises(Refusal, match="already open"):
        services.recall_petition_open(seat=parliament.bank, reason="Otra vez.", by=world.admin)
    with pytest.raises(Refusal, match="is not in the electorate"):
        world.child.national_id = "V30111222"
        world.child.save()
        services.recall_petition_sign(petition=petition, national_ids="V30111222", by=world.admin)
    services.recall_petition_sign(petition=petition, national_ids="V12345678", by=world.admin)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.VOTE_DUE

    meeting = open_meeting(commune_assembly, world.admin)
    _register(meeting, [world.head, world.neighbour], world.admin)
    proposal = services.proposal_add(
        meeting=meeting, title="Revocar a la vocera del banco", kind=DecisionKind.RECALL,
        petition=petition, by=world.admin,
    )  # fmt: skip
    assert proposal.majority == "absolute"
    services.vote_record_hands(
        proposal=proposal, votes_for=2, votes_against=0, votes_abstaining=0, by=world.admin
    )
    parliament.bank.refresh_from_db()
    petition.refresh_from_db()
    assert (parliament.bank.holder, parliament.bank.substitute) == (
        parliament.banker_substitute, None,
    )  # fmt: skip
    assert petition.status == PetitionStatus.RECALLED
    recalled = SeatTerm.objects.get(seat=parliament.bank, end_reason=TermEnd.RECALLED)
    assert recalled.holder == parliament.banker


def test_a_recall_vote_needs_the_signatures_first(world: World, parliament: Parliament) -> None:
    commune_assembly = Organ.objects.create(
        commune=world.commune, kind=OrganKind.ASSEMBLY, name="Asamblea de la Comuna"
    )
    petition = services.recall_petition_open(seat=parliament.bank, reason="X", by=world.admin)
    meeting = open_meeting(commune_assembly, world.admin)
    with pytest.raises(Refusal, match="does not have the signatures"):
        services.proposal_add(
            meeting=meeting, title="Revocar", kind=DecisionKind.RECALL, petition=petition,
            by=world.admin,
        )  # fmt: skip


# Calendar and follow-up --------------------------------------------------------------------


def test_the_parliament_calendar_falls_on_first_saturdays_and_is_not_made_twice(
    world: World, parliament: Parliament
) -> None:
    kwargs = {
        "organ": parliament.organ, "start": dt.date(2030, 1, 1), "place": "Casa comunal",
        "first_call_time": dt.time(9), "by": world.admin,
    }  # fmt: skip
    created = services.meeting_schedule_parliament(**kwargs)  # type: ignore[arg-type]
    assert len(created) == 12
    assert all(m.date.weekday() == 5 and m.date.day <= 7 for m in created)
    assert created[0].agenda.count() == 5
    assert services.meeting_schedule_parliament(**kwargs) == []  # type: ignore[arg-type]
    assert Meeting.objects.count() == 12


def test_a_decision_is_followed_up_until_it_is_done(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    _register(meeting, [world.head], world.spokesperson)
    proposal = services.proposal_add(meeting=meeting, title="Arreglar la tubería", by=world.admin)
    services.vote_record_hands(
        proposal=proposal, votes_for=1, votes_against=0, votes_abstaining=0, by=world.admin
    )
    decision = Decision.objects.get()
    today = timezone.localdate()
    with pytest.raises(Refusal, match="Say why"):
        services.decision_update_status(
            decision=decision, status=DecisionStatus.BLOCKED, note="", on=today, by=world.admin
        )
    services.decision_update_status(
        decision=decision, status=DecisionStatus.DONE, note="Reparada.", on=today, by=world.admin
    )
    services.decision_spending_link(
        decision=decision, entry_reference="E-17", description="Tubos", amount=Decimal("35.50"),
        unit="USD", spent_on=today, by=world.admin,
    )  # fmt: skip
    with pytest.raises(Refusal, match="already linked"):
        services.decision_spending_link(
            decision=decision, entry_reference="E-17", description="Tubos", amount=Decimal(1),
            unit="USD", spent_on=today, by=world.admin,
        )  # fmt: skip
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE
    assert DecisionUpdate.objects.filter(decision=decision).count() == 2
    assert selectors.decision_spending_totals(decision) == [("USD", Decimal("35.50"))]
