"""The access rules of self-government, asked of actors: roles add up, and a login that holds
no role in the commune reads none of its meetings."""

from __future__ import annotations

import pytest
from django.http import Http404

from comuna.governance import access, services
from comuna.governance.models import AttendanceMethod, Decision, Organ, OrganKind
from comuna.users.models import Role
from tests import factories
from tests.conftest import World, client_for
from tests.governance.conftest import convene, open_meeting

pytestmark = pytest.mark.django_db


def test_a_resident_who_is_also_a_spokesperson_runs_her_councils_assembly(
    world: World, assembly: Organ
) -> None:
    factories.make_membership(world.resident, Role.SPOKESPERSON, council=world.council)
    meeting = convene(assembly, world.admin)
    actor = world.actor(world.resident)
    assert actor.is_resident and actor.is_spokesperson
    assert access.meeting_for_user(actor, meeting.pk, manage=True) == meeting
    assert access.attendance_is_visible(actor, meeting)


def test_a_spokesperson_of_two_councils_runs_both_assemblies(world: World, assembly: Organ) -> None:
    factories.make_membership(world.spokesperson, Role.SPOKESPERSON, council=world.other_council)
    other = Organ.objects.create(
        commune=world.commune, council=world.other_council, kind=OrganKind.ASSEMBLY, name="CC02"
    )
    parliament = Organ.objects.create(
        commune=world.commune, kind=OrganKind.PARLIAMENT, name="Parlamento"
    )
    actor = world.actor(world.spokesperson)
    assert set(access.organs_manageable(actor)) == {assembly, other}
    assert not access.organ_is_manageable(actor, parliament)


def test_the_comptroller_sees_who_attended_but_runs_nothing(world: World, assembly: Organ) -> None:
    meeting = convene(assembly, world.admin)
    actor = world.actor(world.comptroller)
    assert access.attendance_is_visible(actor, meeting)
    assert not access.meeting_is_manageable(actor, meeting)
    assert access.signatures_are_visible(actor)
    assert not access.seats_are_editable(actor)


def test_the_spokesperson_of_the_responsible_organs_council_follows_up_a_decision(
    world: World, assembly: Organ
) -> None:
    commune_assembly = Organ.objects.create(
        commune=world.commune, kind=OrganKind.ASSEMBLY, name="Asamblea de la Comuna"
    )
    meeting = open_meeting(commune_assembly, world.admin)
    services.attendance_register(
        meeting=meeting, people=[world.head], method=AttendanceMethod.SEARCH, by=None
    )
    proposal = services.proposal_add(
        meeting=meeting, title="Cancha", responsible_organ=assembly, by=None
    )
    services.vote_record_hands(
        proposal=proposal, votes_for=1, votes_against=0, votes_abstaining=0, by=None
    )
    decision = Decision.objects.get()
    assert access.decision_for_user(world.actor(world.spokesperson), decision.pk, write=True)
    assert not access.decision_is_editable(world.actor(world.resident), decision)


def test_a_login_without_a_role_in_the_commune_reads_no_meeting(
    world: World, assembly: Organ
) -> None:
    meeting = convene(assembly, world.admin)
    stranger = factories.make_user("forastera")
    actor = world.actor(stranger)
    assert not access.meetings_readable(actor).exists()
    with pytest.raises(Http404):
        access.meeting_for_user(actor, meeting.pk)
    assert client_for(stranger).get(meeting.get_absolute_url()).status_code == 404
