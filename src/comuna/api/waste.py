"""Waste collection over JSON: the fleet, the sites, the collection points and the day's plan.

Reading needs a role that reads waste collection (the enterprise's manager and workers, the
administrator, the comptroller, the treasurer); writing, the manager or the administrator.
``POST /enterprises/{id}/plans`` makes the day's plan (seconds) and answers it as
``comuna waste plan DATE --json`` prints it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema, Status
from pydantic import Field

from comuna.api.auth import api_actor, api_user
from comuna.api.errors import READ_ERRORS, WRITE_ERRORS
from comuna.api.inputs import MAX_ID, Input, length_of
from comuna.census.models import Council
from comuna.core.forms import column_max
from comuna.waste import services
from comuna.waste.access import enterprise_for_user, waste_is_readable
from comuna.waste.models import CollectionPoint, PointKind, Site, SiteKind, Vehicle

router = Router(tags=["waste"])
HOUR = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


def _hour(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


class WasteVehicleOut(Schema):
    id: int
    enterprise_id: int
    plate: str
    name: str
    capacity_kg: int
    litres_per_100km: float
    active: bool


class WasteVehicleIn(Input):
    plate: str = Field(min_length=1, max_length=length_of(Vehicle, "plate"))
    name: str = Field("", max_length=length_of(Vehicle, "name"))
    capacity_kg: int = Field(ge=1, le=column_max(Vehicle, "capacity_kg"))
    litres_per_100km: float = Field(gt=0, le=1000, description="Diesel burnt per 100 km.")
    active: bool = True


class WasteSiteOut(Schema):
    id: int
    enterprise_id: int
    name: str
    kind: str
    latitude: float
    longitude: float
    opens: str | None = Field(description="Opens at, HH:MM.")
    closes: str | None = Field(description="Closes at, HH:MM.")


class WasteSiteIn(Input):
    name: str = Field(min_length=1, max_length=length_of(Site, "name"))
    kind: SiteKind
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    opens: str | None = Field(None, pattern=HOUR, description="Opens at, HH:MM (24 hours).")
    closes: str | None = Field(None, pattern=HOUR, description="Closes at, HH:MM (24 hours).")


class WastePointOut(Schema):
    id: int
    enterprise_id: int
    code: str
    name: str
    council: str
    kind: str
    latitude: float
    longitude: float
    fill_kg_per_day: int
    required: bool
    active: bool
    last_served: dt.date | None


class WastePointIn(Input):
    code: str = Field(min_length=1, max_length=length_of(CollectionPoint, "code"))
    name: str = Field(min_length=1, max_length=length_of(CollectionPoint, "name"))
    council: str = Field(min_length=1, max_length=length_of(Council, "code"))
    kind: PointKind
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    fill_kg_per_day: int = Field(ge=0, le=column_max(CollectionPoint, "fill_kg_per_day"))
    required: bool = False


class WasteRouteOut(Schema):
    vehicle: str
    stops: list[str] = Field(description="Point codes in the order they are served.")
    kg: int
    km: float
    litres: float
    trips: int


class WastePlanOut(Schema):
    date: dt.date
    enterprise: str
    seed: int
    allowance_litres: float
    litres: float
    prize: int
    kg: int
    points_served: list[str]
    points_left: list[str]
    litres_to_serve_all: float
    required_shortfall_litres: float
    replaces: int | None
    routes: list[WasteRouteOut]


class WastePlanIn(Input):
    date: dt.date
    seed: int = Field(1, ge=0, le=1_000_000)


def _vehicle_out(v: Vehicle) -> WasteVehicleOut:
    return WasteVehicleOut(
        id=v.pk,
        enterprise_id=v.enterprise_id,
        plate=v.plate,
        name=v.name,
        capacity_kg=v.capacity_kg,
        litres_per_100km=v.litres_per_100km,
        active=v.active,
    )


def _site_out(s: Site) -> WasteSiteOut:
    return WasteSiteOut(
        id=s.pk,
        enterprise_id=s.enterprise_id,
        name=s.name,
        kind=s.kind,
        latitude=s.latitude,
        longitude=s.longitude,
        opens=s.opens.strftime("%H:%M") if s.opens else None,
        closes=s.closes.strftime("%H:%M") if s.closes else None,
    )


def _point_out(p: CollectionPoint) -> WastePointOut:
    return WastePointOut(
        id=p.pk,
        enterprise_id=p.enterprise_id,
        code=p.code,
        name=p.name,
        council=p.council.code,
        kind=p.kind,
        latitude=p.latitude,
        longitude=p.longitude,
        fill_kg_per_day=p.fill_kg_per_day,
        required=p.required,
        active=p.active,
        last_served=p.last_served,
    )


def _readable(request: HttpRequest) -> Any:
    actor = api_actor(request)
    if actor.commune is None or not waste_is_readable(actor):
        return None
    return actor.commune


@router.get("/vehicles", response={200: list[WasteVehicleOut], **READ_ERRORS})
def vehicles(request: HttpRequest) -> list[WasteVehicleOut]:
    """Every vehicle of the commune's waste-collection enterprises."""
    commune = _readable(request)
    if commune is None:
        return []
    return [_vehicle_out(v) for v in Vehicle.objects.of(commune).order_by("plate")]


@router.post(
    "/enterprises/{enterprise_id}/vehicles", response={201: WasteVehicleOut, **WRITE_ERRORS}
)
def vehicle_create(
    request: HttpRequest,
    enterprise_id: PathEx[int, P(ge=1, le=MAX_ID)],
    payload: WasteVehicleIn,
) -> Status[Any]:
    """Add a truck to the fleet."""
    enterprise = enterprise_for_user(api_actor(request), enterprise_id, manage=True)
    vehicle = services.vehicle_save(
        enterprise=enterprise,
        plate=payload.plate,
        name=payload.name,
        capacity_kg=payload.capacity_kg,
        litres_per_100km_centi=round(payload.litres_per_100km * 100),
        active=payload.active,
    )
    return Status(201, _vehicle_out(vehicle))


@router.get("/sites", response={200: list[WasteSiteOut], **READ_ERRORS})
def sites(request: HttpRequest) -> list[WasteSiteOut]:
    """The depots, landfills and recycling yards."""
    commune = _readable(request)
    if commune is None:
        return []
    return [_site_out(s) for s in Site.objects.of(commune).order_by("kind", "name")]


@router.post("/enterprises/{enterprise_id}/sites", response={201: WasteSiteOut, **WRITE_ERRORS})
def site_create(
    request: HttpRequest,
    enterprise_id: PathEx[int, P(ge=1, le=MAX_ID)],
    payload: WasteSiteIn,
) -> Status[Any]:
    """Add the depot, a landfill or a recycling yard."""
    enterprise = enterprise_for_user(api_actor(request), enterprise_id, manage=True)
    site = services.site_save(
        enterprise=enterprise,
        name=payload.name,
        kind=payload.kind,
        latitude=payload.latitude,
        longitude=payload.longitude,
        opens=_hour(payload.opens),
        closes=_hour(payload.closes),
    )
    return Status(201, _site_out(site))


@router.get("/points", response={200: list[WastePointOut], **READ_ERRORS})
def points(request: HttpRequest) -> list[WastePointOut]:
    """Every collection point, by code."""
    commune = _readable(request)
    if commune is None:
        return []
    found = CollectionPoint.objects.of(commune).select_related("council").order_by("code")
    return [_point_out(p) for p in found]


@router.post("/enterprises/{enterprise_id}/points", response={201: WastePointOut, **WRITE_ERRORS})
def point_create(
    request: HttpRequest,
    enterprise_id: PathEx[int, P(ge=1, le=MAX_ID)],
    payload: WastePointIn,
) -> Status[Any]:
    """Add a collection point (its council by code)."""
    enterprise = enterprise_for_user(api_actor(request), enterprise_id, manage=True)
    council = Council.objects.of(enterprise.commune_id).filter(code=payload.council.upper()).first()
    if council is None:
        raise Http404(_("No council has that code."))
    data = payload.model_dump(exclude={"council"})
    point = services.point_save(enterprise=enterprise, council=council, **data)
    return Status(201, _point_out(point))


@router.get(
    "/enterprises/{enterprise_id}/plans/{date}", response={200: WastePlanOut, **READ_ERRORS}
)
def plan_read(
    request: HttpRequest,
    enterprise_id: PathEx[int, P(ge=1, le=MAX_ID)],
    date: dt.date,
) -> dict[str, Any]:
    """The day's current plan."""
    enterprise = enterprise_for_user(api_actor(request), enterprise_id)
    plan = services.day_plan_current(enterprise, date)
    if plan is None:
        raise Http404(_("No plan for that day."))
    return services.plan_json(plan)


@router.post("/enterprises/{enterprise_id}/plans", response={201: WastePlanOut, **WRITE_ERRORS})
def plan_make(
    request: HttpRequest,
    enterprise_id: PathEx[int, P(ge=1, le=MAX_ID)],
    payload: WastePlanIn,
) -> Status[Any]:
    """Make the day's plan (replacing the day's current one)."""
    user = api_user(request)
    enterprise = enterprise_for_user(api_actor(request), enterprise_id, manage=True)
    plan = services.day_plan_make(
        enterprise=enterprise, date=payload.date, seed=payload.seed, by=user
    )
    return Status(201, services.plan_json(plan))
