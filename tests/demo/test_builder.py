"""The demo commune, built once for this module (some twenty thousand people take seconds).

The build runs inside a transaction that is rolled back when the module ends, so the rest of
the suite never sees it; each test runs in a savepoint inside it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Count, Q
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from comuna.census.identity import person_search_text
from comuna.census.models import (
    CensusEvent,
    Council,
    EventKind,
    Household,
    HouseholdStatus,
    Person,
    PersonStatus,
)
from comuna.census.selectors import people_search
from comuna.core.models import Commune
from comuna.demo.builder import DemoSummary, demo_build
from comuna.governance.models import Organ, OrganKind, Seat
from comuna.memberships.models import Membership
from comuna.memberships.selectors import actor_for
from comuna.users.models import Role, User
from tests.conftest import client_for, post_form

pytestmark = pytest.mark.django_db

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSummary]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        translation.override("en"),
        transaction.atomic(),
    ):
        yield demo_build()[0]
        transaction.set_rollback(True)


def _counts() -> dict[str, int]:
    models: list[Any] = [Commune, Council, Household, Person, CensusEvent, Organ, Seat, User]
    return {model.__name__: model.objects.count() for model in models}


def test_it_builds_24_councils_coded_cc01_to_cc24(demo: DemoSummary) -> None:
    codes = list(Council.objects.order_by("code").values_list("code", flat=True))
    assert codes == [f"CC{number:02d}" for number in range(1, 25)]
    assert demo.councils == 24
    assert Commune.objects.get().is_demo


def test_each_council_has_150_to_400_households_in_3_to_6_sectors(demo: DemoSummary) -> None:
    councils = Council.objects.annotate(
        households_count=Count("households", distinct=True),
        sectors_count=Count("sectors", distinct=True),
    )
    for council in councils:
        assert 150 <= council.households_count <= 400, council.code
        assert 3 <= council.sectors_count <= 6, council.code
    assert not Household.objects.filter(sector__isnull=True).exists()


def test_it_holds_a_commune_of_realistic_size(demo: DemoSummary) -> None:
    households = Household.objects.count()
    people = Person.objects.filter(status=PersonStatus.ACTIVE).count()
    assert 3_000 <= households <= 10_000
    assert 17_000 <= people <= 24_000
    assert demo.people == people
    assert demo.households == Household.objects.filter(status=HouseholdStatus.ACTIVE).count()
    sizes = Counter(Person.objects.values_list("household_id", flat=True))
    assert set(sizes.values()) <= set(range(1, 9))
    assert 2.5 <= sum(sizes.values()) / len(sizes) <= 3.5


def test_every_household_has_exactly_one_head(demo: DemoSummary) -> None:
    heads = Household.objects.annotate(heads=Count("members", filter=Q(members__is_head=True)))
    assert not heads.exclude(heads=1).exists()


def test_id_numbers_are_unique_and_most_small_children_have_none(demo: DemoSummary) -> None:
    ids = [value for value in Person.objects.values_list("national_id", flat=True) if value]
    assert len(ids) == len(set(ids))
    assert all(value[0] in "VE" and 6 <= len(value[1:]) <= 8 for value in ids)
    foreign = sum(value.startswith("E") for value in ids) / Person.objects.count()
    assert 0.02 <= foreign <= 0.08
    today = timezone.localdate()
    small = Person.objects.filter(birth_date__gt=today - dt.timedelta(days=8 * 365))
    assert small.filter(national_id=None).count() > 0.7 * small.count()
    without = Person.objects.filter(birth_date__lt=today - dt.timedelta(days=30 * 365))
    assert 0 < without.filter(national_id=None).count() < 0.1 * without.count()


def test_card_codes_are_unique(demo: DemoSummary) -> None:
    codes = list(Household.objects.values_list("card_code", flat=True))
    assert len(codes) == len(set(codes))


def test_people_are_found_by_name_without_accents(demo: DemoSummary) -> None:
    person = Person.objects.filter(first_names="María José").first()
    assert person is not None
    assert person.search_text == person_search_text(
        person.first_names, person.last_names, person.national_id
    )
    admin = User.objects.get(username="admin")
    found = people_search(
        actor_for(admin, person.commune), f"maria jose {person.last_names.split()[0]}"
    )
    assert person in found


def test_the_ages_make_a_pyramid_with_a_wide_base(demo: DemoSummary) -> None:
    today = timezone.localdate()
    people = Person.objects.filter(status=PersonStatus.ACTIVE)
    children = people.filter(birth_date__gt=today - dt.timedelta(days=15 * 365)).count()
    elderly = people.filter(birth_date__lte=today - dt.timedelta(days=60 * 365)).count()
    very_old = people.filter(birth_date__lte=today - dt.timedelta(days=85 * 365)).count()
    assert 0.18 <= children / people.count() <= 0.35
    assert 0.08 <= elderly / people.count() <= 0.2
    assert 0 < very_old < elderly / 4


def test_vulnerability_marks_come_at_plausible_rates(demo: DemoSummary) -> None:
    people = Person.objects.filter(status=PersonStatus.ACTIVE)
    total = people.count()
    assert 0.02 <= people.filter(disability=True).count() / total <= 0.07
    assert 0.08 <= people.filter(chronic_illness=True).count() / total <= 0.2
    pregnant = people.filter(pregnant=True)
    assert pregnant.count() > 20
    today = timezone.localdate()
    assert not pregnant.exclude(
        sex="F",
        birth_date__lte=today - dt.timedelta(days=15 * 365),
        birth_date__gt=today - dt.timedelta(days=47 * 365),
    ).exists()


def test_the_history_has_registrations_deaths_and_departures(demo: DemoSummary) -> None:
    events = CensusEvent.objects
    registered = events.filter(kind=EventKind.REGISTERED)
    assert registered.filter(person__isnull=False).count() == Person.objects.count()
    assert registered.filter(person=None).count() == Household.objects.count()
    assert events.filter(kind=EventKind.DIED).count() == (
        Person.objects.filter(status=PersonStatus.DECEASED).count()
    )
    assert events.filter(kind=EventKind.PERSON_LEFT).count() > 10
    assert not events.filter(occurred_on__gt=timezone.localdate()).exists()
    departed = Household.objects.get(status=HouseholdStatus.DEPARTED)
    assert events.filter(kind=EventKind.HOUSEHOLD_LEFT, household=departed).exists()
    assert not departed.members.filter(status=PersonStatus.ACTIVE).exists()


def test_it_has_the_organs_of_the_commune(demo: DemoSummary) -> None:
    kinds = set(Organ.objects.filter(council=None).values_list("kind", flat=True))
    assert kinds == set(OrganKind.values)
    assert Organ.objects.filter(kind=OrganKind.ASSEMBLY).exclude(council=None).count() == 24
    assert Seat.objects.filter(organ__kind=OrganKind.EXECUTIVE).count() == 3
    assert demo.organs == Organ.objects.count() and demo.seats == Seat.objects.count()


def test_the_parliament_has_a_seat_per_council_three_enterprises_and_the_bank(
    demo: DemoSummary,
) -> None:
    seats = Seat.objects.filter(organ__kind=OrganKind.PARLIAMENT).select_related(
        "holder__household", "substitute__household", "council"
    )
    assert seats.count() == 24 + 3 + 1
    for seat in seats.exclude(council=None):
        assert seat.council is not None
        assert seat.holder is not None and seat.substitute is not None
        assert seat.title == f"Vocería {seat.council.code}"
        assert seat.holder.household.council_id == seat.council.pk
        assert seat.substitute.household.council_id == seat.council.pk


def test_seats_have_adult_residents_and_two_year_terms(demo: DemoSummary) -> None:
    today = timezone.localdate()
    people = [
        person
        for seat in Seat.objects.select_related("holder", "substitute")
        for person in (seat.holder, seat.substitute)
    ]
    assert all(person is not None and person.age_on(today) >= 18 for person in people)
    assert all(person.status == PersonStatus.ACTIVE for person in people if person)
    assert len(people) == len({person.pk for person in people if person})
    for seat in Seat.objects.all():
        assert seat.term_start is not None and seat.term_end is not None
        assert seat.term_start <= today < seat.term_end
        assert seat.term_end == seat.term_start.replace(year=seat.term_start.year + 2)


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("admin", Role.ADMIN),
        ("vocera", Role.SPOKESPERSON),
        ("tesorera", Role.TREASURER),
        ("contralor", Role.COMPTROLLER),
        ("vecino", Role.RESIDENT),
    ],
)
def test_every_role_has_a_demo_login_that_works(
    demo: DemoSummary, username: str, role: Role
) -> None:
    login = next(login for login in demo.logins if login.username == username)
    membership = Membership.objects.get(user__username=username)
    assert membership.role == role == login.role
    assert membership.commune.code == "demo"
    client = client_for(None)
    response: Any = post_form(
        client, reverse("users:login"), {"username": username, "password": login.password}
    )
    assert response.status_code == 302
    assert client.get(reverse("census:index")).status_code in {200, 302}
    assert int(client.session["_auth_user_id"]) == User.objects.get(username=username).pk


def test_the_spokesperson_holds_the_cc01_seat_and_the_resident_heads_his_home(
    demo: DemoSummary,
) -> None:
    vocera = Membership.objects.select_related("user", "council").get(user__username="vocera")
    seat = Seat.objects.select_related("holder").get(title="Vocería CC01")
    assert vocera.council is not None and vocera.council.code == "CC01"
    assert seat.holder is not None and seat.holder.sex == "F"
    assert vocera.user.get_full_name() == seat.holder.full_name
    vecino = Membership.objects.select_related("user", "household").get(user__username="vecino")
    assert vecino.household is not None and vecino.household.council.code == "CC01"
    head = vecino.household.members.get(is_head=True)
    assert vecino.user.get_full_name() == head.full_name and head.sex == "M"
    tesorera = Membership.objects.select_related("user").get(user__username="tesorera")
    bank = Seat.objects.select_related("holder").get(title="Vocería del Banco de la Comuna")
    assert bank.holder is not None and bank.holder.sex == "F"
    assert tesorera.user.get_full_name() == bank.holder.full_name
    admin = Membership.objects.get(user__username="admin")
    assert admin.role == Role.ADMIN and not admin.user.is_superuser


def test_building_again_changes_nothing_and_costs_a_few_queries(
    demo: DemoSummary, django_assert_max_num_queries: Any
) -> None:
    before = _counts()
    with django_assert_max_num_queries(12):
        again = demo_build()[0]
    assert _counts() == before
    assert not again.built and demo.built
    assert again == DemoSummary(**{**demo.__dict__, "built": False})


def test_it_builds_a_year_of_distribution_with_one_round_open_today(demo: DemoSummary) -> None:
    from comuna.distribution.models import Round, RoundStatus
    from comuna.distribution.selectors import reconciliations, round_rerun

    rounds = Round.objects.filter(programme__commune__code="demo")
    assert rounds.filter(status=RoundStatus.CLOSED).count() == 24
    today = rounds.get(status=RoundStatus.OPEN)
    assert today.distribution_on == timezone.localdate() and not today.deliveries.exists()
    assert any(r.stock_received < r.entitlements.count() for r in rounds)
    assert round_rerun(today).agrees
    flagged = [r for r in reconciliations(today.programme.commune) if r.flagged]
    assert len(flagged) == 1
    assert Household.objects.filter(cylinders_18kg__gt=0).exists()
