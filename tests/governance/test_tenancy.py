"""Self-government of one commune is out of reach from another on the same installation.

``elsewhere`` is a second commune built like the first: councils CC01 and CC02, an assembly
named "Asamblea CC01", a parliament whose seat "Vocería CC01" is held by someone with the same
ID number as ``world.head`` (and whose name sorts first, so that a lookup by ID number that
forgets the commune finds her), a meeting with a decision, a pending proposal and a recall
petition.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404
from django.urls import reverse

from comuna.census.models import Council, Person
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.governance import access, selectors, services
from comuna.governance.models import (
    AttendanceMethod,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
    Organ,
    OrganKind,
    Proposal,
    RecallPetition,
    RecallSignature,
    Seat,
    SeatTerm,
    Statute,
)
from comuna.governance.urls import urlpatterns
from comuna.memberships.selectors import actor_for
from comuna.users.actors import Actor, actor_nobody
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World, client_for, post_form
from tests.governance.conftest import Parliament, add_adults, open_meeting

pytestmark = pytest.mark.django_db


@dataclass
class Elsewhere:
    commune: Commune
    council: Council
    head: Person
    admin: User
    assembly: Organ
    parliament: Organ
    seat: Seat
    meeting: Meeting
    decision: Decision
    pending: Proposal
    petition: RecallPetition


@pytest.fixture
def elsewhere(world: World) -> Elsewhere:
    commune = factories.make_commune(name="Comuna La Otra", code="la-otra")
    council = factories.make_council(commune, "CC01", name="Los Mangos de Allá")
    factories.make_council(commune, "CC02", name="La Ceiba de Allá")
    household = factories.make_household(council, reference="0001", address="Calle de Allá")
    head = factories.make_person(
        household, first_names="Otilia", last_names="Abreu", national_id="V12345678", is_head=True
    )
    admin = factories.make_user("admin-alla", Role.ADMIN, commune=commune)
    factories.make_user("vocera-alla", Role.SPOKESPERSON, council=council)
    Statute.objects.create(commune=commune, term_years=7)
    assembly = Organ.objects.create(
        commune=commune, council=council, kind=OrganKind.ASSEMBLY, name="Asamblea CC01"
    )
    parliament = Organ.objects.create(
        commune=commune, kind=OrganKind.PARLIAMENT, name="Parlamento de Allá"
    )
    seat = Seat.objects.create(
        organ=parliament, title="Vocería CC01", council=council, holder=head,
        term_start=dt.date(2024, 1, 6), term_end=dt.date(2026, 1, 6),
    )  # fmt: skip
    meeting = open_meeting(assembly, admin)
    services.attendance_register(
        meeting=meeting, people=[head], method=AttendanceMethod.SEARCH, by=admin
    )
    carried = services.proposal_add(meeting=meeting, title="Techar la escuela de Allá", by=admin)
    services.vote_record_hands(
        proposal=carried, votes_for=1, votes_against=0, votes_abstaining=0, by=admin
    )
    pending = services.proposal_add(meeting=meeting, title="Pintar la plaza de Allá", by=admin)
    petition = services.recall_petition_open(seat=seat, reason="No rinde cuentas.", by=admin)
    return Elsewhere(
        commune=commune,
        council=council,
        head=head,
        admin=admin,
        assembly=assembly,
        parliament=parliament,
        seat=seat,
        meeting=meeting,
        decision=Decision.objects.get(proposal=carried),
        pending=pending,
        petition=petition,
    )


@pytest.fixture
def ours(world: World, assembly: Organ, parliament: Parliament) -> Meeting:
    """A meeting of the first commune that decided something, so its lists are not empty."""
    meeting = open_meeting(assembly, world.spokesperson)
    services.attendance_register(
        meeting=meeting, people=[world.head], method=AttendanceMethod.SEARCH, by=None
    )
    proposal = services.proposal_add(meeting=meeting, title="Tubería de aquí", by=None)
    services.vote_record_hands(
        proposal=proposal, votes_for=1, votes_against=0, votes_abstaining=0, by=None
    )
    return meeting


def _people(world: World) -> list[User]:
    return [world.admin, world.spokesperson, world.comptroller, world.resident, world.outsider]


def _reaches_nothing_of(actor: Actor, other: Elsewhere) -> None:
    for readable in (
        access.meetings_readable(actor),
        access.decisions_readable(actor),
        access.organs_readable(actor),
        access.organs_manageable(actor),
    ):
        assert not readable.filter(commune=other.commune).exists()
    lookups: list[tuple[Callable[..., object], int, str]] = [
        (access.meeting_for_user, other.meeting.pk, "manage"),
        (access.proposal_for_user, other.pending.pk, "manage"),
        (access.decision_for_user, other.decision.pk, "write"),
        (access.seat_for_user, other.seat.pk, "write"),
        (access.petition_for_user, other.petition.pk, "write"),
        (access.organ_for_user, other.assembly.pk, "manage"),
    ]
    for lookup, pk, flag in lookups:
        for value in (False, True):
            with pytest.raises(Http404):
                lookup(actor, pk, **{flag: value})
    assert not access.organ_is_manageable(actor, other.assembly)
    assert not access.meeting_is_manageable(actor, other.meeting)
    assert not access.attendance_is_visible(actor, other.meeting)
    assert not access.decision_is_editable(actor, other.decision)


# (a) The access functions --------------------------------------------------------------------


def test_no_role_of_one_commune_reaches_anything_of_another(
    world: World, elsewhere: Elsewhere, ours: Meeting
) -> None:
    for user in _people(world):
        actor = world.actor(user)
        _reaches_nothing_of(actor, elsewhere)
        # ...while every member reads the meetings and decisions of their own commune.
        assert access.meetings_readable(actor).filter(pk=ours.pk).exists()
        assert access.decisions_readable(actor).exists()
    _reaches_nothing_of(actor_nobody(world.commune), elsewhere)


def test_the_administrator_of_one_commune_is_nobody_in_another(
    world: World, elsewhere: Elsewhere
) -> None:
    there = actor_for(world.admin, elsewhere.commune)
    assert not access.is_admin(there)
    assert not access.seats_are_editable(there)
    assert not access.statute_is_editable(there)
    assert not access.signatures_are_visible(there)
    assert not access.meetings_readable(there).exists()
    assert not access.organs_manageable(there).exists()
    with pytest.raises(Http404):
        access.meeting_for_user(there, elsewhere.meeting.pk)


def test_a_superuser_acting_in_one_commune_reaches_only_its_records(
    world: World, elsewhere: Elsewhere, ours: Meeting
) -> None:
    root = factories.make_user("root", is_superuser=True)
    here = actor_for(root, world.commune)
    assert access.is_admin(here)
    assert access.meeting_for_user(here, ours.pk, manage=True) == ours
    _reaches_nothing_of(here, elsewhere)


# (b) Every page of a record answers 404 for a record of another commune ----------------------

# url name: (the record its ``pk`` names, the method the page answers)
RECORD_PAGES: dict[str, tuple[str, str]] = {
    "seat": ("seat", "get"),
    "seat_assign": ("seat", "get"),
    "petition_open": ("seat", "get"),
    "petition": ("petition", "get"),
    "petition_sign": ("petition", "post"),
    "meeting": ("meeting", "get"),
    "meeting_quorum": ("meeting", "get"),
    "meeting_open": ("meeting", "post"),
    "meeting_second_call": ("meeting", "post"),
    "meeting_close": ("meeting", "post"),
    "agenda_add": ("meeting", "post"),
    "attendance_search": ("meeting", "get"),
    "attendance_card": ("meeting", "get"),
    "attendance_register": ("meeting", "post"),
    "attendance_sheet_pdf": ("meeting", "get"),
    "attendance_sheet": ("meeting", "get"),
    "convocation_pdf": ("meeting", "get"),
    "acta_pdf": ("meeting", "get"),
    "proposal_add": ("meeting", "get"),
    "vote_hands": ("pending", "post"),
    "ballots_pdf": ("pending", "get"),
    "tally_enter": ("pending", "post"),
    "tally_reconcile": ("pending", "post"),
    "roll_call": ("pending", "get"),
    "roll_call_close": ("pending", "post"),
    "decision": ("decision", "get"),
    "decision_spending": ("decision", "post"),
}


def test_every_page_of_a_record_is_in_the_table_below() -> None:
    with_pk = {p.name for p in urlpatterns if "<int:pk>" in str(p.pattern)}
    assert with_pk == set(RECORD_PAGES)


@pytest.mark.parametrize("name", sorted(RECORD_PAGES))
def test_a_record_of_another_commune_answers_404(
    world: World, elsewhere: Elsewhere, name: str
) -> None:
    record, method = RECORD_PAGES[name]
    url = reverse(f"governance:{name}", args=[getattr(elsewhere, record).pk])
    for user in (world.admin, world.spokesperson, world.comptroller, world.resident):
        client = client_for(user)
        if method == "get":
            response = client.get(url)
        else:
            client.get(reverse("governance:meetings"))
            token = client.cookies["csrftoken"].value
            response = client.post(url, {"csrfmiddlewaretoken": token})
        assert response.status_code == 404, (name, user.username)
    elsewhere.meeting.refresh_from_db()
    assert elsewhere.meeting.status == MeetingStatus.OPEN


# (c) Lists and counts ------------------------------------------------------------------------

OTHER_NAMES = ("Allá", "Otilia", "Techar la escuela", "Pintar la plaza", "Comuna La Otra")


def _shows_nothing_of_elsewhere(text: str) -> None:
    for name in OTHER_NAMES:
        assert name not in text


def test_the_lists_of_one_commune_show_nothing_of_another(
    world: World, elsewhere: Elsewhere, ours: Meeting
) -> None:
    client = client_for(world.admin)
    for name in ("meetings", "organs", "decisions", "meeting_convene", "statute"):
        response = client.get(reverse(f"governance:{name}"))
        assert response.status_code == 200, name
        _shows_nothing_of_elsewhere(response.content.decode())
    form = client.get(reverse("governance:proposal_add", args=[ours.pk])).content.decode()
    _shows_nothing_of_elsewhere(form)
    meetings = client.get(reverse("governance:meetings"))
    assert [row.pk for row in meetings.context["rows"]] == [ours.pk]
    decisions = client.get(reverse("governance:decisions"))
    counts = {value: n for value, _label, n in decisions.context["by_status"]}
    assert counts["pending"] == 1  # ours; the other commune's pending decision is not counted
    assert decisions.context["page"].paginator.count == 1


def test_the_statute_page_shows_and_changes_the_communes_own(
    world: World, elsewhere: Elsewhere
) -> None:
    client = client_for(world.admin)
    assert client.get(reverse("governance:statute")).context["statute"].term_years == 2
    post_form(client, reverse("governance:statute"), {
        "first_call_quorum_percent": "25", "second_call_quorum_percent": "15",
        "assembly_minimum_age": 15, "seat_quorum": "seat_majority",
        "recall_petition_percent": "10", "term_years": 3,
        "parliament_weekday": 5, "parliament_week": 1,
        "majority_ordinary": "simple", "majority_accounts": "simple",
        "majority_election": "simple", "majority_recall": "absolute",
        "majority_plan": "absolute", "majority_statute": "two_thirds",
    })  # fmt: skip
    assert Statute.objects.of(world.commune).get().term_years == 3
    assert Statute.objects.of(elsewhere.commune).get().term_years == 7


def test_the_public_decisions_page_shows_the_requests_commune_only(
    world: World, elsewhere: Elsewhere, ours: Meeting
) -> None:
    Commune.objects.filter(pk=world.commune.pk).update(hostname="el-panal.ciudad.local")
    Commune.objects.filter(pk=elsewhere.commune.pk).update(hostname="la-otra.ciudad.local")
    url = reverse("governance:public_decisions")
    here = client_for(None).get(url, HTTP_HOST="el-panal.ciudad.local").content.decode()
    there = client_for(None).get(url, HTTP_HOST="la-otra.ciudad.local").content.decode()
    assert "Tubería de aquí" in here and "Techar la escuela de Allá" not in here
    assert "Techar la escuela de Allá" in there and "Tubería de aquí" not in there


def test_the_public_decisions_page_asks_which_commune_when_none_is_chosen(
    world: World, elsewhere: Elsewhere
) -> None:
    response = client_for(None).get(reverse("governance:public_decisions"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("memberships:communes"))


def test_the_parliament_calendar_is_the_communes_own_parliament(
    world: World, elsewhere: Elsewhere
) -> None:
    # The first commune has no parliament; the other commune's is not offered in its place.
    response = client_for(world.admin).get(reverse("governance:parliament_calendar"))
    assert response.status_code == 403
    assert not Meeting.objects.filter(organ=elsewhere.parliament).exists()


# Services: the same ID number in two communes -----------------------------------------------


def test_a_signature_typed_by_id_number_is_the_communes_own_person(
    world: World, elsewhere: Elsewhere, parliament: Parliament
) -> None:
    petition = services.recall_petition_open(seat=parliament.cc01, reason="Ausente", by=None)
    result = services.recall_petition_sign(petition=petition, national_ids="12345678", by=None)
    assert result.added == [world.head]
    assert not RecallSignature.objects.filter(person=elsewhere.head).exists()


def test_a_sheet_typed_back_by_id_number_registers_the_communes_own_person(
    world: World, elsewhere: Elsewhere, assembly: Organ
) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    result = services.attendance_import_sheet(
        meeting=meeting, line_numbers="", national_ids="V-12.345.678", by=None
    )
    assert result.registered == [world.head]


def test_a_holder_typed_by_id_number_on_the_seat_form_is_the_communes_own_person(
    world: World, elsewhere: Elsewhere, parliament: Parliament
) -> None:
    url = reverse("governance:seat_assign", args=[parliament.cc01.pk])
    post_form(client_for(world.admin), url, {
        "holder": "12345678", "substitute": "", "term_start": "2026-01-06",
        "term_end": "2028-01-06", "note": "Reelegida",
    })  # fmt: skip
    term = SeatTerm.objects.get(seat=parliament.cc01, ended_on__isnull=True)
    assert (term.holder, term.note) == (world.head, "Reelegida")


def test_a_proposal_refuses_a_seat_or_candidate_of_another_commune(
    world: World, elsewhere: Elsewhere, assembly: Organ
) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    with pytest.raises(Refusal, match="belongs to another commune"):
        services.proposal_add(
            meeting=meeting, title="Elegir", kind=DecisionKind.ELECTION, seat=elsewhere.seat,
            candidate=world.head, by=None,
        )  # fmt: skip
    with pytest.raises(Refusal, match="belongs to another commune"):
        services.proposal_add(
            meeting=meeting, title="Hacer", responsible_organ=elsewhere.parliament, by=None
        )
    assert not Proposal.objects.of(world.commune).exists()


def test_a_seat_refuses_a_holder_of_another_commune(
    world: World, elsewhere: Elsewhere, parliament: Parliament
) -> None:
    with pytest.raises(Refusal, match="not in this commune's census"):
        services.seat_assign(
            seat=parliament.bank, holder=elsewhere.head, substitute=None,
            term_start=dt.date(2025, 1, 1), term_end=dt.date(2027, 1, 1), by=None,
        )  # fmt: skip
    parliament.bank.refresh_from_db()
    assert parliament.bank.holder == parliament.banker


def test_the_electorate_of_a_commune_counts_its_own_residents_only(
    world: World, elsewhere: Elsewhere
) -> None:
    add_adults(elsewhere.council, 5)
    everyone = selectors.electorate(world.commune, None, on=dt.date(2025, 1, 1), minimum_age=15)
    assert set(everyone) == {world.head, world.neighbour}


# (d) The command ---------------------------------------------------------------------------


@pytest.fixture
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")


def _meetings(*args: str) -> Any:
    out = io.StringIO()
    call_command("meetings", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.usefixtures("_english")
def test_the_command_lists_the_meetings_of_the_commune_named(
    world: World, elsewhere: Elsewhere, ours: Meeting
) -> None:
    here = json.loads(_meetings("list", "--json", "--commune", world.commune.code))
    there = json.loads(_meetings("list", "--json", "--commune", "LA-OTRA"))
    assert [row["id"] for row in here] == [ours.pk]
    assert [row["id"] for row in there] == [elsewhere.meeting.pk]


@pytest.mark.usefixtures("_english")
def test_the_command_refuses_to_guess_among_several_communes(
    world: World, elsewhere: Elsewhere, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="several communes"):
        _meetings("list")
    with pytest.raises(CommandError, match="several communes"):
        _meetings("acta", str(elsewhere.meeting.pk), "--out", str(tmp_path / "acta.pdf"))
    with pytest.raises(CommandError, match="no commune with code"):
        _meetings("list", "--commune", "nowhere")


@pytest.mark.usefixtures("_english")
def test_the_command_finds_no_meeting_of_another_commune(
    world: World, elsewhere: Elsewhere, tmp_path: Path
) -> None:
    out = tmp_path / "acta.pdf"
    with pytest.raises(CommandError) as refused:
        _meetings(
            "acta", str(elsewhere.meeting.pk), "--out", str(out), "--commune", world.commune.code
        )
    assert refused.value.returncode == 1
    assert not out.exists()
    _meetings("acta", str(elsewhere.meeting.pk), "--out", str(out), "--commune", "la-otra")
    assert out.read_bytes().startswith(b"%PDF")
