"""Two shifts of the same person written at the same moment: the person's row lock lets
only one through (on PostgreSQL, where writers really run at once)."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from comuna.brigades import services
from comuna.brigades.models import Shift
from comuna.core.refusals import Refusal
from tests.brigades.conftest import Crew, at

pytestmark = pytest.mark.django_db(transaction=True)
DAY = dt.date(2026, 11, 10)


def test_eight_overlapping_shifts_at_once_leave_one(crew: Crew) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the race needs concurrent writers (PostgreSQL)")
    other = services.member_add(brigade=crew.security, person=crew.pedro, joined_on=DAY)
    start = threading.Barrier(8)

    def add(n: int) -> bool:
        start.wait()
        try:
            services.shift_add(
                brigade=crew.water if n % 2 else crew.security,
                member=crew.member if n % 2 else other,
                starts_at=at(DAY, 8 + n % 3),
                ends_at=at(DAY, 14),
            )
            return True
        except Refusal:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        made = sum(pool.map(add, range(8)))
    assert made == 1 and Shift.objects.count() == 1


def test_two_swaps_accepted_at_once_move_the_shifts_once(crew: Crew) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the race needs concurrent writers (PostgreSQL)")
    from django.utils import timezone

    later = timezone.localdate() + dt.timedelta(days=3)
    mine = services.shift_add(
        brigade=crew.water, member=crew.member, starts_at=at(later, 6), ends_at=at(later, 14)
    )
    theirs = services.shift_add(
        brigade=crew.water, member=crew.third, starts_at=at(later, 14), ends_at=at(later, 22)
    )
    swap = services.swap_ask(mine=mine, theirs=theirs)
    start = threading.Barrier(4)

    def accept(_n: int) -> bool:
        start.wait()
        try:
            services.swap_complete(swap=swap, by=crew.leader_login)
            return True
        except Refusal:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        done = sum(pool.map(accept, range(4)))
    mine.refresh_from_db()
    assert done == 1 and mine.member_id == crew.third.pk
