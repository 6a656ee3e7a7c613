"""Reads of the census that are more than a one-line query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from comuna.census.access import councils_readable, households_readable, people_readable
from comuna.census.identity import household_label_parts, search_words
from comuna.census.models import (
    CHILD_AGE,
    ELDERLY_AGE,
    SMALL_CHILD_AGE,
    Council,
    Household,
    HouseholdStatus,
    Person,
    PersonStatus,
)
from comuna.core.models import Commune
from comuna.users.actors import Actor

AGE_BANDS: list[tuple[int, int | None]] = [
    (0, 4), (5, 11), (12, 17), (18, 29), (30, 44), (45, 59), (60, 74), (75, None),
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class AgeBand:
    label: str
    female: int
    male: int
    unknown: int

    @property
    def total(self) -> int:
        return self.female + self.male + self.unknown


@dataclass(frozen=True, slots=True)
class CouncilRow:
    code: str
    name: str
    households: int
    people: int


@dataclass(frozen=True, slots=True)
class CensusStatistics:
    """Aggregates only: safe for the public page."""

    councils: int
    households: int
    people: int
    age_bands: list[AgeBand]
    vulnerability: dict[str, int]
    council_rows: list[CouncilRow] = field(default_factory=list)


def _years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _born_between(today: dt.date, low: int, high: int | None) -> Q:
    """People aged ``low`` to ``high`` inclusive today (``high=None``: no upper bound)."""
    condition = Q(birth_date__lte=_years_ago(today, low))
    if high is not None:
        condition &= Q(birth_date__gt=_years_ago(today, high + 1))
    return condition


def commune_statistics(*, commune: Commune, council: Council | None = None) -> CensusStatistics:
    """The commune's population by age and sex and its vulnerability counts (of ``council``
    alone when given, which must be one of the commune's), in a few aggregate queries."""
    if council is not None and council.commune_id != commune.pk:
        raise ValueError(f"council {council.pk} is not of commune {commune.pk}")
    today = timezone.localdate()
    people = Person.objects.of(commune).filter(status=PersonStatus.ACTIVE)
    households = Household.objects.of(commune).filter(status=HouseholdStatus.ACTIVE)
    councils = Council.objects.of(commune)
    if council is not None:
        people = people.filter(household__council=council)
        households = households.filter(council=council)
    aggregates: dict[str, Count] = {"people": Count("pk")}
    for index, (low, high) in enumerate(AGE_BANDS):
        in_band = _born_between(today, low, high)
        aggregates[f"f{index}"] = Count("pk", filter=in_band & Q(sex="F"))
        aggregates[f"m{index}"] = Count("pk", filter=in_band & Q(sex="M"))
        aggregates[f"u{index}"] = Count("pk", filter=in_band & Q(sex=""))
    aggregates["elderly"] = Count("pk", filter=_born_between(today, ELDERLY_AGE, None))
    aggregates["children"] = Count("pk", filter=_born_between(today, 0, CHILD_AGE - 1))
    aggregates["small_children"] = Count("pk", filter=_born_between(today, 0, SMALL_CHILD_AGE - 1))
    aggregates["disability"] = Count("pk", filter=Q(disability=True))
    aggregates["pregnant"] = Count("pk", filter=Q(pregnant=True))
    aggregates["chronic_illness"] = Count("pk", filter=Q(chronic_illness=True))
    row = people.aggregate(**aggregates)
    bands = [
        AgeBand(
            label=f"{low}+" if high is None else f"{low}–{high}",
            female=row[f"f{index}"],
            male=row[f"m{index}"],
            unknown=row[f"u{index}"],
        )
        for index, (low, high) in enumerate(AGE_BANDS)
    ]
    vulnerability = {
        key: row[key]
        for key in (
            "elderly",
            "children",
            "small_children",
            "disability",
            "pregnant",
            "chronic_illness",
        )
    }
    council_rows: list[CouncilRow] = []
    if council is None:
        council_rows = [
            CouncilRow(c.code, c.name, c.n_households, c.n_people)
            for c in councils.annotate(
                n_households=Count(
                    "households",
                    filter=Q(households__status=HouseholdStatus.ACTIVE),
                    distinct=True,
                ),
                n_people=Count(
                    "households__members",
                    filter=Q(households__members__status=PersonStatus.ACTIVE),
                ),
            ).order_by("code")
        ]
    return CensusStatistics(
        councils=councils.count() if council is None else 1,
        households=households.count(),
        people=row["people"],
        age_bands=bands,
        vulnerability=vulnerability,
        council_rows=council_rows,
    )


def households_by_label(households: QuerySet[Household], query: str) -> QuerySet[Household]:
    """Those of ``households`` whose label the query is, however it is typed ("CC01-0002",
    "cc01 0002", "CC010002"); none when the query is not a household label."""
    if len(query) > 60 or not any(ch.isdigit() for ch in query):
        return households.none()
    codes = households.order_by().values_list("council__code", flat=True).distinct()
    pairs = household_label_parts(query, codes)
    if not pairs:
        return households.none()
    named = Q()
    for code, reference in pairs:
        named |= Q(council__code=code, reference__iexact=reference)
    return households.filter(named)


def people_search(actor: Actor, query: str, *, limit: int = 25) -> QuerySet[Person]:
    """People in the actor's reach whose names or ID number contain every word typed, or the
    members of the household whose label was typed.

    Accents and case are ignored; an ID number is found however it is written
    (``identity.search_words``), a household by its label however it is written
    (``households_by_label``), head first.
    """
    people = people_readable(actor)
    household = households_by_label(households_readable(actor), query)
    if household.exists():
        return (
            people.filter(household__in=household)
            .select_related("household", "household__council")
            .order_by("status", "-is_head", "birth_date", "pk")[:limit]
        )
    words = search_words(query)
    if not words:
        return Person.objects.none()
    for word in words[:6]:
        people = people.filter(search_text__contains=word)
    return people.select_related("household", "household__council").order_by(
        "status", "last_names", "first_names"
    )[:limit]


def members_living(households: list[Household]) -> dict[int, list[Person]]:
    """The people still living in each of ``households`` (by household id), head first, then
    the oldest: one query, for a page that shows who is in a household found at a table."""
    members: dict[int, list[Person]] = {h.pk: [] for h in households}
    if not households:
        return members
    people = (
        Person.objects.of(households[0].commune_id)
        .filter(household__in=[h.pk for h in households], status=PersonStatus.ACTIVE)
        .order_by("-is_head", "birth_date", "pk")
    )
    for person in people:
        members[person.household_id].append(person)
    return members


def councils_with_counts(actor: Actor) -> QuerySet[Council]:
    """The councils the actor may read, each with ``n_households`` and ``n_people`` still here."""
    return councils_readable(actor).annotate(
        n_households=Count(
            "households", filter=Q(households__status=HouseholdStatus.ACTIVE), distinct=True
        ),
        n_people=Count(
            "households__members", filter=Q(households__members__status=PersonStatus.ACTIVE)
        ),
    )


def households_listed(households: QuerySet[Household]) -> QuerySet[Household]:
    """Households for a list: council and sector joined, ``n_members`` still living there."""
    return (
        households.select_related("council", "sector")
        .annotate(n_members=Count("members", filter=Q(members__status=PersonStatus.ACTIVE)))
        .order_by("council__code", "status", "reference")
    )
