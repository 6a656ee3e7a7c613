"""Reads of the federation: a commune's key, and a level's figures.

A level's figures are aggregates only (counts, sums, the ledger's heads), never a household's
or a person's row. Each figure is one SQL aggregate grouped by commune over every commune
below the level, so that the nation's page (some 3,500 communes and 8 million households)
costs a handful of queries, not one per commune; Python only adds up those per-commune rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import pgettext

from comuna.census.models import Household, HouseholdStatus, Person, PersonStatus
from comuna.census.selectors import AGE_BANDS, AgeBand
from comuna.core.models import Commune
from comuna.distribution.models import Delivery
from comuna.federation.models import CommuneKey, CommuneUnit, Unit
from comuna.governance.models import Decision, DecisionStatus
from comuna.incidents.models import OPEN_STATUSES, Incident
from comuna.ledger.models import Statement

# Distribution coverage: households that collected something in this many days.
COVERAGE_DAYS = 90


def commune_public_key(commune: Commune) -> bytes | None:
    """The commune's registered public key (32 bytes), or None while it is not registered."""
    key = CommuneKey.objects.filter(commune=commune).values_list("public_key", flat=True).first()
    return bytes(key) if key is not None else None


def units_below(unit: Unit) -> QuerySet[Unit]:
    """``unit`` and every level below it (three levels at most)."""
    return Unit.objects.filter(Q(pk=unit.pk) | Q(parent=unit) | Q(parent__parent=unit))


def communes_below(unit: Unit) -> QuerySet[Commune]:
    cities = units_below(unit).filter(level=Unit.Level.CITY).values("pk")
    placed = CommuneUnit.objects.filter(unit__in=cities).values("commune_id")
    return Commune.objects.filter(pk__in=placed)


@dataclass(frozen=True, slots=True)
class CommuneFigures:
    """One commune's aggregates, as a level's table shows them."""

    pk: int
    code: str
    name: str
    municipality: str
    city_code: str
    households: int
    people: int
    reached: int
    incidents: int
    incidents_open: int
    statements_approved: int
    last_statement: str
    last_head: str
    last_entry_count: int | None
    decisions: int
    decisions_done: int

    @property
    def coverage(self) -> int:
        """Percentage of the households that collected something lately."""
        return round(100 * self.reached / self.households) if self.households else 0


@dataclass(frozen=True, slots=True)
class PartFigures:
    """The sums of a level just below (a state of the nation, a city of a state)."""

    code: str
    name: str
    level: str
    communes: int
    households: int
    people: int
    reached: int
    incidents_open: int
    statements_approved: int
    decisions_done: int

    @property
    def coverage(self) -> int:
        return round(100 * self.reached / self.households) if self.households else 0


@dataclass(frozen=True, slots=True)
class KindCount:
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class LevelFigures:
    """What a level of the federation sees of the communes below it."""

    code: str
    name: str
    level: str
    communes: tuple[CommuneFigures, ...]
    parts: tuple[PartFigures, ...]
    age_bands: tuple[AgeBand, ...]
    incidents_by_kind: tuple[KindCount, ...]
    coverage_days: int

    def _sum(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.communes)

    @property
    def households(self) -> int:
        return self._sum("households")

    @property
    def people(self) -> int:
        return self._sum("people")

    @property
    def reached(self) -> int:
        return self._sum("reached")

    @property
    def coverage(self) -> int:
        return round(100 * self.reached / self.households) if self.households else 0

    @property
    def incidents(self) -> int:
        return self._sum("incidents")

    @property
    def incidents_open(self) -> int:
        return self._sum("incidents_open")

    @property
    def statements_approved(self) -> int:
        return self._sum("statements_approved")

    @property
    def decisions(self) -> int:
        return self._sum("decisions")

    @property
    def decisions_done(self) -> int:
        return self._sum("decisions_done")


def _years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _band(today: dt.date, low: int, high: int | None) -> Q:
    condition = Q(birth_date__lte=_years_ago(today, low))
    if high is not None:
        condition &= Q(birth_date__gt=_years_ago(today, high + 1))
    return condition


def _by_commune(rows: Iterable[dict[str, Any]]) -> dict[int, dict[str, int]]:
    return {row["commune"]: row for row in rows}


def level_figures(unit: Unit) -> LevelFigures:
    """The figures of ``unit``: per commune below it, and summed per level just below it.

    One grouped query per kind of figure (households, people and their ages, deliveries,
    incidents and their kinds, approved statements, decisions), whatever the number of
    communes."""
    today = timezone.localdate()
    below = communes_below(unit)
    ids = below.values("pk")
    communes = list(
        below.annotate(
            city_code=Subquery(
                CommuneUnit.objects.filter(commune=OuterRef("pk")).values("unit__code")[:1]
            ),
            last_statement=Subquery(_approved_of_commune().values("label")[:1]),
            last_head=Subquery(_approved_of_commune().values("head")[:1]),
            last_entry_count=Subquery(_approved_of_commune().values("entry_count")[:1]),
        )
        .order_by("name", "code")
        .values(
            "pk",
            "code",
            "name",
            "municipality",
            "city_code",
            "last_statement",
            "last_head",
            "last_entry_count",
        )
    )
    households = _by_commune(
        Household.objects.all_communes()
        .filter(commune__in=ids, status=HouseholdStatus.ACTIVE)
        .values("commune")
        .annotate(n=Count("pk"))
        .order_by()
    )
    bands: dict[str, Count] = {"n": Count("pk")}
    for index, (low, high) in enumerate(AGE_BANDS):
        in_band = _band(today, low, high)
        bands[f"f{index}"] = Count("pk", filter=in_band & Q(sex="F"))
        bands[f"m{index}"] = Count("pk", filter=in_band & Q(sex="M"))
        bands[f"u{index}"] = Count("pk", filter=in_band & Q(sex=""))
    people = _by_commune(
        Person.objects.all_communes()
        .filter(commune__in=ids, status=PersonStatus.ACTIVE)
        .values("commune")
        .annotate(**bands)
        .order_by()
    )
    since = timezone.now() - dt.timedelta(days=COVERAGE_DAYS)
    reached = _by_commune(
        Delivery.objects.all_communes()
        .filter(commune__in=ids, delivered_at__gte=since)
        .values("commune")
        .annotate(n=Count("household", distinct=True))
        .order_by()
    )
    incidents = _by_commune(
        Incident.objects.all_communes()
        .filter(commune__in=ids)
        .values("commune")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(status__in=OPEN_STATUSES)))
        .order_by()
    )
    statements = _by_commune(
        Statement.objects.all_communes()
        .filter(commune__in=ids, approved_on__isnull=False)
        .values("commune")
        .annotate(n=Count("pk"))
        .order_by()
    )
    decisions = _by_commune(
        Decision.objects.all_communes()
        .filter(commune__in=ids)
        .values("commune")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status=DecisionStatus.DONE)))
        .order_by()
    )
    zero: dict[str, int] = {}
    figures = tuple(
        CommuneFigures(
            pk=c["pk"],
            code=c["code"],
            name=c["name"],
            municipality=c["municipality"],
            city_code=c["city_code"] or "",
            households=households.get(c["pk"], zero).get("n", 0),
            people=people.get(c["pk"], zero).get("n", 0),
            reached=reached.get(c["pk"], zero).get("n", 0),
            incidents=incidents.get(c["pk"], zero).get("n", 0),
            incidents_open=incidents.get(c["pk"], zero).get("open", 0),
            statements_approved=statements.get(c["pk"], zero).get("n", 0),
            last_statement=c["last_statement"] or "",
            last_head=c["last_head"] or "",
            last_entry_count=c["last_entry_count"],
            decisions=decisions.get(c["pk"], zero).get("n", 0),
            decisions_done=decisions.get(c["pk"], zero).get("done", 0),
        )
        for c in communes
    )
    return LevelFigures(
        code=unit.code,
        name=unit.name,
        level=unit.level,
        communes=figures,
        parts=_parts(unit, figures),
        age_bands=_age_bands(people.values()),
        incidents_by_kind=_incidents_by_kind(ids),
        coverage_days=COVERAGE_DAYS,
    )


def _approved_of_commune() -> QuerySet[Statement]:
    return (
        Statement.objects.of(OuterRef("pk"))
        .filter(approved_on__isnull=False)
        .order_by("-end", "-id")
    )


def _age_bands(rows: Iterable[dict[str, int]]) -> tuple[AgeBand, ...]:
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        for key, value in row.items():
            if key != "commune":
                totals[key] += value
    return tuple(
        AgeBand(
            label=f"{low}+" if high is None else f"{low}–{high}",
            female=totals[f"f{index}"],
            male=totals[f"m{index}"],
            unknown=totals[f"u{index}"],
        )
        for index, (low, high) in enumerate(AGE_BANDS)
    )


def _incidents_by_kind(ids: QuerySet[Commune, Any]) -> tuple[KindCount, ...]:
    """Incidents by kind over the communes: the standard kinds are counted together across
    communes (by their code); a kind a commune added is counted under its own name."""
    rows = (
        Incident.objects.all_communes()
        .filter(commune__in=ids)
        .values("kind__code", "kind__name", "kind__standard")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        name = row["kind__name"]
        label = pgettext("incident kind", name) if row["kind__standard"] else name
        counts[label] += row["n"]
    return tuple(
        KindCount(label, n) for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def _parts(unit: Unit, figures: tuple[CommuneFigures, ...]) -> tuple[PartFigures, ...]:
    """The sums of each level just below ``unit`` (none below a communal city)."""
    children = list(unit.children.order_by("name"))
    if not children:
        return ()
    city_parent = dict(
        Unit.objects.filter(
            level=Unit.Level.CITY, pk__in=units_below(unit).values("pk")
        ).values_list("code", "parent__code")
    )
    part_of: dict[str, str] = {}
    for city, parent in city_parent.items():
        part_of[city] = city if unit.level == Unit.Level.STATE else (parent or "")
    sums: dict[str, list[int]] = defaultdict(lambda: [0] * 7)
    for c in figures:
        row = sums[part_of.get(c.city_code, "")]
        for index, value in enumerate(
            (
                1,
                c.households,
                c.people,
                c.reached,
                c.incidents_open,
                c.statements_approved,
                c.decisions_done,
            )
        ):
            row[index] += value
    return tuple(
        PartFigures(child.code, child.name, child.level, *sums[child.code]) for child in children
    )
