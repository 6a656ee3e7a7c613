"""The federation's figures over JSON, with the same reach as its pages.

- ``GET /units``: the levels the caller reads (an officer: their level and those below it;
  the installation's superuser: all).
- ``GET /units/{code}``: a level's figures: per commune below it and summed per level just
  below, aggregates only (counts, the approved books' heads), never a household or a person.
  A level beside or above the caller's answers 404.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import P, PathEx, Router, Schema

from comuna.api.auth import api_user
from comuna.api.errors import READ_ERRORS
from comuna.api.inputs import NO_CONTROL
from comuna.core.replica import replica_reading
from comuna.federation import access, services
from comuna.federation.selectors import level_figures

router = Router(tags=["federation"])
UnitCode = PathEx[str, P(min_length=1, max_length=40, pattern=NO_CONTROL)]


class UnitOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None


class FederationAgeBandOut(Schema):
    label: str
    female: int
    male: int
    unknown: int


class KindOut(Schema):
    kind: str
    count: int


class FederationCommuneOut(Schema):
    code: str
    name: str
    city: str
    households: int
    people: int
    reached: int
    coverage_percent: int
    incidents: int
    incidents_open: int
    statements_approved: int
    last_statement: str
    last_head: str
    last_entry_count: int | None
    decisions: int
    decisions_done: int


class PartOut(Schema):
    code: str
    name: str
    level: str
    communes: int
    households: int
    people: int
    coverage_percent: int
    incidents_open: int
    statements_approved: int
    decisions_done: int


class LevelOut(Schema):
    code: str
    name: str
    level: str
    households: int
    people: int
    coverage_percent: int
    coverage_days: int
    incidents_open: int
    statements_approved: int
    decisions_done: int
    age_bands: list[FederationAgeBandOut]
    incidents_by_kind: list[KindOut]
    parts: list[PartOut]
    communes: list[FederationCommuneOut]


@router.get("/units", response={200: list[UnitOut], **READ_ERRORS}, summary="Levels")
def units(request: HttpRequest) -> list[UnitOut]:
    """The levels of the federation the caller reads (from the replica, where there is one)."""
    with replica_reading():
        found = access.units_readable(api_user(request)).select_related("parent")
        return [
            UnitOut(
                code=u.code, name=u.name, level=u.level, parent=u.parent.code if u.parent else None
            )
            for u in found.order_by("level", "code")
        ]


@router.get("/units/{code}", response={200: LevelOut, **READ_ERRORS}, summary="A level's figures")
def unit(request: HttpRequest, code: UnitCode) -> LevelOut:
    """A level's figures, per commune below it and per level just below (read from the
    replica, where there is one)."""
    with replica_reading():
        found = access.unit_for(api_user(request), code)
        services.tallies_refresh_stale(found)
        figures = level_figures(found)
    return LevelOut(
        code=figures.code,
        name=figures.name,
        level=figures.level,
        households=figures.households,
        people=figures.people,
        coverage_percent=figures.coverage,
        coverage_days=figures.coverage_days,
        incidents_open=figures.incidents_open,
        statements_approved=figures.statements_approved,
        decisions_done=figures.decisions_done,
        age_bands=[
            FederationAgeBandOut(label=b.label, female=b.female, male=b.male, unknown=b.unknown)
            for b in figures.age_bands
        ],
        incidents_by_kind=[KindOut(kind=k.label, count=k.count) for k in figures.incidents_by_kind],
        parts=[
            PartOut(
                code=p.code,
                name=p.name,
                level=p.level,
                communes=p.communes,
                households=p.households,
                people=p.people,
                coverage_percent=p.coverage,
                incidents_open=p.incidents_open,
                statements_approved=p.statements_approved,
                decisions_done=p.decisions_done,
            )
            for p in figures.parts
        ],
        communes=[
            FederationCommuneOut(
                code=c.code,
                name=c.name,
                city=c.city_code,
                households=c.households,
                people=c.people,
                reached=c.reached,
                coverage_percent=c.coverage,
                incidents=c.incidents,
                incidents_open=c.incidents_open,
                statements_approved=c.statements_approved,
                last_statement=c.last_statement,
                last_head=c.last_head,
                last_entry_count=c.last_entry_count,
                decisions=c.decisions,
                decisions_done=c.decisions_done,
            )
            for c in figures.communes
        ],
    )
