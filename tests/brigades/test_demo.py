"""The demo's brigades, as the brief describes them."""

from __future__ import annotations

import pytest
from django.db.models import Count, Q

from comuna.brigades.models import Brigade, BrigadeMember, SalaryMonth, Shift
from comuna.brigades.selectors import on_duty
from tests.pages import Demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_its_brigades_with_5_to_12_members_and_one_spokesperson(
    demo_module: Demo,
) -> None:
    brigades = Brigade.objects.of(demo_module.commune).annotate(
        people=Count("members", filter=Q(members__left_on__isnull=True)),
        spokespeople=Count("members", filter=Q(members__is_spokesperson=True)),
    )
    assert brigades.filter(kind="security").count() == 24
    assert {"water", "health", "public_services"} <= set(brigades.values_list("kind", flat=True))
    for brigade in brigades:
        assert 5 <= brigade.people <= 12, brigade.name
        assert brigade.spokespeople == 1, brigade.name
    for brigade in brigades.filter(kind="security"):
        assert not brigade.members.exclude(person__household__council=brigade.council).exists()
    # Nobody is in two brigades but the brigadista, who also walks with their council's.
    members = BrigadeMember.objects.of(demo_module.commune)
    brigadista = members.filter(login__username=demo_module.usernames["brigadista"])
    assert sorted(brigadista.values_list("brigade__kind", flat=True)) == ["security", "water"]
    assert len({m.person_id for m in brigadista}) == 1
    people = members.exclude(login__username=demo_module.usernames["brigadista"])
    person_ids = list(people.values_list("person_id", flat=True))
    assert len(person_ids) == len(set(person_ids))


def test_the_brigadista_serves_in_the_water_brigade_funded_by_the_ministry(
    demo_module: Demo,
) -> None:
    water = Brigade.objects.of(demo_module.commune).get(kind="water")
    assert "Ministerio" in water.funder
    member = BrigadeMember.objects.get(
        login__username=demo_module.usernames["brigadista"], brigade=water
    )
    assert member.brigade == water and not member.is_spokesperson
    assert Shift.objects.filter(member=member).count() > 10
    assert SalaryMonth.objects.filter(brigade=water).count() == 12
    assert on_duty(demo_module.commune, Brigade.objects.filter(pk=water.pk)).count() == 1
