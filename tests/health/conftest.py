from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from comuna.health import services
from comuna.health.models import Batch, Item
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World


@dataclass
class Clinic:
    world: World
    nurse: User
    promoter: User
    amoxicillin: Item
    batch: Batch


@pytest.fixture
def clinic(world: World) -> Clinic:
    """The world's commune with two members of the health committee and a batch of 100."""
    today = timezone.localdate()
    item = services.item_create(
        commune=world.commune, name="Amoxicilina 500 mg", form="cápsulas", unit="cápsula"
    )
    batch = services.batch_receive(
        commune=world.commune,
        item=item,
        lot="A-100",
        expiry=today + dt.timedelta(days=365),
        received=100,
        received_on=today - dt.timedelta(days=10),
        supplier="Ministerio de Salud",
    )
    return Clinic(
        world=world,
        nurse=factories.make_user("enfermera", Role.HEALTH_COMMITTEE, commune=world.commune),
        promoter=factories.make_user("promotora", Role.HEALTH_COMMITTEE, commune=world.commune),
        amoxicillin=item,
        batch=batch,
    )
