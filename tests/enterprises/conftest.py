from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from comuna.enterprises.models import AccountPurpose, Enterprise, EnterpriseKind
from comuna.enterprises.services import enterprise_create
from comuna.ledger import chart
from comuna.ledger.services import transfer_post
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World

DAY = dt.date(2025, 3, 10)


@dataclass
class Works:
    """The world with its waste-collection enterprise (on the standard chart's cash and
    diesel stock, with money in its cash), a manager and a driver."""

    world: World
    waste: Enterprise
    manager: User
    driver: User


@pytest.fixture(name="works")
def works_fixture(world: World) -> Works:
    waste = enterprise_create(
        commune=world.commune,
        name="EPS Desechos",
        kind=EnterpriseKind.WASTE_COLLECTION,
        link={AccountPurpose.CASH: chart.WASTE_CASH, AccountPurpose.DIESEL: chart.STOCK_DIESEL},
    )
    transfer_post(
        commune=world.commune,
        debit=chart.WASTE_CASH,
        credit=chart.INCOME_WASTE_FEES,
        amount=100_000_00,
        unit="VES",
        date=DAY,
        description="Tasas",
        author="admin",
    )
    return Works(
        world=world,
        waste=waste,
        manager=factories.make_user("gerente", Role.ENTERPRISE_MANAGER, commune=world.commune),
        driver=factories.make_user("chofer", Role.ENTERPRISE_WORKER, commune=world.commune),
    )
