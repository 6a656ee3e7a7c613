"""The governance pages through the test client (CSRF enforced), database checked after."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from comuna.governance import services
from comuna.governance.models import (
    Attendance,
    AttendanceMethod,
    BallotTally,
    Decision,
    DecisionSpending,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Organ,
    OrganKind,
    Proposal,
    ProposalStatus,
    RecallPetition,
    SeatTerm,
    Statute,
    VoteMethod,
)
from tests.conftest import World, client_for, post_form
from tests.governance.conftest import (
    Parliament,
    add_adults,
    close_a_month,
    convene,
    open_meeting,
)

pytestmark = pytest.mark.django_db


def _post(user: Any, url: str, data: dict[str, object], *, via: str | None = None) -> Any:
    """POST as a browser does from the page ``via`` (its CSRF cookie)."""
    client = client_for(user)
    client.get(via or url)
    token = client.cookies["csrftoken"].value
    return client, client.post(url, {**data, "csrfmiddlewaretoken": token}, follow=True)


def _messages(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# Reading -----------------------------------------------------------------------------------


def test_every_logged_in_role_reads_the_meetings_and_a_meeting(
    world: World, assembly: Organ
) -> None:
    meeting = convene(assembly, world.spokesperson, agenda=("Informe de gestión",))
    for user in (
        world.admin,
        world.spokesperson,
        world.comptroller,
        world.resident,
        world.outsider,
    ):
        client = client_for(user)
        assert client.get(reverse("governance:meetings")).status_code == 200
        page = client.get(meeting.get_absolute_url())
        assert page.status_code == 200
        assert "Informe de gestión" in page.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(world: World, assembly: Organ) -> None:
    meeting = convene(assembly, world.spokesperson)
    for url in (reverse("governance:meetings"), meeting.get_absolute_url()):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert "/cuenta/entrar/" in response["Location"]


def test_who_attended_is_for_those_who_run_the_meeting_and_the_comptroller(
    world: World, assembly: Organ
) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    services.attendance_register(
        meeting=meeting, people=[world.head], method=AttendanceMethod.SEARCH, by=None
    )
    part = reverse("governance:meeting_quorum", args=[meeting.pk]) + "?part=attendees"
    for user in (world.spokesperson, world.comptroller, world.admin):
        assert "María José" in client_for(user).get(meeting.get_absolute_url()).content.decode()
        assert client_for(user).get(part).status_code == 200
    for user in (world.resident, world.outsider):
        page = client_for(user).get(meeting.get_absolute_url()).content.decode()
        assert "María José" not in page
        assert 'data-testid="present">1<' in page  # the count is for everyone
        assert client_for(user).get(part).status_code == 403


def test_a_spokesperson_runs_her_councils_assembly_only(
    world: World, assembly: Organ, parliament: Parliament
) -> None:
    other = Organ.objects.create(
        commune=world.commune, council=world.other_council, kind=OrganKind.ASSEMBLY, name="CC02"
    )
    own = convene(assembly, world.admin)
    for organ in (other, parliament.organ):
        meeting = convene(organ, world.admin)
        _client, response = _post(
            world.spokesperson, reverse("governance:meeting_open", args=[meeting.pk]), {},
            via=meeting.get_absolute_url(),
        )  # fmt: skip
        assert response.status_code == 403
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.CONVENED
    _client, response = _post(
        world.spokesperson, reverse("governance:meeting_open", args=[own.pk]), {},
        via=own.get_absolute_url(),
    )  # fmt: skip
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.status == MeetingStatus.OPEN


def test_a_resident_cannot_register_attendance(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    _client, response = _post(
        world.resident,
        reverse("governance:attendance_register", args=[meeting.pk]),
        {"person": world.head.pk},
        via=meeting.get_absolute_url(),
    )
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_the_public_decisions_page_needs_no_login_and_names_nobody(
    world: World, parliament: Parliament
) -> None:
    commune_assembly = Organ.objects.create(
        commune=world.commune, kind=OrganKind.ASSEMBLY, name="Asamblea de la Comuna"
    )
    meeting = open_meeting(commune_assembly, world.admin)
    services.attendance_register(
        meeting=meeting, people=[world.head, world.neighbour], method="search", by=None
    )
    ordinary = services.proposal_add(meeting=meeting, title="Arreglar la cancha", by=None)
    election = services.proposal_add(
        meeting=meeting, title="Elegir a Carmen Rojas", kind="election",
        seat=parliament.cc02, candidate=world.neighbour, by=None,
    )  # fmt: skip
    for proposal in (ordinary, election):
        services.vote_record_hands(
            proposal=proposal, votes_for=2, votes_against=0, votes_abstaining=0, by=None
        )
    page = client_for(None).get(reverse("governance:public_decisions"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Arreglar la cancha" in text
    assert "Election of a spokesperson" in text
    assert "Carmen" not in text and "Rojas" not in text
    assert 'data-testid="status-pending"' in text


# Running a meeting -------------------------------------------------------------------------


def test_a_vote_below_quorum_is_refused_with_the_reason_on_the_page(
    world: World, assembly: Organ
) -> None:
    add_adults(world.council, 9)
    meeting = open_meeting(assembly, world.spokesperson)
    proposal = services.proposal_add(meeting=meeting, title="Pintar", by=None)
    _client, response = _post(
        world.spokesperson,
        reverse("governance:vote_hands", args=[proposal.pk]),
        {"votes_for": 3, "votes_against": 0, "votes_abstaining": 0},
        via=meeting.get_absolute_url(),
    )
    page = response.content.decode()
    summary = page.split('data-testid="error-summary"')[1].split("</div>")[0]
    assert "No quorum: 0 present, 3 needed" in summary
    assert 'name="votes_for" value="3"' in page  # what was typed stays in the form
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_registering_by_search_twice_says_already_registered(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    client = client_for(world.spokesperson)
    search = client.get(
        reverse("governance:attendance_search", args=[meeting.pk]),
        {"q": "maria jose"},
        HTTP_HX_REQUEST="true",
    )
    assert f'data-testid="register-{world.head.pk}"' in search.content.decode()
    token = client.cookies["csrftoken"].value
    url = reverse("governance:attendance_register", args=[meeting.pk])
    data = {"person": world.head.pk, "method": "search", "csrfmiddlewaretoken": token}
    first = client.post(url, data, HTTP_HX_REQUEST="true")
    second = client.post(url, data, HTTP_HX_REQUEST="true")
    assert first["HX-Trigger"] == "attendance-changed"
    assert "María José Pérez Rodríguez is present." in first.content.decode()
    assert "was already registered" in second.content.decode()
    assert Attendance.objects.filter(meeting=meeting).count() == 1
    quorum = client.get(reverse("governance:meeting_quorum", args=[meeting.pk]))
    assert 'data-reached="yes"' in quorum.content.decode()


def test_a_scanned_card_lists_the_households_members_who_may_attend(
    world: World, assembly: Organ
) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    scanned = f"http://10.0.0.5:8000/censo/carnet/?code={world.household.card_code}"
    page = client_for(world.spokesperson).get(
        reverse("governance:attendance_card", args=[meeting.pk]), {"code": scanned}
    )
    text = page.content.decode()
    assert f'value="{world.head.pk}"' in text
    assert f'value="{world.child.pk}"' not in text  # too young for the assembly
    other_card = client_for(world.spokesperson).get(
        reverse("governance:attendance_card", args=[meeting.pk]),
        {"code": world.other_household.card_code},
    )
    assert other_card.status_code == 404  # another council's card is outside her reach


def test_the_sheet_is_typed_back_and_a_bad_line_changes_nothing(
    world: World, assembly: Organ
) -> None:
    add_adults(world.council, 3)
    meeting = open_meeting(assembly, world.spokesperson)
    url = reverse("governance:attendance_sheet", args=[meeting.pk])
    client = client_for(world.spokesperson)
    response = post_form(client, url, {"line_numbers": "1 2 40", "national_ids": ""})
    assert "There is no line 40 on the sheet (it has 4)." in response.content.decode()  # type: ignore[attr-defined]
    assert not Attendance.objects.exists()
    post_form(client, url, {"line_numbers": "1, 2", "national_ids": ""})
    assert Attendance.objects.filter(meeting=meeting, method="sheet").count() == 2


def test_a_ballot_is_counted_by_two_clerks_through_the_page(world: World, assembly: Organ) -> None:
    adults = add_adults(world.council, 9)
    meeting = open_meeting(assembly, world.spokesperson)
    services.attendance_register(meeting=meeting, people=adults, method="search", by=None)
    proposal = services.proposal_add(
        meeting=meeting, title="Sede", method=VoteMethod.BALLOT, by=None
    )
    enter = reverse("governance:tally_enter", args=[proposal.pk])
    counts = {"votes_for": 6, "votes_against": 2, "votes_abstaining": 1, "blank_ballots": 0}
    _post(world.spokesperson, enter, counts, via=meeting.get_absolute_url())
    _post(world.admin, enter, {**counts, "votes_for": 5}, via=meeting.get_absolute_url())
    _client, response = _post(
        world.admin, reverse("governance:tally_reconcile", args=[proposal.pk]), {},
        via=meeting.get_absolute_url(),
    )  # fmt: skip
    assert any("The two counts disagree" in m for m in _messages(response))
    assert "this is a recount" in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.tally_round) == ("pending", 2)
    assert BallotTally.objects.count() == 2


def test_a_proposal_approving_accounts_is_added_from_the_form(
    world: World, parliament: Parliament
) -> None:
    statement = close_a_month(world.commune)
    meeting = open_meeting(parliament.organ, world.admin)
    url = reverse("governance:proposal_add", args=[meeting.pk])
    client = client_for(world.admin)
    post_form(client, url, {
        "title": "Aprobar las cuentas de marzo", "kind": "accounts", "method": "roll_call",
        "statement": statement.pk,
    })  # fmt: skip
    proposal = Proposal.objects.get()
    assert (proposal.kind, proposal.ledger_head, proposal.ledger_entry_count) == (
        "accounts", statement.head, statement.entry_count,
    )  # fmt: skip
    assert proposal.ledger_statement == statement
    assert proposal.majority == "simple"


def test_an_election_candidate_is_named_by_id_number(world: World, parliament: Parliament) -> None:
    meeting = open_meeting(
        Organ.objects.create(
            commune=world.commune, council=world.council, kind="assembly", name="A"
        ),
        world.spokesperson,
    )
    url = reverse("governance:proposal_add", args=[meeting.pk])
    response = post_form(client_for(world.spokesperson), url, {
        "title": "Elegir", "kind": "election", "method": "ballot", "seat": parliament.cc01.pk,
        "candidate": "V-99.999.999",
    })  # fmt: skip
    assert "Nobody in the census has that ID number." in response.content.decode()  # type: ignore[attr-defined]
    post_form(client_for(world.spokesperson), url, {
        "title": "Elegir", "kind": "election", "method": "ballot", "seat": parliament.cc01.pk,
        "candidate": "12.345.678",
    })  # fmt: skip
    assert Proposal.objects.get().candidate == world.head


def test_closing_the_meeting_from_the_page(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    _post(
        world.spokesperson,
        reverse("governance:meeting_close", args=[meeting.pk]),
        {"notes": "Se levantó la sesión."},
        via=meeting.get_absolute_url(),
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.notes) == ("closed", "Se levantó la sesión.")


# Convening and the calendar ----------------------------------------------------------------


def test_a_spokesperson_convenes_her_assembly_with_an_agenda(world: World, assembly: Organ) -> None:
    day = timezone.localdate() + dt.timedelta(days=7)
    post_form(client_for(world.spokesperson), reverse("governance:meeting_convene"), {
        "organ": assembly.pk, "date": day.isoformat(), "place": "Cancha techada",
        "first_call_time": "16:00", "second_call_time": "16:30",
        "agenda": "Agua\n\nSeguridad\n",
    })  # fmt: skip
    meeting = Meeting.objects.get()
    assert (meeting.date, meeting.place) == (day, "Cancha techada")
    assert list(meeting.agenda.values_list("title", flat=True)) == ["Agua", "Seguridad"]


def test_convening_refuses_a_second_call_before_the_first(world: World, assembly: Organ) -> None:
    response = post_form(client_for(world.spokesperson), reverse("governance:meeting_convene"), {
        "organ": assembly.pk, "date": "2030-01-05", "place": "Casa",
        "first_call_time": "16:00", "second_call_time": "15:30",
    })  # fmt: skip
    assert "The second call must be later than the first." in response.content.decode()  # type: ignore[attr-defined]
    assert not Meeting.objects.exists()


def test_the_admin_schedules_a_year_of_parliament_sessions_in_one_action(
    world: World, parliament: Parliament
) -> None:
    url = reverse("governance:parliament_calendar")
    assert client_for(world.spokesperson).get(url).status_code == 403
    post_form(client_for(world.admin), url, {
        "start": "2031-01-01", "months": 12, "place": "Casa comunal", "first_call_time": "09:00",
    })  # fmt: skip
    days = list(Meeting.objects.values_list("date", flat=True))
    assert len(days) == 12
    assert all(day.weekday() == 5 and day.day <= 7 for day in days)


# Statute, seats, recall, decisions --------------------------------------------------------


def test_the_admin_changes_the_statute_and_a_bad_share_is_refused(world: World) -> None:
    url = reverse("governance:statute")
    data = {
        "first_call_quorum_percent": "25", "second_call_quorum_percent": "15",
        "assembly_minimum_age": 15, "seat_quorum": "seat_two_thirds",
        "recall_petition_percent": "10", "term_years": 3,
        "parliament_weekday": 5, "parliament_week": 1,
        "majority_ordinary": "simple", "majority_accounts": "absolute",
        "majority_election": "simple", "majority_recall": "absolute",
        "majority_plan": "absolute", "majority_statute": "two_thirds",
    }  # fmt: skip
    response = post_form(client_for(world.admin), url, {**data, "second_call_quorum_percent": "40"})
    assert "second call" in response.content.decode()  # type: ignore[attr-defined]
    assert not Statute.objects.exists()
    post_form(client_for(world.admin), url, data)
    statute = Statute.objects.get()
    assert (statute.first_call_quorum_percent, statute.seat_quorum, statute.term_years) == (
        25, "seat_two_thirds", 3,
    )  # fmt: skip
    assert client_for(world.resident).get(url).status_code == 200
    _client, refused = _post(world.spokesperson, url, data)
    assert refused.status_code == 403


def test_the_admin_records_an_election_on_a_seat_and_its_history_shows(
    world: World, parliament: Parliament
) -> None:
    (new,) = add_adults(world.council, 1, prefix="Nueva")
    new.national_id = "V20111222"
    new.save()
    url = reverse("governance:seat_assign", args=[parliament.cc01.pk])
    assert client_for(world.spokesperson).get(url).status_code == 403
    post_form(client_for(world.admin), url, {
        "holder": "20111222", "substitute": "V12345678",
        "term_start": "2025-03-01", "term_end": "2027-03-01", "note": "Asamblea del 1 de marzo",
    })  # fmt: skip
    assert SeatTerm.objects.filter(seat=parliament.cc01).count() == 2
    page = client_for(world.resident).get(parliament.cc01.get_absolute_url()).content.decode()
    assert "Nueva 1 Gómez" in page and "Replaced" in page


def test_a_recall_petition_is_opened_and_signed_from_the_pages(
    world: World, parliament: Parliament
) -> None:
    post_form(
        client_for(world.admin),
        reverse("governance:petition_open", args=[parliament.bank.pk]),
        {"reason": "No presenta las cuentas del banco."},
    )
    petition = RecallPetition.objects.get()
    _client, response = _post(
        world.admin,
        reverse("governance:petition_sign", args=[petition.pk]),
        {"national_ids": "12345678, V-8.765.432"},
        via=petition.get_absolute_url(),
    )
    assert "2 signatures added, 0 had already signed." in _messages(response)
    petition.refresh_from_db()
    assert (petition.signatures.count(), petition.status) == (2, "vote_due")
    resident_page = client_for(world.resident).get(petition.get_absolute_url()).content.decode()
    assert "Carmen" not in resident_page  # who signed is for the admin and the comptroller
    assert (
        "Carmen Rojas"
        in client_for(world.comptroller).get(petition.get_absolute_url()).content.decode()
    )


def test_a_decision_is_followed_up_from_its_page(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    services.attendance_register(meeting=meeting, people=[world.head], method="search", by=None)
    proposal = services.proposal_add(meeting=meeting, title="Tubería", by=None)
    services.vote_record_hands(
        proposal=proposal, votes_for=1, votes_against=0, votes_abstaining=0, by=None
    )
    decision = Decision.objects.get()
    today = timezone.localdate().isoformat()
    _client, refused = _post(
        world.outsider, decision.get_absolute_url(),
        {"status": "done", "note": "", "on": today},
    )  # fmt: skip
    assert refused.status_code == 403
    post_form(client_for(world.spokesperson), decision.get_absolute_url(), {
        "status": "in_progress", "note": "Compramos los tubos.", "on": today,
    })  # fmt: skip
    _post(
        world.spokesperson,
        reverse("governance:decision_spending", args=[decision.pk]),
        {"entry_reference": "A-12", "description": "Tubos", "amount": "40.00", "unit": "USD",
         "spent_on": today},
        via=decision.get_absolute_url(),
    )  # fmt: skip
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.IN_PROGRESS
    assert DecisionSpending.objects.get().amount == 40
    page = client_for(world.resident).get(reverse("governance:decisions")).content.decode()
    assert "Tubería" in page
