"""Exchange and clearing over JSON (and CSV): obligations in, clearing results out.

- ``POST /clear``: clear a list of obligations sent in the body and answer what each one
  cleared; it reads and writes nothing (so a federation server or another program can use
  the engine), and any authenticated caller may use it.
- ``GET /obligations`` and ``POST /obligations``: the obligations within the caller's reach,
  and recording one (the administrator or treasurer of the debtor's commune), posted in both
  parties' books.
- ``GET /runs``, ``GET /runs/{id}`` and ``GET /runs/{id}/result.csv``: the clearing runs
  within reach, each with what it cleared of each obligation, as JSON and as ``id,cleared``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema, Status
from pydantic import Field

from comuna.api.auth import api_actor, api_user
from comuna.api.errors import READ_ERRORS, WRITE_ERRORS
from comuna.api.inputs import MAX_ID, Input
from comuna.clearing import access, selectors, services
from comuna.clearing.models import ClearingRun, Obligation, UnitOfAccount
from comuna.core.refusals import Refusal
from comuna.engines import clearing as engine

router = Router(tags=["clearing"])
MAX_OBLIGATIONS = 100_000
RunId = PathEx[int, P(ge=1, le=MAX_ID)]


class ObligationIn(Input):
    id: str = Field(min_length=1, max_length=64)
    debtor: str = Field(min_length=1, max_length=100)
    creditor: str = Field(min_length=1, max_length=100)
    amount: int = Field(ge=1, le=10**15, description="In minor units of the unit of account.")


class ClearIn(Input):
    obligations: list[ObligationIn] = Field(max_length=MAX_OBLIGATIONS)


class ClearedOut(Schema):
    id: str
    cleared: int


class PositionOut(Schema):
    party: str
    payable_before: int
    receivable_before: int
    payable_after: int
    receivable_after: int
    net: int = Field(description="Receivable less payable: the same before and after.")


class ClearOut(Schema):
    total_debt: int
    total_cleared: int
    remaining: int
    cleared: list[ClearedOut] = Field(description="Every obligation, in the order sent.")
    positions: list[PositionOut]


@router.post("/clear", response={200: ClearOut, **WRITE_ERRORS}, summary="Clear obligations")
def clear(request: HttpRequest, payload: ClearIn) -> ClearOut:
    """The most debt that can be cancelled among the obligations sent without changing any
    party's net position (a min-cost flow); nothing is read or saved."""
    api_user(request)
    items = [engine.Obligation(o.id, o.debtor, o.creditor, o.amount) for o in payload.obligations]
    try:
        result = engine.clear(items)
    except engine.InvalidObligationError as error:
        index = next(k for k, o in enumerate(items) if o.id == error.obligation_id)
        raise Refusal(
            _problem(error.problem, error.obligation_id),
            field=f"obligations.{index}",
            code=f"obligation_{error.problem}",
        ) from None
    return ClearOut(
        total_debt=result.total_debt,
        total_cleared=result.total_cleared,
        remaining=result.remaining,
        cleared=[ClearedOut(id=o.id, cleared=result.cleared[o.id]) for o in items],
        positions=[
            PositionOut(
                party=p.party,
                payable_before=p.payable_before,
                receivable_before=p.receivable_before,
                payable_after=p.payable_after,
                receivable_after=p.receivable_after,
                net=p.net_after,
            )
            for p in result.positions
        ],
    )


def _problem(problem: str, identifier: str) -> str:
    texts = {
        "self": _("Obligation %(id)s: a party cannot owe itself."),
        "duplicate": _("Obligation %(id)s: the id appears more than once."),
        "total": _("Obligation %(id)s: together the obligations owe more than can be counted."),
    }
    return texts.get(problem, _("Obligation %(id)s is not valid.")) % {"id": identifier}


class ObligationOut(Schema):
    id: int
    uuid: str
    debtor: str
    debtor_commune: str
    creditor: str
    creditor_commune: str
    unit: str
    amount: int = Field(description="In minor units (hundredths) of the unit of account.")
    cleared: int
    open: int
    arose_on: dt.date
    due_on: dt.date
    what: str
    agreement_id: int | None


def _obligation_out(o: Obligation) -> ObligationOut:
    return ObligationOut(
        id=o.pk,
        uuid=str(o.uuid),
        debtor=o.debtor.name,
        debtor_commune=o.debtor.commune.code,
        creditor=o.creditor.name,
        creditor_commune=o.creditor.commune.code,
        unit=o.unit.code,
        amount=o.amount,
        cleared=o.cleared,
        open=o.open_amount,
        arose_on=o.arose_on,
        due_on=o.due_on,
        what=o.what,
        agreement_id=o.agreement_id,
    )


@router.get(
    "/obligations", response={200: list[ObligationOut], **READ_ERRORS}, summary="Obligations"
)
def obligations(request: HttpRequest, open_only: bool = False) -> list[ObligationOut]:
    """The obligations of the caller's commune's parties (all, for the federation)."""
    found = selectors.obligations_list(access.obligations_readable(api_actor(request)))
    if open_only:
        found = found.filter(cleared__lt=F("amount"))
    return [_obligation_out(o) for o in found[:5000]]


class ObligationRecordIn(Input):
    debtor: str = Field(
        max_length=24,
        description="c:ID a commune, e:ID one of its enterprises, k:ID one of its councils.",
    )
    creditor: str = Field(max_length=24, description="As debtor.")
    unit: str = Field(max_length=12, description="The code of a unit of account.")
    amount: int = Field(ge=1, le=10**15, description="In minor units (hundredths).")
    arose_on: dt.date
    due_on: dt.date
    what: str = Field(max_length=300)


@router.post("/obligations", response={201: ObligationOut, **WRITE_ERRORS})
def obligation_record(request: HttpRequest, payload: ObligationRecordIn) -> Status[Any]:
    """Record an obligation whose debtor is of the caller's commune, in both parties' books."""
    actor = api_actor(request)
    access.obligations_record_require(actor)
    debtor = services.party_of_key(payload.debtor)
    if not access.is_federation(actor) and (
        actor.commune is None or debtor.commune_id != actor.commune.pk
    ):
        raise Refusal(_("The debtor must be of your commune."), field="debtor")
    unit = UnitOfAccount.objects.filter(code=payload.unit.strip().upper()).first()
    obligation = services.obligation_record(
        debtor=debtor,
        creditor=services.party_of_key(payload.creditor),
        amount=payload.amount,
        unit=unit,
        arose_on=payload.arose_on,
        due_on=payload.due_on,
        what=payload.what,
        by=api_user(request),
    )
    found = selectors.obligations_list(Obligation.objects.filter(pk=obligation.pk)).get()
    return Status(201, _obligation_out(found))


class RunOut(Schema):
    id: int
    uuid: str
    unit: str
    run_on: dt.date
    obligations: int
    total_debt: int
    total_cleared: int
    remaining: int


class RunLineOut(Schema):
    obligation_id: int
    debtor: str
    creditor: str
    open_before: int
    cleared: int
    open_after: int


class RunDetailOut(RunOut):
    lines: list[RunLineOut] = Field(description="The obligations within the caller's reach.")
    positions: list[PositionOut] = Field(description="The parties within the caller's reach.")


def _run_out(run: ClearingRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "uuid": str(run.uuid),
        "unit": run.unit.code,
        "run_on": run.run_on,
        "obligations": run.obligations,
        "total_debt": run.total_debt,
        "total_cleared": run.total_cleared,
        "remaining": run.remaining,
    }


@router.get("/runs", response={200: list[RunOut], **READ_ERRORS}, summary="Clearing runs")
def runs(request: HttpRequest) -> list[RunOut]:
    found = access.runs_readable(api_actor(request)).select_related("unit")[:500]
    return [RunOut(**_run_out(r)) for r in found]


@router.get("/runs/{run_id}", response={200: RunDetailOut, **READ_ERRORS}, summary="A run")
def run(request: HttpRequest, run_id: RunId) -> RunDetailOut:
    """What the run cleared of each obligation, and each party before and after."""
    actor = api_actor(request)
    found = access.run_for(actor, run_id)
    lines = selectors.run_lines(found, access.obligations_readable(actor))
    positions = selectors.positions_of(access.positions_readable(actor, found))
    return RunDetailOut(
        **_run_out(found),
        lines=[
            RunLineOut(
                obligation_id=line.obligation_id,
                debtor=line.obligation.debtor.name,
                creditor=line.obligation.creditor.name,
                open_before=line.open_before,
                cleared=line.cleared,
                open_after=line.open_after,
            )
            for line in lines
        ],
        positions=[
            PositionOut(
                party=p.party.name,
                payable_before=p.payable_before,
                receivable_before=p.receivable_before,
                payable_after=p.payable_after,
                receivable_after=p.receivable_after,
                net=p.net,
            )
            for p in positions
        ],
    )


@router.get(
    "/runs/{run_id}/result.csv",
    response={200: str, **READ_ERRORS},
    summary="A run as CSV",
    openapi_extra={
        "responses": {
            200: {
                "description": "id,cleared for every obligation within reach",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def run_csv(request: HttpRequest, run_id: RunId) -> HttpResponse:
    """``id,cleared``: the obligation's id and what the run cleared of it, in minor units."""
    actor = api_actor(request)
    found = access.run_for(actor, run_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "cleared"])
    for line in selectors.run_lines(found, access.obligations_readable(actor)):
        writer.writerow([line.obligation_id, line.cleared])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="compensacion-{found.pk}.csv"'
    return response
