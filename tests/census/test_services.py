from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from comuna.census import services
from comuna.census.models import (
    CensusEvent,
    EventKind,
    Household,
    HouseholdStatus,
    Person,
    PersonStatus,
)
from comuna.census.selectors import commune_statistics, people_search
from comuna.core.refusals import Refusal
from tests import factories
from tests.conftest import World
from tests.factories import make_sector

pytestmark = pytest.mark.django_db


def test_it_registers_a_person_with_a_normalised_id(world: World) -> None:
    person = services.person_create(
        household=world.household,
        first_names="  Wilmer  José ",
        last_names="Rojas",
        national_id="v-20.111.222",
        birth_date=dt.date(1990, 1, 1),
    )
    assert person.first_names == "Wilmer José"
    assert person.national_id == "V20111222"
    assert CensusEvent.objects.filter(person=person, kind=EventKind.REGISTERED).exists()


def test_it_refuses_an_id_already_in_the_census(world: World) -> None:
    before = Person.objects.count()
    with pytest.raises(Refusal, match="already in the census"):
        services.person_create(
            household=world.other_household,
            first_names="Otra",
            last_names="Persona",
            national_id="12.345.678",
            birth_date=dt.date(1990, 1, 1),
        )
    assert Person.objects.count() == before


@pytest.mark.parametrize(
    ("birth_date", "reason"),
    [(dt.date(1850, 1, 1), "before 1900"), (dt.date(2999, 1, 1), "in the future")],
)
def test_it_refuses_an_impossible_birth_date(
    world: World, birth_date: dt.date, reason: str
) -> None:
    with pytest.raises(Refusal, match=reason):
        services.person_create(
            household=world.household, first_names="A", last_names="B", birth_date=birth_date
        )


def test_it_refuses_a_person_without_a_name(world: World) -> None:
    with pytest.raises(Refusal, match="first names"):
        services.person_create(
            household=world.household,
            first_names=" ",
            last_names="B",
            birth_date=dt.date(2000, 1, 1),
        )


def test_a_new_head_replaces_the_old_one(world: World) -> None:
    services.person_create(
        household=world.household,
        first_names="Nuevo",
        last_names="Jefe",
        birth_date=dt.date(1970, 1, 1),
        is_head=True,
    )
    heads = world.household.members.filter(is_head=True)
    assert [p.first_names for p in heads] == ["Nuevo"]


def test_it_refuses_a_household_reference_already_used_in_the_council(world: World) -> None:
    with pytest.raises(Refusal, match="already has a household 0001"):
        services.household_create(council=world.council, reference="0001", address="Calle 9")
    household = services.household_create(
        council=world.council, reference="0002", address="Calle 9"
    )
    assert household.card_code


def test_it_refuses_a_sector_of_another_council(world: World) -> None:
    sector = make_sector(world.other_council)
    with pytest.raises(Refusal, match="another council"):
        services.household_create(
            council=world.council, reference="0009", address="Calle 9", sector=sector
        )


def test_a_person_moves_and_the_history_keeps_where_they_came_from(world: World) -> None:
    services.person_move(
        person=world.child, household=world.other_household, actor=world.actor(world.admin)
    )
    world.child.refresh_from_db()
    assert world.child.household == world.other_household
    event = CensusEvent.objects.get(person=world.child, kind=EventKind.PERSON_MOVED)
    assert event.from_household == world.household
    assert event.to_council == world.other_council


def test_a_household_moves_to_another_council(world: World) -> None:
    services.household_move(
        household=world.household,
        council=world.other_council,
        reference="0077",
        address="Nueva",
        actor=world.actor(world.admin),
    )
    world.household.refresh_from_db()
    assert world.household.council == world.other_council
    assert CensusEvent.objects.filter(
        household=world.household, kind=EventKind.HOUSEHOLD_MOVED, from_council=world.council
    ).exists()


def test_a_spokesperson_cannot_move_a_person_or_household_into_another_council(
    world: World,
) -> None:
    actor = world.actor(world.spokesperson)
    with pytest.raises(Refusal) as refused:
        services.person_move(person=world.child, household=world.other_household, actor=actor)
    assert refused.value.code == "other_council" and refused.value.field == "household"
    with pytest.raises(Refusal) as refused:
        services.household_move(
            household=world.household,
            council=world.other_council,
            reference="0077",
            address="Nueva",
            actor=actor,
        )
    assert refused.value.code == "other_council" and refused.value.field == "council"
    world.child.refresh_from_db()
    world.household.refresh_from_db()
    assert world.child.household == world.household
    assert world.household.council == world.council
    assert (
        not CensusEvent.objects.of(world.commune)
        .filter(kind__in=[EventKind.PERSON_MOVED, EventKind.HOUSEHOLD_MOVED])
        .exists()
    )


def test_a_spokesperson_moves_a_person_within_her_council(world: World) -> None:
    other = factories.make_household(world.council, reference="0002", address="Calle 2")
    services.person_move(person=world.child, household=other, actor=world.actor(world.spokesperson))
    world.child.refresh_from_db()
    assert world.child.household == other


def test_a_death_is_recorded_and_nothing_is_deleted(world: World) -> None:
    day = timezone.localdate() - dt.timedelta(days=3)
    services.person_mark_deceased(person=world.head, on=day)
    world.head.refresh_from_db()
    assert world.head.status == PersonStatus.DECEASED
    assert world.head.status_date == day
    assert Person.objects.filter(pk=world.head.pk).exists()
    with pytest.raises(Refusal, match="no longer in the census"):
        services.person_mark_departed(person=world.head)


def test_a_departed_household_takes_its_members_with_it(world: World) -> None:
    services.household_leave(household=world.household)
    world.household.refresh_from_db()
    assert world.household.status == HouseholdStatus.DEPARTED
    assert not world.household.members.filter(status=PersonStatus.ACTIVE).exists()
    with pytest.raises(Refusal, match="left the commune"):
        services.person_create(
            household=world.household,
            first_names="A",
            last_names="B",
            birth_date=dt.date(2000, 1, 1),
        )


def test_statistics_count_only_people_still_here(world: World) -> None:
    assert commune_statistics(commune=world.commune).people == 3
    services.person_mark_departed(person=world.child)
    stats = commune_statistics(commune=world.commune)
    assert stats.people == 2
    assert stats.households == 2
    assert sum(band.total for band in stats.age_bands) == 2
    assert commune_statistics(commune=world.commune, council=world.council).people == 1


def test_search_reaches_only_what_the_user_may_read(world: World) -> None:
    admin, spokesperson = world.actor(world.admin), world.actor(world.spokesperson)
    assert [p.pk for p in people_search(admin, "rojas")] == [world.neighbour.pk]
    assert list(people_search(spokesperson, "rojas")) == []
    resident = world.actor(world.resident)
    assert [p.pk for p in people_search(resident, "PEREZ luis")] == [world.child.pk]


@pytest.mark.parametrize("typed", ["V-12.345.678", "v12345678", "12.345.678", "12345678"])
def test_search_finds_an_id_number_as_the_app_prints_it(world: World, typed: str) -> None:
    admin = world.actor(world.admin)
    assert [p.pk for p in people_search(admin, typed)] == [world.head.pk]


@pytest.mark.parametrize("typed", ["CC01-0001", "cc01-0001", "CC010001", "cc01 0001"])
def test_search_by_household_code_lists_its_members_head_first(world: World, typed: str) -> None:
    found = [p.pk for p in people_search(world.actor(world.admin), typed)]
    assert found == [world.head.pk, world.child.pk]
    # The same code in another council's reach finds nobody.
    assert list(people_search(world.actor(world.outsider), typed)) == []


def test_household_card_codes_are_unique(world: World) -> None:
    codes = set(Household.objects.values_list("card_code", flat=True))
    assert len(codes) == Household.objects.count()
