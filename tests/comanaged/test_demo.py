"""The demo's co-managed enterprise, built on a small world of three communes made here (the
full three-commune demo is too slow for a test)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from comuna.comanaged.models import PeriodResult, PeriodShare, StageStatus, TransitionStage
from comuna.demo.comanaged import MONTHS, comanaged_demo_build
from comuna.governance.models import Organ, OrganKind, Seat
from comuna.ledger.models import Entry
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_the_demo_plant_shares_a_year_into_three_communes_books(world: World) -> None:
    b = factories.make_commune(name="Comuna Vecina Uno")
    c = factories.make_commune(name="Comuna Vecina Dos")
    parliament = Organ.objects.create(
        commune=world.commune, kind=OrganKind.PARLIAMENT, name="Parlamento comunal"
    )
    for title, person in (("Vocería 1", world.head), ("Vocería 2", world.neighbour)):
        Seat.objects.create(organ=parliament, title=title, holder=person)
    today = timezone.localdate()
    plant = comanaged_demo_build([world.commune, b, c], random.Random(7), today=today)
    assert plant is not None
    results = PeriodResult.objects.of(world.commune).filter(comanaged=plant)
    assert results.count() == MONTHS and not results.filter(applied_at__isnull=True).exists()
    for commune in (world.commune, b, c):
        shares = PeriodShare.objects.of(world.commune).filter(served=commune)
        assert shares.count() == MONTHS
        assert (
            Entry.objects.of(commune).filter(reference__startswith="comanaged:").count() >= MONTHS
        )
    stages = list(TransitionStage.objects.of(world.commune).filter(comanaged=plant))
    assert [s.status for s in stages] == [StageStatus.DONE, StageStatus.PLANNED]
    assert stages[0].decision is not None
    assert stages[1].target_date > today - dt.timedelta(days=1)
    # Built again, it changes nothing.
    assert comanaged_demo_build([world.commune, b, c], random.Random(7), today=today) is None
    assert comanaged_demo_build([world.commune, b], random.Random(7), today=today) is None
