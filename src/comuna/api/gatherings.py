"""The calendar of actions and the adopted declarations, public to every program.

- ``GET /actions``: the actions of a month (``month=2026-12``; this month without it), each
  with the organisations taking part and the participation reported, in total;
- ``GET /actions/{id}``: one action with the participation of each commune;
- ``GET /declarations`` and ``GET /declarations/{id}``: the declarations the gatherings have
  adopted, as adopted (the draft with the carried amendments), with the final vote.

Nothing here names a delegate: their data stays with the gatherings' organisers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import P, PathEx, Query, Router, Schema
from pydantic import Field

from comuna.api.errors import ErrorOut
from comuna.api.inputs import MAX_ID
from comuna.gatherings import selectors
from comuna.gatherings.models import Action, Gathering

router = Router(tags=["gatherings"])
ItemId = PathEx[int, P(ge=1, le=MAX_ID)]


class ActionOut(Schema):
    id: int
    uuid: str
    kind: str
    title: str
    description: str
    starts_on: dt.date
    ends_on: dt.date
    unit: str = Field(description="The code of the level whose communes are called.")
    organisations: list[str]
    communes_reported: int
    people: int
    hours: Decimal


class CommuneParticipationOut(Schema):
    commune: str
    commune_name: str
    people: int
    hours: Decimal


class ActionDetailOut(ActionOut):
    participation: list[CommuneParticipationOut]


class MonthIn(Schema):
    month: str | None = Field(
        None,
        pattern=r"^20[0-9]{2}-(0[1-9]|1[0-2])$",
        description="The month, as 2026-12; this month when not given.",
    )


def _action_out(action: Action) -> dict[str, object]:
    totals = selectors.participation_totals(action)
    return {
        "id": action.pk,
        "uuid": str(action.uuid),
        "kind": action.kind,
        "title": action.title,
        "description": action.description,
        "starts_on": action.starts_on,
        "ends_on": action.ends_on,
        "unit": action.unit.code,
        "organisations": [t.organisation.name for t in action.taking_part.all()],
        "communes_reported": totals.communes,
        "people": totals.people,
        "hours": totals.hours,
    }


@router.get(
    "/actions",
    response={200: list[ActionOut], 400: ErrorOut},
    auth=None,
    summary="Actions of a month",
)
def actions(request: HttpRequest, filters: Query[MonthIn]) -> list[dict[str, object]]:
    if filters.month:
        first = dt.date.fromisoformat(f"{filters.month}-01")
    else:
        first = timezone.localdate().replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return [_action_out(a) for a in selectors.actions_between(first, last)]


@router.get(
    "/actions/{action_id}",
    response={200: ActionDetailOut, 400: ErrorOut, 404: ErrorOut},
    auth=None,
    summary="One action, with each commune's participation",
)
def action(request: HttpRequest, action_id: ItemId) -> dict[str, object]:
    found = selectors.actions_between(dt.date.min, dt.date.max).filter(pk=action_id).first()
    if found is None:
        raise Http404(_("There is no such action."))
    return {
        **_action_out(found),
        "participation": [
            {
                "commune": r.commune.code,
                "commune_name": r.commune.name,
                "people": r.people,
                "hours": r.hours,
            }
            for r in selectors.participation_by_commune(found)
        ],
    }


class ParagraphOut(Schema):
    number: int
    text: str
    amended: bool = Field(description="Whether a carried amendment wrote it.")


class DeclarationOut(Schema):
    id: int
    uuid: str
    gathering: str
    place: str
    starts_on: dt.date
    ends_on: dt.date
    unit: str
    registered: int
    present: int
    votes_yes: int
    votes_no: int
    votes_abstaining: int
    amendments_carried: int
    paragraphs: list[ParagraphOut]


def _declaration_out(gathering: Gathering) -> dict[str, object]:
    return {
        "id": gathering.pk,
        "uuid": str(gathering.uuid),
        "gathering": gathering.name,
        "place": gathering.place,
        "starts_on": gathering.starts_on,
        "ends_on": gathering.ends_on,
        "unit": gathering.unit.code,
        "registered": gathering.registered or 0,
        "present": gathering.present or 0,
        "votes_yes": gathering.votes_yes or 0,
        "votes_no": gathering.votes_no or 0,
        "votes_abstaining": gathering.votes_abstaining or 0,
        "amendments_carried": gathering.amendments.filter(status="carried").count(),
        "paragraphs": [
            {"number": p.number, "text": p.text, "amended": p.amendment is not None}
            for p in selectors.declaration_adopted(gathering)
        ],
    }


@router.get(
    "/declarations", response=list[DeclarationOut], auth=None, summary="Adopted declarations"
)
def declarations(request: HttpRequest) -> list[dict[str, object]]:
    return [_declaration_out(g) for g in selectors.gatherings_adopted()[:200]]


@router.get(
    "/declarations/{gathering_id}",
    response={200: DeclarationOut, 400: ErrorOut, 404: ErrorOut},
    auth=None,
    summary="One adopted declaration",
)
def declaration(request: HttpRequest, gathering_id: ItemId) -> dict[str, object]:
    found = selectors.gatherings_adopted().filter(pk=gathering_id).first()
    if found is None:
        raise Http404(_("There is no such adopted declaration."))
    return _declaration_out(found)
