"""Trip logs over JSON: what a crew did on a route, posted to the books with the same rules as
the crew's phone page.

``POST /routes/{route_id}/log`` answers 201 when logged (the diesel out of the stock, the
fees in), 200 with the same log when the same ``token`` is sent again, 409 when the route was
already logged otherwise, 400 when refused (negative figures, a stop not on the route, diesel
the stock does not hold). ``GET /routes/{route_id}/log`` reads it back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema, Status
from pydantic import Field

from comuna.api.auth import api_actor, api_user
from comuna.api.errors import READ_ERRORS, WRITE_ERRORS, ErrorOut
from comuna.api.inputs import MAX_ID, Input, length_of
from comuna.waste.access import route_for_user
from comuna.waste.models import TripLog, TripSource
from comuna.waste.trips import services

router = Router(tags=["waste"])

MAX_METRES = 5_000_000  # 5,000 km: a day's route is far below
MAX_ML = 2_000_000  # 2,000 L
MAX_KG = 100_000


class TripStopKgIn(Input):
    stop_id: int = Field(ge=1, le=MAX_ID, description="A collection-point stop of the route.")
    kg: int = Field(ge=0, le=MAX_KG, description="The kg collected there.")
    served: bool = Field(True, description="False: the crew could not serve it (kg 0).")


class TripLogIn(Input):
    metres: int = Field(ge=0, le=MAX_METRES, description="The distance driven, in metres.")
    litres_ml: int = Field(ge=0, le=MAX_ML, description="The diesel used, in millilitres.")
    weighings: list[TripStopKgIn] = Field(default_factory=list, max_length=500)
    note: str = Field("", max_length=length_of(TripLog, "note"))
    token: str = Field(
        "",
        max_length=64,
        description="Any one-time text: sending the same again returns the first log.",
    )


class TripStopKgOut(Schema):
    stop_id: int
    point: str
    kg: int
    served: bool


class TripLogOut(Schema):
    id: int
    route_id: int
    date: dt.date
    vehicle: str
    metres: int
    litres_ml: int
    kg: int
    fee_cents: int = Field(description="Collection fees posted to the enterprise's cash.")
    source: str
    weighings: list[TripStopKgOut]


def _log_out(log: TripLog) -> TripLogOut:
    weighings = list(log.weighings.select_related("stop__point").order_by("stop__sequence"))
    route = log.route
    return TripLogOut(
        id=log.pk,
        route_id=route.pk,
        date=route.plan.date,
        vehicle=route.vehicle.plate,
        metres=log.metres,
        litres_ml=log.litres_ml,
        kg=sum(w.kg for w in weighings if w.served),
        fee_cents=log.fee_cents,
        source=log.source,
        weighings=[
            TripStopKgOut(
                stop_id=w.stop_id,
                point=w.stop.point.code if w.stop.point else "",
                kg=w.kg,
                served=w.served,
            )
            for w in weighings
        ],
    )


@router.post(
    "/routes/{route_id}/log",
    response={200: TripLogOut, 201: TripLogOut, 409: ErrorOut, **WRITE_ERRORS},
)
def trip_log_create(
    request: HttpRequest, route_id: PathEx[int, P(ge=1, le=MAX_ID)], payload: TripLogIn
) -> Status[Any]:
    """Log what the crew did on a route and post it to the books: once per route."""
    user = api_user(request)
    route = route_for_user(api_actor(request), route_id, log=True)
    existed = TripLog.objects.of(route.commune_id).filter(route=route).exists()
    log = services.trip_log_record(
        route=route,
        metres=payload.metres,
        litres_ml=payload.litres_ml,
        weighings=[services.Weighing(w.stop_id, w.kg, w.served) for w in payload.weighings],
        by=user,
        token=payload.token,
        note=payload.note,
        source=TripSource.API,
    )
    return Status(200 if existed else 201, _log_out(log))


@router.get("/routes/{route_id}/log", response={200: TripLogOut, **READ_ERRORS})
def trip_log_read(request: HttpRequest, route_id: PathEx[int, P(ge=1, le=MAX_ID)]) -> TripLogOut:
    """The trip log of a route (404 while it is not logged)."""
    route = route_for_user(api_actor(request), route_id)
    log = TripLog.objects.of(route.commune_id).filter(route=route).first()
    if log is None:
        raise Http404(_("This route's trip is not logged yet."))
    return _log_out(log)
