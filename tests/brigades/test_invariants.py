"""Whatever shifts are asked for, in whatever order, no person ends up in two at once."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comuna.brigades import services
from comuna.brigades.models import Shift
from comuna.core.refusals import Refusal
from tests.brigades.conftest import Crew, at

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 10)

asks = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 40), st.integers(1, 12)), max_size=12)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(asks=asks)
def test_no_person_is_ever_in_two_shifts_at_once(
    crew: Crew, asks: list[tuple[int, int, int]]
) -> None:
    Shift.objects.all().delete()
    # Pedro is in both brigades; the others in one.
    if not crew.security.members.filter(person=crew.pedro).exists():
        services.member_add(brigade=crew.security, person=crew.pedro, joined_on=DAY)
    members = [
        crew.member,
        crew.third,
        crew.security.members.get(person=crew.pedro),
        crew.guard,
    ]
    for who, start, hours in asks:
        member = members[who]
        starts_at = at(DAY, 0) + dt.timedelta(hours=start)
        try:
            services.shift_add(
                brigade=member.brigade,
                member=member,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=hours),
            )
        except Refusal:
            pass
    shifts = list(Shift.objects.select_related("member"))
    for a, b in combinations(shifts, 2):
        if a.member.person_id == b.member.person_id:
            assert a.ends_at <= b.starts_at or b.ends_at <= a.starts_at
