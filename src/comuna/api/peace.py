"""Peace over JSON: counts only. Rounds per month, reports by category and sector, and
mediation cases by kind and outcome; never a name, a report's text or a case's party.

Anyone authenticated in the commune reads these figures, the same as the public page shows.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from comuna.api.auth import api_commune
from comuna.api.errors import READ_ERRORS
from comuna.peace import selectors
from comuna.peace.models import CaseStatus

router = Router(tags=["peace"])


class PeaceTallyOut(Schema):
    label: str = Field(description="A month (YYYY-MM), a category or a council · sector.")
    count: int


class PeaceCaseKindOut(Schema):
    kind: str
    label: str
    total: int
    by_status: dict[str, int] = Field(description="Cases of this kind by status.")


class PeaceFiguresOut(Schema):
    rounds_total: int
    reports_total: int
    cases_total: int
    rounds_by_month: list[PeaceTallyOut] = Field(description="The last twelve months.")
    reports_by_category: list[PeaceTallyOut]
    reports_by_sector: list[PeaceTallyOut]
    cases_by_kind: list[PeaceCaseKindOut]


@router.get("/figures", response={200: PeaceFiguresOut, **READ_ERRORS})
def figures(request: HttpRequest) -> PeaceFiguresOut:
    """The commune's peace in counts: what its public page shows."""
    found = selectors.peace_figures(api_commune(request), today=timezone.localdate())
    return PeaceFiguresOut(
        rounds_total=found.rounds_total,
        reports_total=found.reports_total,
        cases_total=found.cases_total,
        rounds_by_month=[
            PeaceTallyOut(label=t.label, count=t.count) for t in found.rounds_by_month
        ],
        reports_by_category=[
            PeaceTallyOut(label=t.label, count=t.count) for t in found.reports_by_category
        ],
        reports_by_sector=[
            PeaceTallyOut(label=t.label, count=t.count) for t in found.reports_by_sector
        ],
        cases_by_kind=[
            PeaceCaseKindOut(
                kind=row.kind,
                label=row.label,
                total=row.total,
                by_status=dict(zip(CaseStatus.values, row.by_status, strict=True)),
            )
            for row in found.cases_by_kind
        ],
    )
