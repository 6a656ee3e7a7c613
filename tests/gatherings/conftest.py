"""A small federation for the calendar and the gatherings: the nation, one state, two
communal cities; the world's commune (A) in the first city, a second commune (B) in the
second; an officer of each city, one of the state; two organisations; a gathering convened
by the first city with its draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from comuna.core.models import Commune
from comuna.federation.models import CommuneUnit, Officer, Unit
from comuna.gatherings import services
from comuna.gatherings.models import Gathering, Organisation
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World

DRAFT = "Primero: nos organizamos.\n\nSegundo: coordinamos.\n\nTercero: rendimos cuentas."


@dataclass
class Federation:
    world: World
    nation: Unit
    state: Unit
    city: Unit
    other_city: Unit
    other: Commune
    other_admin: User
    city_officer: User
    state_officer: User
    other_officer: User
    movement: Organisation
    union: Organisation
    gathering: Gathering

    @property
    def today(self) -> dt.date:
        return timezone.localdate()


@pytest.fixture(name="federation")
def federation_fixture(world: World) -> Federation:
    nation = Unit.objects.create(code="nacion", name="Nación", level=Unit.Level.NATION)
    state = Unit.objects.create(code="lara", name="Lara", level=Unit.Level.STATE, parent=nation)
    city = Unit.objects.create(
        code="ciudad-sur", name="Ciudad Comunal Sur", level=Unit.Level.CITY, parent=state
    )
    other_city = Unit.objects.create(
        code="ciudad-norte", name="Ciudad Comunal Norte", level=Unit.Level.CITY, parent=state
    )
    other = factories.make_commune(name="Comuna Ataroa")
    CommuneUnit.objects.create(commune=world.commune, unit=city)
    CommuneUnit.objects.create(commune=other, unit=other_city)
    officers = {}
    for username, unit in (
        ("oficial_sur", city),
        ("oficial_lara", state),
        ("oficial_norte", other_city),
    ):
        officers[username] = factories.make_user(username)
        Officer.objects.create(user=officers[username], unit=unit)
    movement = services.organisation_create(
        name="Movimiento de Pobladores", kind="movement", by=None
    )
    union = services.organisation_create(name="Sindicato de la Salud", kind="union", by=None)
    today = timezone.localdate()
    gathering = services.gathering_convene(
        name="Encuentro del Sur",
        starts_on=today,
        ends_on=today + dt.timedelta(days=1),
        place="Casa comunal",
        unit=city,
        draft=DRAFT,
        by=officers["oficial_sur"],
    )
    return Federation(
        world=world,
        nation=nation,
        state=state,
        city=city,
        other_city=other_city,
        other=other,
        other_admin=factories.make_user("admin_b", Role.ADMIN, commune=other),
        city_officer=officers["oficial_sur"],
        state_officer=officers["oficial_lara"],
        other_officer=officers["oficial_norte"],
        movement=movement,
        union=union,
        gathering=gathering,
    )
