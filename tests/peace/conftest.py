"""The peace of the test world: a security brigade of the first council with a member who
has a login, two mediators, and a case for each that the other does not mediate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from comuna.brigades.models import Brigade, BrigadeKind, BrigadeMember
from comuna.peace import services
from comuna.peace.models import MediationCase, Mediator
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World

DAY = dt.date(2026, 3, 2)
PARTY = ("Secreta Parteuno", "Confidencial")
OUTSIDER = "Forastero Reservado Díaz"
SUMMARY = "Disputa reservada por la cerca del patio"


@dataclass
class Peace:
    world: World
    brigade: Brigade
    member: BrigadeMember
    brigadista: User
    mediadora: User
    mediador: User
    first: Mediator
    second: Mediator
    her_case: MediationCase  # mediadora's only
    his_case: MediationCase  # mediador's only


@pytest.fixture
def peace(world: World) -> Peace:
    return peace_make(world)


def peace_make(world: World) -> Peace:
    brigade = Brigade.objects.create(
        commune=world.commune,
        name="Seguridad Los Mangos",
        kind=BrigadeKind.SECURITY,
        council=world.council,
    )
    brigadista = factories.make_user("brigadista", Role.BRIGADE_MEMBER, commune=world.commune)
    member = BrigadeMember.objects.create(
        brigade=brigade, person=world.head, login=brigadista, joined_on=dt.date(2025, 1, 1)
    )
    mediadora = factories.make_user("mediadora", Role.MEDIATOR, commune=world.commune)
    mediador = factories.make_user("mediador", Role.MEDIATOR, commune=world.commune)
    first = services.mediator_save(
        commune=world.commune,
        person=factories.make_person(world.household, first_names="Rosa", last_names="Mediadora"),
        login=mediadora,
    )
    second = services.mediator_save(
        commune=world.commune,
        person=factories.make_person(world.other_household, first_names="Juan", last_names="Medi"),
        login=mediador,
    )
    party = factories.make_person(
        world.other_household, first_names=PARTY[0], last_names=PARTY[1], national_id="V5555555"
    )
    her_case = services.case_open(
        commune=world.commune,
        kind="noise",
        opened_on=DAY,
        mediators=[first],
        by=mediadora,
        summary=SUMMARY,
        persons=[party],
        outsiders=[OUTSIDER],
    )
    his_case = services.case_open(
        commune=world.commune,
        kind="debts",
        opened_on=DAY,
        mediators=[second],
        by=mediador,
        summary="Un préstamo",
        persons=[world.neighbour],
    )
    return Peace(
        world=world,
        brigade=brigade,
        member=member,
        brigadista=brigadista,
        mediadora=mediadora,
        mediador=mediador,
        first=first,
        second=second,
        her_case=her_case,
        his_case=his_case,
    )
