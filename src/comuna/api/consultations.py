"""Popular consultations over JSON: the published results, for anybody (aggregates only).

- ``GET /``: the published consultations.
- ``GET /{id}``: one published consultation with its totals per option (and, for a list of
  projects, which are funded), and each commune's votes with the fingerprint of the minutes of
  the assembly that voted them. A consultation not published answers 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import P, PathEx, Router, Schema
from pydantic import Field

from comuna.api.errors import ErrorOut
from comuna.api.inputs import MAX_ID
from comuna.consultations import access, selectors
from comuna.consultations.models import Consultation

router = Router(tags=["consultations"])
ConsultationId = PathEx[int, P(ge=1, le=MAX_ID)]
PUBLIC_ERRORS = {400: ErrorOut, 404: ErrorOut}


class ConsultationOut(Schema):
    id: int
    uuid: str
    title: str
    kind: str = Field(description="question or projects")
    level: str = Field(description="The federation level whose communes held it.")
    opens_on: dt.date
    closes_on: dt.date
    budget: Decimal | None


class OptionOut(Schema):
    uuid: str
    label: str
    cost: Decimal | None
    votes: int
    funded: bool | None = Field(description="For a list of projects: funded by the budget.")


class ConsultationCommuneOut(Schema):
    commune: str
    code: str
    uuid: str
    held_on: dt.date
    electorate: int
    present: int
    blank: int
    votes: list[int] = Field(description="In the order of the options.")
    acta_head: str = Field(description="SHA-256 of the record of the assembly's minutes.")


class ConsultationResultOut(ConsultationOut):
    question: str
    options: list[OptionOut]
    communes: list[ConsultationCommuneOut]
    total: int


def _consultation(c: Consultation) -> dict[str, object]:
    return {
        "id": c.pk,
        "uuid": str(c.uuid),
        "title": c.title,
        "kind": c.kind,
        "level": c.unit.name,
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "budget": c.budget,
    }


@router.get(
    "/",
    response={200: list[ConsultationOut], 400: ErrorOut},
    auth=None,
    summary="Published consultations",
)
def published(request: HttpRequest) -> list[ConsultationOut]:
    return [ConsultationOut(**_consultation(c)) for c in access.consultations_published()[:500]]  # type: ignore[arg-type]


@router.get(
    "/{consultation_id}",
    response={200: ConsultationResultOut, **PUBLIC_ERRORS},
    auth=None,
    summary="A published result",
)
def result(request: HttpRequest, consultation_id: ConsultationId) -> ConsultationResultOut:
    found = selectors.published(access.consultation_published(consultation_id))
    c = found.consultation
    return ConsultationResultOut(
        **_consultation(c),  # type: ignore[arg-type]
        question=c.question,
        total=found.total,
        options=[
            OptionOut(
                uuid=str(o.uuid), label=o.label, cost=o.cost, votes=o.votes or 0, funded=o.funded
            )
            for o in found.options
        ],
        communes=[
            ConsultationCommuneOut(
                commune=line.result.commune_name,
                code=line.result.commune_code,
                uuid=str(line.result.commune_uuid),
                held_on=line.result.held_on,
                electorate=line.result.electorate,
                present=line.result.present,
                blank=line.result.blank,
                votes=line.votes,
                acta_head=line.result.acta_head,
            )
            for line in found.lines
        ],
    )
