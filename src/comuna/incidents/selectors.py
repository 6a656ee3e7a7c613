"""Reads of the incidents: the filtered list, an incident's timeline and times, the public
figures (counts only: never who reported, never an address)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from comuna.census.models import Council, Sector
from comuna.core.models import Commune
from comuna.engines.streets import Coordinate, project
from comuna.incidents.models import (
    OPEN_STATUSES,
    Incident,
    IncidentEvent,
    IncidentKind,
    IncidentStatus,
    RepairMaterial,
    WorkLog,
)
from comuna.ledger.models import Account


@dataclass(frozen=True)
class Filters:
    kind: int | None = None
    council: int | None = None
    sector: int | None = None
    status: str = "open"  # "open", "all" or an IncidentStatus


def incidents_filter(incidents: QuerySet[Incident], filters: Filters) -> QuerySet[Incident]:
    """The incidents that pass the filters, newest first, with what the list shows."""
    if filters.kind:
        incidents = incidents.filter(kind_id=filters.kind)
    if filters.council:
        incidents = incidents.filter(council_id=filters.council)
    if filters.sector:
        incidents = incidents.filter(sector_id=filters.sector)
    if filters.status == "open":
        incidents = incidents.filter(status__in=OPEN_STATUSES)
    elif filters.status in IncidentStatus.values:
        incidents = incidents.filter(status=filters.status)
    return incidents.select_related("kind", "council", "sector", "brigade").order_by(
        "-reported_at", "-number"
    )


# Beyond this many points a map of a commune is a blot: the list says how many were left out.
MAP_POINTS = 1000


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    pk: int
    reference: str
    kind: str
    is_open: bool


@dataclass(frozen=True)
class IncidentMap:
    width: int
    height: int
    points: list[MapPoint]
    placed: int  # the incidents with a point (some may be left off, see MAP_POINTS)
    unplaced: int  # the incidents reported without a point


def incidents_map(
    incidents: QuerySet[Incident], *, width: int = 600, height: int = 450
) -> IncidentMap:
    """Where the incidents are (those reported with a point), drawn to scale in a box: the
    newest ``MAP_POINTS`` of them."""
    with_point = incidents.filter(latitude__isnull=False, longitude__isnull=False)
    newest = list(
        with_point.select_related(None)
        .select_related("kind")
        .only("number", "status", "latitude", "longitude", "kind__name", "kind__standard")
        .order_by("-reported_at", "-number")[:MAP_POINTS]
    )
    xy = project(
        [Coordinate(float(i.latitude), float(i.longitude)) for i in newest],  # type: ignore[arg-type]
        width,
        height,
        12,
    )
    points = [
        MapPoint(x, y, i.pk, i.reference, i.kind.display_name, i.is_open)
        for (x, y), i in zip(xy, newest, strict=True)
    ]
    placed = with_point.count()
    return IncidentMap(width, height, points, placed, incidents.count() - placed)


def timeline(incident: Incident) -> QuerySet[IncidentEvent]:
    return (
        IncidentEvent.objects.of(incident.commune_id)
        .filter(incident=incident)
        .select_related("by", "brigade")
        .order_by("at", "pk")
    )


@dataclass(frozen=True)
class Times:
    """How long each step took, in days (None while the step has not happened)."""

    to_assign: float | None
    to_resolve: float | None
    total: float | None


def _days(start: dt.datetime, end: dt.datetime | None) -> float | None:
    return None if end is None else round((end - start).total_seconds() / 86400, 1)


def incident_times(incident: Incident) -> Times:
    resolved = incident.resolved_at if incident.status == IncidentStatus.RESOLVED else None
    return Times(
        to_assign=_days(incident.reported_at, incident.assigned_at),
        to_resolve=_days(incident.assigned_at, resolved) if incident.assigned_at else None,
        total=_days(incident.reported_at, resolved),
    )


@dataclass(frozen=True)
class KindFigures:
    kind: str
    by_status: dict[str, int]
    open: int
    total: int
    median_days: float | None


@dataclass(frozen=True)
class PublicFigures:
    kinds: list[KindFigures]
    statuses: list[tuple[str, str]]  # (value, label) in order
    open_by_sector: list[tuple[str, str, str, int]]  # (kind, council, sector, open)
    total: int
    open: int


def public_figures_stamp(commune: Commune) -> str:
    """What changes whenever the public figures do: the newest event of the commune's
    incidents (every report, triage, assignment and change of status writes one) and the
    names the figures print (kinds, councils, sectors)."""
    last_event = (
        IncidentEvent.objects.of(commune).order_by("-pk").values_list("uuid", flat=True).first()
    )
    names = [
        *IncidentKind.objects.of(commune).order_by("pk").values_list("pk", "name"),
        *Council.objects.of(commune).order_by("pk").values_list("pk", "name"),
        *Sector.objects.of(commune).order_by("pk").values_list("pk", "name"),
    ]
    return f"{commune.uuid}:{last_event}:{names!r}"


def public_figures(commune: Commune, *, since: dt.datetime | None = None) -> PublicFigures:
    """Counts by kind and status, open incidents by kind and sector, median days to resolve
    per kind. Nothing here names a person or an address."""
    incidents = Incident.objects.of(commune)
    if since is not None:
        incidents = incidents.filter(reported_at__gte=since)
    kinds = {k.pk: k.display_name for k in IncidentKind.objects.of(commune)}
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for row in incidents.values("kind_id", "status").annotate(n=Count("pk")).order_by():
        counts[row["kind_id"]][row["status"]] += row["n"]
    durations: dict[int, list[float]] = defaultdict(list)
    for kind_id, reported, resolved in incidents.filter(status=IncidentStatus.RESOLVED).values_list(
        "kind_id", "reported_at", "resolved_at"
    ):
        if resolved is not None:
            durations[kind_id].append((resolved - reported).total_seconds() / 86400)
    figures = []
    for pk, name in sorted(kinds.items(), key=lambda item: item[1]):
        by_status = counts.get(pk, Counter())
        figures.append(
            KindFigures(
                kind=name,
                by_status={s: by_status.get(s, 0) for s in IncidentStatus.values},
                open=sum(by_status.get(s, 0) for s in OPEN_STATUSES),
                total=sum(by_status.values()),
                median_days=round(statistics.median(durations[pk]), 1) if durations[pk] else None,
            )
        )
    open_rows = (
        incidents.filter(status__in=OPEN_STATUSES)
        .values("kind_id", "council__name", "sector__name")
        .annotate(n=Count("pk"))
        .order_by("council__name", "sector__name", "kind_id")
    )
    by_sector = [
        (kinds.get(r["kind_id"], ""), r["council__name"], r["sector__name"] or "", r["n"])
        for r in open_rows
    ]
    return PublicFigures(
        kinds=figures,
        statuses=[(s.value, str(s.label)) for s in IncidentStatus],
        open_by_sector=by_sector,
        total=sum(k.total for k in figures),
        open=sum(k.open for k in figures),
    )


@dataclass(frozen=True)
class StoreRow:
    material: RepairMaterial
    held: int  # minor units of its unit, in the store now
    used: int  # minor units taken for repairs, ever


def store_stock(commune: Commune) -> list[StoreRow]:
    """Each repair material with what the store holds (its stock account) and what went
    into repairs."""
    materials = list(RepairMaterial.objects.of(commune))
    accounts = {
        a.code: a
        for a in Account.objects.of(commune).filter(code__in=[m.stock_account for m in materials])
    }
    used = dict(
        WorkLog.objects.of(commune)
        .filter(material__isnull=False)
        .values("material")
        .annotate(q=Sum("quantity"))
        .values_list("material", "q")
        .order_by()
    )
    return [
        StoreRow(
            material=m,
            held=accounts[m.stock_account].natural if m.stock_account in accounts else 0,
            used=used.get(m.pk, 0) or 0,
        )
        for m in materials
    ]
