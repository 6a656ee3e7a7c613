"""Reads of the census that are more than a one-line query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from comuna.census.access import councils_readable, people_readable
from comuna.census.identity import fold
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


def people_search(actor: Actor, query: str, *, limit: int = 25) -> QuerySet[Person]:
    """People in the actor's reach whose names or ID number contain every word typed.

    Accents and case are ignored; "V-12.345" finds the ID 12345678.
    """
    words = [fold(word) for word in query.replace(".", "").replace("-", " ").split()]
    words = [w[1:] if len(w) > 1 and w[0] in "ve" and w[1:].isdigit() else w for w in words]
    words = [w for w in words if w]
    if not words:
        return Person.objects.none()
    people = people_readable(actor)
    for word in words[:6]:
        people = people.filter(search_text__contains=word)
    return people.select_related("household", "household__council").order_by(
        "status", "last_names", "first_names"
    )[:limit]


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
