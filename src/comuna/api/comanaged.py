"""Co-managed enterprises over JSON: the registry the caller reaches (hosted by their commune
or serving it), an enterprise's periods' results, and a served commune's report.

The same access as the pages (``comuna.comanaged.access``): the host's readers see every
commune's share; a served commune's readers see their own commune's report only; anyone else
gets 404. Amounts are cents of VES; shares are basis points (2500 is 25%).
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from comuna.api.auth import api_actor
from comuna.api.errors import READ_ERRORS, ErrorOut
from comuna.comanaged import selectors
from comuna.comanaged.access import comanaged_for_user, comanaged_reachable, report_for_user

router = Router(tags=["comanaged"])
ERRORS = {**READ_ERRORS, 403: ErrorOut}


class ServedOut(Schema):
    commune: str = Field(description="The served commune's code.")
    name: str
    basis_points: int = Field(description="Its share of the surplus (2500 is 25%).")


class ComanagedOut(Schema):
    id: int
    name: str
    activity: str
    host: str = Field(description="The code of the commune that keeps its books.")
    hosted_here: bool
    fund_basis_points: int
    served: list[ServedOut]


class ResultOut(Schema):
    id: int
    kind: str
    start: dt.date
    end: dt.date
    income: int
    wages: int
    maintenance: int
    materials: int
    fund: int
    surplus: int
    kept: int
    shared: bool


class ReportRowOut(Schema):
    start: dt.date
    end: dt.date
    surplus: int
    basis_points: int
    amount: int = Field(description="Cents received, posted to the commune's own books.")
    entry: int | None = Field(description="The entry's sequence in the commune's books.")


class ReportOut(Schema):
    enterprise: str
    commune: str
    total: int
    periods: list[ReportRowOut]


@router.get("/", response={200: list[ComanagedOut], **ERRORS}, summary="Co-managed enterprises")
def registry(request: HttpRequest) -> list[ComanagedOut]:
    """The co-managed enterprises the caller reads, with the communes each serves."""
    return [
        ComanagedOut(
            id=reach.comanaged.pk,
            name=reach.comanaged.name,
            activity=reach.comanaged.activity,
            host=reach.comanaged.commune.code,
            hosted_here=reach.host,
            fund_basis_points=reach.comanaged.fund_basis_points,
            served=[
                ServedOut(commune=s.served.code, name=s.served.name, basis_points=s.basis_points)
                for s in selectors.served_of(reach.comanaged)
            ],
        )
        for reach in comanaged_reachable(api_actor(request))
    ]


@router.get("/{pk}/results", response={200: list[ResultOut], **ERRORS}, summary="Results")
def results(request: HttpRequest, pk: int) -> list[ResultOut]:
    """An enterprise's periods, newest first; the fund, surplus and kept are set once shared."""
    reach = comanaged_for_user(api_actor(request), pk)
    return [
        ResultOut(
            id=r.pk,
            kind=r.kind,
            start=r.start,
            end=r.end,
            income=r.income,
            wages=r.wages,
            maintenance=r.maintenance,
            materials=r.materials,
            fund=r.fund,
            surplus=r.surplus,
            kept=r.kept,
            shared=r.applied,
        )
        for r in selectors.results_of(reach.comanaged)
    ]


@router.get(
    "/{pk}/report/{commune_id}", response={200: ReportOut, **ERRORS}, summary="A commune's report"
)
def report(request: HttpRequest, pk: int, commune_id: int) -> ReportOut:
    """What one served commune received, period by period."""
    reach, served = report_for_user(api_actor(request), pk, commune_id)
    rows = list(selectors.report_of(reach.comanaged, served))
    return ReportOut(
        enterprise=reach.comanaged.name,
        commune=served.code,
        total=sum(r.amount for r in rows),
        periods=[
            ReportRowOut(
                start=r.result.start,
                end=r.result.end,
                surplus=r.result.surplus,
                basis_points=r.basis_points,
                amount=r.amount,
                entry=r.served_entry,
            )
            for r in rows
        ],
    )
