from __future__ import annotations

from dataclasses import dataclass

import pytest

from comuna.recycling.models import Material
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World


@dataclass
class Yard:
    world: World
    manager: User
    operator: User
    cardboard: Material
    glass: Material


@pytest.fixture
def yard(world: World) -> Yard:
    """The world's commune with its yard's manager and scale operator."""
    return Yard(
        world=world,
        manager=factories.make_user("gerente", Role.ENTERPRISE_MANAGER, commune=world.commune),
        operator=factories.make_user("pesador", Role.ENTERPRISE_WORKER, commune=world.commune),
        cardboard=Material.objects.of(world.commune).get(code="20 01 01"),
        glass=Material.objects.of(world.commune).get(code="20 01 02"),
    )
