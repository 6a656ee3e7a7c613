"""Incidents over JSON: report one, read its status and timeline, record a work log.

The same access as the pages: a resident reads what they reported, a spokesperson their
council's, a brigade member their brigade's; who reported travels only to the administrator,
the council's spokesperson and the comptroller. Quantities of material are integers of the
unit's thousandths (grams, millilitres), as the books keep them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema, Status
from pydantic import Field

from comuna.api.auth import api_actor, api_commune, api_user
from comuna.api.errors import READ_ERRORS, WRITE_ERRORS, ErrorOut
from comuna.api.inputs import MAX_ID, Input, length_of
from comuna.census.models import Council, Household, Sector
from comuna.core.refusals import Refusal
from comuna.incidents import access, selectors, services
from comuna.incidents.models import Incident, IncidentKind, RepairMaterial, WorkLog

router = Router(tags=["incidents"])

IncidentId = PathEx[int, P(ge=1, le=MAX_ID)]


class IncidentReportIn(Input):
    kind: str = Field(max_length=40, description="The kind's code: water, electricity, gas…")
    council: str = Field(max_length=20, description="The council's code.")
    sector: int | None = Field(None, ge=1, le=MAX_ID, description="A sector of the council.")
    household: int | None = Field(
        None, ge=1, le=MAX_ID, description="The household it is reported for (a spokesperson's)."
    )
    address: str = Field(min_length=1, max_length=length_of(Incident, "address"))
    description: str = Field(min_length=1, max_length=4000)
    since: dt.date
    households_affected: int | None = Field(
        None, ge=0, le=100_000, description="The sector's households in the census if absent."
    )
    latitude: float | None = Field(None, ge=-90, le=90, description="Kept to 6 decimals.")
    longitude: float | None = Field(None, ge=-180, le=180, description="Kept to 6 decimals.")


class IncidentEventOut(Schema):
    at: dt.datetime
    status: str
    priority: str
    brigade: str | None
    note: str


class IncidentOut(Schema):
    id: int
    reference: str
    kind: str
    council: str
    sector: str | None
    status: str
    priority: str
    brigade: str | None
    households_affected: int
    since: dt.date
    reported_at: dt.datetime
    assigned_at: dt.datetime | None
    resolved_at: dt.datetime | None
    reported_by: str | None = Field(
        description="Only to the administrator, the council's spokesperson and the comptroller."
    )
    timeline: list[IncidentEventOut]


class WorkLogIn(Input):
    date: dt.date | None = Field(None, description="The day of the work; today if absent.")
    minutes: int = Field(ge=6, le=1440, description="Time worked; kept as hours to a tenth.")
    people: int = Field(ge=1, le=500)
    done: str = Field(min_length=1, max_length=length_of(WorkLog, "done") or 2000)
    material: str = Field("", max_length=100, description="A repair material's name.")
    quantity: int = Field(0, ge=0, le=10**12, description="Thousandths of its unit.")


class WorkLogOut(Schema):
    id: int
    incident: str
    date: dt.date
    hours: Decimal
    people: int
    entry_sequence: int | None


def _out(request: HttpRequest, incident: Incident) -> IncidentOut:
    actor = api_actor(request)
    by = incident.reported_by
    return IncidentOut(
        id=incident.pk,
        reference=incident.reference,
        kind=incident.kind.code,
        council=incident.council.code,
        sector=incident.sector.name if incident.sector else None,
        status=incident.status,
        priority=incident.priority,
        brigade=incident.brigade.name if incident.brigade else None,
        households_affected=incident.households_affected,
        since=incident.since,
        reported_at=incident.reported_at,
        assigned_at=incident.assigned_at,
        resolved_at=incident.resolved_at,
        reported_by=by.get_username()
        if by and access.reporter_is_visible(actor, incident)
        else None,
        timeline=[
            IncidentEventOut(
                at=e.at,
                status=e.status,
                priority=e.priority,
                brigade=e.brigade.name if e.brigade else None,
                note=e.note,
            )
            for e in selectors.timeline(incident)
        ],
    )


def _degrees(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 6)))


def _refuse(field: str) -> Refusal:
    messages = {
        "kind": _("There is no kind of incident with that code."),
        "council": _("There is no council with that code in your reach."),
        "sector": _("There is no such sector."),
        "household": _("There is no such household."),
        "material": _("There is no repair material with that name."),
    }
    return Refusal(messages[field], field=field, code=field)


@router.post("/", response={201: IncidentOut, **WRITE_ERRORS})
def incident_report(request: HttpRequest, payload: IncidentReportIn) -> Status[Any]:
    """Report an incident: a resident for their household, a spokesperson for their council."""
    user = api_user(request)
    actor = api_actor(request)
    access.incident_report_require(actor)
    commune = api_commune(request)
    kind = IncidentKind.objects.of(commune).filter(code=payload.kind).first()
    council = Council.objects.of(commune).filter(code=payload.council).first()
    if kind is None:
        raise _refuse("kind")
    if council is None or not (
        actor.is_admin
        or council.pk in actor.council_ids
        or (
            actor.is_resident
            and Household.objects.of(commune)
            .filter(pk__in=actor.household_ids, council=council)
            .exists()
        )
    ):
        raise _refuse("council")
    sector = household = None
    if payload.sector is not None:
        sector = Sector.objects.of(commune).filter(pk=payload.sector).first() or None
        if sector is None:
            raise _refuse("sector")
    own = None
    if actor.is_resident and not (actor.is_admin or actor.is_spokesperson):
        own = Household.objects.of(commune).filter(pk__in=actor.household_ids).first()
    if payload.household is not None and own is None:
        household = Household.objects.of(commune).filter(pk=payload.household).first()
        if household is None:
            raise _refuse("household")
    incident = services.incident_report(
        commune=commune,
        kind=kind,
        council=council,
        sector=sector,
        household=own or household,
        address=payload.address,
        description=payload.description,
        since=payload.since,
        households_affected=payload.households_affected,
        latitude=_degrees(payload.latitude),
        longitude=_degrees(payload.longitude),
        by=user,
    )
    return Status(201, _out(request, access.incident_for_user(actor, incident.pk)))


@router.get("/{incident_id}", response={200: IncidentOut, **READ_ERRORS})
def incident_read(request: HttpRequest, incident_id: IncidentId) -> IncidentOut:
    """An incident's status and timeline."""
    return _out(request, access.incident_for_user(api_actor(request), incident_id))


@router.post("/{incident_id}/worklogs", response={201: WorkLogOut, 409: ErrorOut, **WRITE_ERRORS})
def worklog_create(
    request: HttpRequest, incident_id: IncidentId, payload: WorkLogIn
) -> Status[Any]:
    """Record a day's work of the brigade assigned (or the administrator)."""
    user = api_user(request)
    actor = api_actor(request)
    incident = access.incident_for_user(actor, incident_id)
    access.incident_work_require(actor, incident)
    material = None
    if payload.material:
        material = (
            RepairMaterial.objects.of(incident.commune_id).filter(name=payload.material).first()
        )
        if material is None:
            raise _refuse("material")
    log = services.worklog_record(
        incident=incident,
        date=payload.date or timezone.localdate(),
        hours=(Decimal(payload.minutes) / 60).quantize(Decimal("0.1")),
        people=payload.people,
        done=payload.done,
        material=material,
        quantity=payload.quantity,
        by=user,
    )
    return Status(
        201,
        WorkLogOut(
            id=log.pk,
            incident=incident.reference,
            date=log.date,
            hours=log.hours,
            people=log.people,
            entry_sequence=log.entry.sequence if log.entry else None,
        ),
    )
