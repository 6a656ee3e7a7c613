"""A food-bag programme and a round on the shared ``world``, plus a few more households."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import translation

from comuna.census.models import Household
from comuna.distribution import services
from comuna.distribution.models import Programme, ProgrammeKind, ProgrammeUnit, Round
from tests import factories
from tests.conftest import World


@pytest.fixture(autouse=True)
def _english() -> object:
    """Messages asserted in these tests are the English msgids; Spanish is the default."""
    with translation.override("en"):
        yield


@dataclass
class Day:
    world: World
    programme: Programme
    round: Round
    extra: list[Household]


def bag_programme(world: World, **fields: object) -> Programme:
    values: dict[str, object] = {
        "commune": world.commune,
        "name": "CLAP",
        "kind": ProgrammeKind.FOOD_BAG,
        "unit": ProgrammeUnit.BAG,
        "base_quantity": 1,
        "per_member": 0,
        "cap": 1,
        "fee_minor": 500,
    }
    values.update(fields)
    return services.programme_save(**values)  # type: ignore[arg-type]


def add_households(world: World, count: int) -> list[Household]:
    made = []
    for n in range(count):
        council = world.council if n % 2 == 0 else world.other_council
        household = factories.make_household(council, reference=f"X{n:04d}")
        factories.make_person(
            household, first_names=f"Vecino{n}", last_names="Prueba", national_id=f"V{30000000 + n}"
        )
        made.append(household)
    return made


@pytest.fixture
def day(world: World) -> Day:
    """An open round with stock for everyone: the shared world's two households and 4 more."""
    programme = bag_programme(world)
    extra = add_households(world, 4)
    round_ = services.round_create(
        programme=programme,
        stock_received=10,
        received_on=dt.date(2026, 3, 1),
        distribution_on=dt.date(2026, 3, 2),
        tables=3,
    )
    round_ = services.round_open(round=round_, seed="asamblea", by=world.admin)
    return Day(world, programme, round_, extra)
