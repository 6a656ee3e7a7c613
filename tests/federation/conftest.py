"""A small federation: the nation, two states, three communal cities, three communes (the
world's in the first city), an officer for each of the first city, the second city, the first
state and the nation, and a registration waiting in the first city."""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from dataclasses import dataclass, replace
from typing import Any

import pytest
from django.utils import timezone

from comuna.core.models import Commune
from comuna.federation import services
from comuna.federation.models import Registration, Unit
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World

KEY = bytes(range(32))
KEY_TEXT = base64.b64encode(KEY).decode()
ACTA = b"%PDF-1.4\n% acta de la asamblea fundacional\n%%EOF\n"


@dataclass
class Fed:
    world: World
    nation: Unit
    state: Unit
    other_state: Unit
    city: Unit
    other_city: Unit
    far_city: Unit
    b: Commune  # in other_city (same state)
    c: Commune  # in far_city (other state)
    city_officer: User
    other_city_officer: User
    state_officer: User
    nation_officer: User
    b_admin: User
    pending: Registration

    @property
    def a(self) -> Commune:
        return self.world.commune


def registration_data(city: Unit, **changes: Any) -> services.RegistrationIn:
    data = services.RegistrationIn(
        commune_uuid=uuid.uuid4(),
        code="comuna-nueva",
        name="Comuna Socialista La Nueva",
        municipality="Iribarren",
        state="Lara",
        city=city,
        public_key=KEY,
        acta=ACTA,
        assembly_on=timezone.localdate() - dt.timedelta(days=30),
        registered_voters=500,
        present=300,
        votes_for=250,
        votes_against=30,
        abstentions=20,
        spokespeople=(
            services.SpokespersonIn("Yelitza Mendoza", "V11222333", "CC La Paz", "Ejecutiva"),
        ),
    )
    return replace(data, **changes)


@pytest.fixture(name="fed")
def fed_fixture(world: World) -> Fed:
    nation = services.unit_create(code="venezuela", name="Venezuela", level="nation")
    state = services.unit_create(code="lara", name="Lara", level="state", parent=nation)
    other_state = services.unit_create(code="bolivar", name="Bolívar", level="state", parent=nation)
    city = services.unit_create(code="turbio", name="Ciudad Turbio", level="city", parent=state)
    other_city = services.unit_create(
        code="tocuyo", name="Ciudad Tocuyo", level="city", parent=state
    )
    far_city = services.unit_create(
        code="orinoco", name="Ciudad Orinoco", level="city", parent=other_state
    )
    b = factories.make_commune(name="Comuna Ataroa")
    c = factories.make_commune(name="Comuna Orinoco")
    services.commune_place(commune=world.commune, unit=city)
    services.commune_place(commune=b, unit=other_city)
    services.commune_place(commune=c, unit=far_city)
    officers = {}
    for name, unit in (
        ("enlace", city),
        ("enlace_b", other_city),
        ("regional", state),
        ("nacional", nation),
    ):
        officers[name] = factories.make_user(name)
        services.officer_add(user=officers[name], unit=unit)
    pending = services.registration_submit(data=registration_data(city))
    return Fed(
        world=world,
        nation=nation,
        state=state,
        other_state=other_state,
        city=city,
        other_city=other_city,
        far_city=far_city,
        b=b,
        c=c,
        city_officer=officers["enlace"],
        other_city_officer=officers["enlace_b"],
        state_officer=officers["regional"],
        nation_officer=officers["nacional"],
        b_admin=factories.make_user("admin_b", Role.ADMIN, commune=b),
        pending=pending,
    )
