from __future__ import annotations

import datetime as dt
import random

import pytest

from comuna.production.models import ProductionPlan
from tests.conftest import World


@pytest.fixture
def plan(world: World) -> ProductionPlan:
    """The demo's cornflour plant and its solved plan, in the small world."""
    from comuna.demo.production import production_demo_build

    return production_demo_build(
        world.commune, random.Random(1), today=dt.date(2026, 12, 3), enterprises={}
    )


@pytest.fixture
def manager(world: World) -> object:
    from comuna.users.models import Role
    from tests import factories

    return factories.make_user("gerente", Role.ENTERPRISE_MANAGER, commune=world.commune)


@pytest.fixture
def worker(world: World) -> object:
    from comuna.users.models import Role
    from tests import factories

    return factories.make_user("chofer", Role.ENTERPRISE_WORKER, commune=world.commune)
