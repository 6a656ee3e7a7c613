from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from comuna.clearing.models import Party, UnitKind, UnitOfAccount
from comuna.clearing.services import party_for, unit_of_account_define
from comuna.core.models import Commune
from comuna.enterprises.services import enterprise_create
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World


@dataclass
class Exchange:
    """The world's commune (A, "El Panal") with its enterprise and a second commune (B) with
    its own; the federation's superuser and a basket unit of account."""

    world: World
    other: Commune
    federation: User
    other_admin: User
    unit: UnitOfAccount
    a: Party
    a_bakery: Party
    a_council: Party
    b: Party
    b_farm: Party

    @property
    def today(self) -> dt.date:
        return timezone.localdate()


@pytest.fixture(name="exchange")
def exchange_fixture(world: World) -> Exchange:
    other = factories.make_commune(name="Comuna Ataroa")
    federation = factories.make_user("federacion", is_superuser=True, is_staff=True)
    other_admin = factories.make_user("admin_b", Role.ADMIN, commune=other)
    unit = unit_of_account_define(
        code="CESTA",
        name="Cesta de referencia",
        kind=UnitKind.BASKET,
        basket="2 kg arroz\n1 kg caraota\n1 L aceite",
        by=federation,
    )
    bakery = enterprise_create(commune=world.commune, name="Panadería El Panal", kind="production")
    farm = enterprise_create(commune=other, name="Finca Ataroa", kind="production")
    return Exchange(
        world=world,
        other=other,
        federation=federation,
        other_admin=other_admin,
        unit=unit,
        a=party_for(world.commune),
        a_bakery=party_for(world.commune, enterprise=bakery),
        a_council=party_for(world.commune, council=world.council),
        b=party_for(other),
        b_farm=party_for(other, enterprise=farm),
    )
