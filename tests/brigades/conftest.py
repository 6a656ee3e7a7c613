from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from comuna.brigades.models import Brigade, BrigadeKind, BrigadeMember
from comuna.brigades.services import brigade_create, member_add
from comuna.census.models import Person
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World

JOINED = dt.date(2025, 1, 10)


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


@dataclass
class Crew:
    """The world with a water brigade of the commune (María José its spokesperson with the
    ``lider`` login, Pedro a member with the ``brigadista`` login, Rosa a member with none) and
    a security brigade of the other council (Carmen)."""

    world: World
    water: Brigade
    security: Brigade
    leader: BrigadeMember
    member: BrigadeMember
    third: BrigadeMember
    guard: BrigadeMember
    leader_login: User
    member_login: User
    pedro: Person
    rosa: Person


@pytest.fixture(name="crew")
def crew_fixture(world: World) -> Crew:
    pedro = factories.make_person(
        world.household, first_names="Pedro", last_names="Gómez", national_id="V11222333"
    )
    rosa = factories.make_person(
        world.household, first_names="Rosa", last_names="Díaz", national_id="V44555666"
    )
    leader_login = factories.make_user("lider", Role.BRIGADE_MEMBER, commune=world.commune)
    member_login = factories.make_user("brigadista", Role.BRIGADE_MEMBER, commune=world.commune)
    water = brigade_create(
        commune=world.commune,
        name="Brigada de agua",
        kind=BrigadeKind.WATER,
        funder="Ministerio del Agua",
    )
    security = brigade_create(
        commune=world.commune,
        name="Brigada de seguridad La Ceiba",
        kind=BrigadeKind.SECURITY,
        council=world.other_council,
    )
    leader = member_add(
        brigade=water,
        person=world.head,
        joined_on=JOINED,
        is_spokesperson=True,
        login=leader_login,
    )
    member = member_add(brigade=water, person=pedro, joined_on=JOINED, login=member_login)
    third = member_add(brigade=water, person=rosa, joined_on=JOINED)
    guard = member_add(brigade=security, person=world.neighbour, joined_on=JOINED)
    return Crew(
        world=world,
        water=water,
        security=security,
        leader=leader,
        member=member,
        third=third,
        guard=guard,
        leader_login=leader_login,
        member_login=member_login,
        pedro=pedro,
        rosa=rosa,
    )
