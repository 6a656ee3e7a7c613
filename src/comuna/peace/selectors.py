"""The reads of peace and mediation: the counts everyone may see, and the lists behind pages.

Every count here is an aggregate: no name, no text of a report, no party of a case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from comuna.core.models import Commune
from comuna.peace.models import (
    CaseKind,
    CaseStatus,
    MediationCase,
    ReportCategory,
    Round,
    RoundReport,
)


@dataclass(frozen=True)
class Tally:
    label: str
    count: int


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    total: int
    by_status: list[int]  # in the order of ``CaseStatus``


@dataclass(frozen=True)
class PeaceFigures:
    rounds_by_month: list[Tally]
    reports_by_category: list[Tally]
    reports_by_sector: list[Tally]
    cases_by_kind: list[KindRow]
    statuses: list[str]
    rounds_total: int
    reports_total: int
    cases_total: int


def rounds_by_month(commune: Commune, *, since: dt.date) -> list[Tally]:
    rows = (
        Round.objects.of(commune)
        .filter(date__gte=since)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return [Tally(f"{row['month']:%Y-%m}", row["n"]) for row in rows]


def reports_by_category(commune: Commune) -> list[Tally]:
    counts = dict(
        RoundReport.objects.of(commune)
        .values("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    return [Tally(str(label), counts.get(value, 0)) for value, label in ReportCategory.choices]


def reports_by_sector(commune: Commune) -> list[Tally]:
    rows = (
        RoundReport.objects.of(commune)
        .filter(sector__isnull=False)
        .values("sector__council__name", "sector__name")
        .annotate(n=Count("pk"))
        .order_by("sector__council__name", "sector__name")
    )
    return [
        Tally(f"{row['sector__council__name']} · {row['sector__name']}", row["n"]) for row in rows
    ]


def cases_by_kind(commune: Commune) -> list[KindRow]:
    counts: dict[tuple[str, str], int] = {
        (kind, status): n
        for kind, status, n in MediationCase.objects.of(commune)
        .values("kind", "status")
        .annotate(n=Count("pk"))
        .values_list("kind", "status", "n")
    }
    rows = []
    for kind, label in CaseKind.choices:
        by_status = [counts.get((kind, status), 0) for status in CaseStatus.values]
        rows.append(KindRow(kind, str(label), sum(by_status), by_status))
    return rows


def peace_figures(commune: Commune, *, today: dt.date) -> PeaceFigures:
    """What anyone may know of peace in the commune: counts only."""
    since = (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    kinds = cases_by_kind(commune)
    by_category = reports_by_category(commune)
    months = rounds_by_month(commune, since=since)
    return PeaceFigures(
        rounds_by_month=months,
        reports_by_category=by_category,
        reports_by_sector=reports_by_sector(commune),
        cases_by_kind=kinds,
        statuses=[str(label) for _value, label in CaseStatus.choices],
        rounds_total=Round.objects.of(commune).count(),
        reports_total=sum(t.count for t in by_category),
        cases_total=sum(k.total for k in kinds),
    )


def rounds_list(rounds: QuerySet[Round]) -> QuerySet[Round]:
    """Rounds with what their page shows, in one query each for the reports and members."""
    return rounds.select_related("brigade", "sector", "sector__council").prefetch_related(
        "reports", "reports__sector", "members__person"
    )
