"""The co-managed world: the world's commune hosts a cornflour plant that serves it and two
neighbouring communes of the same installation (50%, 30%, 15%: 5% stays with the plant)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from comuna.comanaged import services
from comuna.comanaged.models import Comanaged, PeriodResult
from comuna.core.models import Commune
from comuna.governance.models import (
    Decision,
    DecisionKind,
    DecisionStatus,
    Meeting,
    Organ,
    OrganKind,
    Proposal,
    ProposalStatus,
)
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World

REGISTERED = dt.date(2026, 1, 5)
MARCH = dt.date(2026, 3, 1)


@dataclass
class Co:
    world: World
    b: Commune
    c: Commune
    plant: Comanaged
    march: PeriodResult
    manager: User
    b_admin: User
    b_treasurer: User
    b_comptroller: User
    b_resident: User
    c_admin: User


@pytest.fixture
def co(world: World) -> Co:
    return co_make(world)


def co_make(world: World) -> Co:
    b = factories.make_commune(name="Comuna Río Abajo")
    c = factories.make_commune(name="Comuna Cerro Alto")
    plant = services.comanaged_register(
        commune=world.commune,
        name="Planta de harina de maíz",
        activity="Harina precocida de maíz",
        registered_on=REGISTERED,
        fund_basis_points=1000,
        served=[(world.commune, 5000), (b, 3000), (c, 1500)],
    )
    march = services.result_record(
        comanaged=plant,
        kind="month",
        start=MARCH,
        income=10_000_00,
        wages=4_000_00,
        maintenance=1_000_00,
        materials=2_000_00,
    )
    b_council = factories.make_council(b, "B01")
    b_household = factories.make_household(b_council)
    return Co(
        world=world,
        b=b,
        c=c,
        plant=plant,
        march=march,
        manager=factories.make_user("gerente", Role.ENTERPRISE_MANAGER, commune=world.commune),
        b_admin=factories.make_user("admin-b", Role.ADMIN, commune=b),
        b_treasurer=factories.make_user("tesorera-b", Role.TREASURER, commune=b),
        b_comptroller=factories.make_user("contralor-b", Role.COMPTROLLER, commune=b),
        b_resident=factories.make_user("vecina-b", Role.RESIDENT, household=b_household),
        c_admin=factories.make_user("admin-c", Role.ADMIN, commune=c),
    )


def carried_decision(
    commune: Commune, title: str, *, kind: str = OrganKind.PARLIAMENT, day: dt.date = MARCH
) -> Decision:
    """A decision carried by an organ of ``kind`` (test data: the vote itself is governance's
    to test)."""
    organ = Organ.objects.of(commune).filter(kind=kind).first() or Organ.objects.create(
        commune=commune, kind=kind, name=f"Órgano {kind}"
    )
    meeting = Meeting.objects.create(
        organ=organ, date=day, place="Casa comunal", first_call_time=dt.time(9)
    )
    proposal = Proposal.objects.create(
        meeting=meeting,
        position=Proposal.objects.of(commune).filter(meeting=meeting).count() + 1,
        title=title,
        kind=DecisionKind.ORDINARY,
        method="hands",
        majority="simple",
        status=ProposalStatus.CARRIED,
        votes_for=20,
        votes_against=2,
        votes_abstaining=1,
        present_at_vote=23,
        voted_at=timezone.now(),
    )
    return Decision.objects.create(
        proposal=proposal,
        title=title,
        kind=DecisionKind.ORDINARY,
        decided_on=day,
        status=DecisionStatus.PENDING,
        status_on=day,
    )
