"""Reads of the federation: a commune's key, and a level's figures.

A level's figures are aggregates only (counts, sums, the ledger's heads), never a household's
or a person's row. A commune's counts are SQL aggregates grouped by commune (one query per kind
of figure, whatever the number of communes); a state's or the nation's page reads them from
each commune's tally counted today rather than scanning some 8 million households and their
people at every visit; Python only adds up the per-commune rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import pgettext

from comuna.census.models import Household, HouseholdStatus, Person, PersonStatus
from comuna.census.selectors import AGE_BANDS, AgeBand
from comuna.core.models import Commune
from comuna.distribution.models import Delivery
from comuna.federation.models import CommuneKey, CommuneTally, CommuneUnit, Unit
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
    # The oldest tally the figures were added from (None: all counted live).
    counted_at: dt.datetime | None = None

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


@dataclass(frozen=True, slots=True)
class Counts:
    """One commune's counts, live or from its tally. ``ages`` is keyed ``f0``, ``m0``, ``u0``…
    by sex and age band; ``kinds`` holds ``(name, standard, count)`` per kind of incident."""

    households: int = 0
    people: int = 0
    reached: int = 0
    incidents: int = 0
    incidents_open: int = 0
    statements_approved: int = 0
    decisions: int = 0
    decisions_done: int = 0
    ages: dict[str, int] = field(default_factory=dict)
    kinds: tuple[tuple[str, bool, int], ...] = ()
    # When a tally counted them; None when counted live.
    counted_at: dt.datetime | None = None


Communes = QuerySet[Commune, Any] | Sequence[int]


def commune_counts(communes: Communes) -> dict[int, Counts]:
    """The counts of each of ``communes`` (a list of ids, or a query of them), live: one
    grouped query per kind of figure, whatever the number of communes."""
    today = timezone.localdate()
    households = _by_commune(
        Household.objects.all_communes()
        .filter(commune__in=communes, status=HouseholdStatus.ACTIVE)
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
        .filter(commune__in=communes, status=PersonStatus.ACTIVE)
        .values("commune")
        .annotate(**bands)
        .order_by()
    )
    since = timezone.now() - dt.timedelta(days=COVERAGE_DAYS)
    reached = _by_commune(
        Delivery.objects.all_communes()
        .filter(commune__in=communes, delivered_at__gte=since)
        .values("commune")
        .annotate(n=Count("household", distinct=True))
        .order_by()
    )
    incidents = _by_commune(
        Incident.objects.all_communes()
        .filter(commune__in=communes)
        .values("commune")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(status__in=OPEN_STATUSES)))
        .order_by()
    )
    kinds: dict[int, list[tuple[str, bool, int]]] = defaultdict(list)
    for row in (
        Incident.objects.all_communes()
        .filter(commune__in=communes)
        .values("commune", "kind__name", "kind__standard")
        .annotate(n=Count("pk"))
        .order_by("commune", "kind__name")
    ):
        kinds[row["commune"]].append((row["kind__name"], row["kind__standard"], row["n"]))
    statements = _by_commune(
        Statement.objects.all_communes()
        .filter(commune__in=communes, approved_on__isnull=False)
        .values("commune")
        .annotate(n=Count("pk"))
        .order_by()
    )
    decisions = _by_commune(
        Decision.objects.all_communes()
        .filter(commune__in=communes)
        .values("commune")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status=DecisionStatus.DONE)))
        .order_by()
    )
    ids = communes.values_list("pk", flat=True) if isinstance(communes, QuerySet) else communes
    zero: dict[str, int] = {}
    return {
        pk: Counts(
            households=households.get(pk, zero).get("n", 0),
            people=people.get(pk, zero).get("n", 0),
            reached=reached.get(pk, zero).get("n", 0),
            incidents=incidents.get(pk, zero).get("n", 0),
            incidents_open=incidents.get(pk, zero).get("open", 0),
            statements_approved=statements.get(pk, zero).get("n", 0),
            decisions=decisions.get(pk, zero).get("n", 0),
            decisions_done=decisions.get(pk, zero).get("done", 0),
            ages={k: v for k, v in people.get(pk, zero).items() if k not in ("commune", "n")},
            kinds=tuple(kinds.get(pk, ())),
        )
        for pk in ids
    }


def tallied_counts(communes: Communes) -> dict[int, Counts]:
    """The counts of those of ``communes`` whose tally was counted today."""
    return {
        tally.pk: Counts(
            households=tally.households,
            people=tally.people,
            reached=tally.reached,
            incidents=tally.incidents,
            incidents_open=tally.incidents_open,
            statements_approved=tally.statements_approved,
            decisions=tally.decisions,
            decisions_done=tally.decisions_done,
            ages=tally.ages,
            kinds=tuple((name, standard, n) for name, standard, n in tally.kinds),
            counted_at=tally.counted_at,
        )
        for tally in CommuneTally.objects.filter(
            commune__in=communes, counted_on=timezone.localdate()
        )
    }


def tallies_stale(unit: Unit) -> list[int]:
    """The communes below ``unit`` (a state or the nation) with no tally counted today. A
    communal city's page counts live and keeps no tally."""
    if unit.level == Unit.Level.CITY:
        return []
    fresh = CommuneTally.objects.filter(counted_on=timezone.localdate()).values("commune_id")
    return list(communes_below(unit).exclude(pk__in=fresh).values_list("pk", flat=True))


def level_figures(unit: Unit) -> LevelFigures:
    """The figures of ``unit``: per commune below it, and summed per level just below it.

    A communal city counts its communes live. A state or the nation reads each commune's
    tally counted today (:class:`CommuneTally`) and counts live only the communes without
    one, so that its page costs a few thousand small rows, not a scan of every person."""
    below = communes_below(unit)
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
    if unit.level == Unit.Level.CITY:
        counts = commune_counts(below.values("pk"))
    else:
        counts = tallied_counts(below.values("pk"))
        missing = [c["pk"] for c in communes if c["pk"] not in counts]
        if missing:
            counts.update(
                commune_counts(below.values("pk") if len(missing) == len(communes) else missing)
            )
    none = Counts()
    figures = tuple(
        CommuneFigures(
            pk=c["pk"],
            code=c["code"],
            name=c["name"],
            municipality=c["municipality"],
            city_code=c["city_code"] or "",
            households=counts.get(c["pk"], none).households,
            people=counts.get(c["pk"], none).people,
            reached=counts.get(c["pk"], none).reached,
            incidents=counts.get(c["pk"], none).incidents,
            incidents_open=counts.get(c["pk"], none).incidents_open,
            statements_approved=counts.get(c["pk"], none).statements_approved,
            last_statement=c["last_statement"] or "",
            last_head=c["last_head"] or "",
            last_entry_count=c["last_entry_count"],
            decisions=counts.get(c["pk"], none).decisions,
            decisions_done=counts.get(c["pk"], none).decisions_done,
        )
        for c in communes
    )
    return LevelFigures(
        code=unit.code,
        name=unit.name,
        level=unit.level,
        communes=figures,
        parts=_parts(unit, figures),
        age_bands=_age_bands(c.ages for c in counts.values()),
        incidents_by_kind=_incidents_by_kind(counts.values()),
        coverage_days=COVERAGE_DAYS,
        counted_at=min((c.counted_at for c in counts.values() if c.counted_at), default=None),
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


def _incidents_by_kind(counts: Iterable[Counts]) -> tuple[KindCount, ...]:
    """Incidents by kind over the communes: the standard kinds are counted together across
    communes (by their name, translated); a kind a commune added is counted under its own."""
    totals: dict[str, int] = defaultdict(int)
    for commune in counts:
        for name, standard, n in commune.kinds:
            totals[pgettext("incident kind", name) if standard else name] += n
    return tuple(
        KindCount(label, n) for label, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
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
