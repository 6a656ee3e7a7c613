from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from comuna.brigades.models import Brigade, BrigadeMember
from comuna.census.models import Sector
from comuna.incidents import services
from comuna.incidents.models import Incident, IncidentKind
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World


@dataclass
class Services:
    world: World
    water: IncidentKind
    sector: Sector
    brigade: Brigade
    other_brigade: Brigade
    brigadista: User
    stranger: User  # a brigade member of another brigade

    def report(self, **fields: object) -> Incident:
        values: dict[str, object] = {
            "commune": self.world.commune,
            "kind": self.water,
            "council": self.world.council,
            "sector": self.sector,
            "address": "Calle 1",
            "description": "No water since Monday",
            "since": timezone.localdate() - dt.timedelta(days=2),
            "by": self.world.resident,
            "household": self.world.household,
        }
        values.update(fields)
        return services.incident_report(**values)  # type: ignore[arg-type]


@pytest.fixture
def svc(world: World) -> Services:
    commune = world.commune
    sector = factories.make_sector(world.council, "Sector Norte")
    world.household.sector = sector
    world.household.save(update_fields=["sector"])
    factories.make_household(world.council, reference="0002", address="Calle 2", sector=sector)
    brigade = Brigade.objects.create(commune=commune, name="Brigada de agua", kind="water")
    other = Brigade.objects.create(commune=commune, name="Brigada de luz", kind="electricity")
    brigadista = factories.make_user("brigadista", Role.BRIGADE_MEMBER, commune=commune)
    stranger = factories.make_user("electricista", Role.BRIGADE_MEMBER, commune=commune)
    today = timezone.localdate()
    BrigadeMember.objects.create(
        brigade=brigade, person=world.head, login=brigadista, joined_on=today
    )
    BrigadeMember.objects.create(
        brigade=other, person=world.neighbour, login=stranger, joined_on=today
    )
    return Services(
        world=world,
        water=IncidentKind.objects.of(commune).get(code="water"),
        sector=sector,
        brigade=brigade,
        other_brigade=other,
        brigadista=brigadista,
        stranger=stranger,
    )
