"""The reads of the co-managed enterprises: a commune's report, period by period, and the
aggregates of the public page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from comuna.comanaged.models import (
    BoardSeat,
    Comanaged,
    PeriodResult,
    PeriodShare,
    ServedCommune,
    Side,
    TransitionStage,
)
from comuna.core.models import Commune


def results_of(comanaged: Comanaged) -> QuerySet[PeriodResult]:
    return PeriodResult.objects.of(comanaged.commune_id).filter(comanaged=comanaged)


def served_of(comanaged: Comanaged) -> QuerySet[ServedCommune]:
    return (
        ServedCommune.objects.of(comanaged.commune_id)
        .filter(comanaged=comanaged)
        .select_related("served")
    )


def seats_of(comanaged: Comanaged) -> QuerySet[BoardSeat]:
    return (
        BoardSeat.objects.of(comanaged.commune_id)
        .filter(comanaged=comanaged)
        .select_related("seat__holder", "represents")
    )


def stages_of(comanaged: Comanaged) -> QuerySet[TransitionStage]:
    return (
        TransitionStage.objects.of(comanaged.commune_id)
        .filter(comanaged=comanaged)
        .select_related("decision")
    )


def report_of(comanaged: Comanaged, served: Commune) -> QuerySet[PeriodShare]:
    """What ``served`` received from the enterprise, period by period, oldest first."""
    return (
        PeriodShare.objects.of(comanaged.commune_id)
        .filter(result__comanaged=comanaged, served=served)
        .select_related("result")
        .order_by("result__start")
    )


@dataclass(frozen=True)
class BoardBalance:
    state: int
    community: int

    @property
    def total(self) -> int:
        return self.state + self.community


def board_balance(comanaged: Comanaged) -> BoardBalance:
    sides = dict(
        seats_of(comanaged).values("side").annotate(n=Count("pk")).values_list("side", "n")
    )
    return BoardBalance(state=sides.get(Side.STATE, 0), community=sides.get(Side.COMMUNITY, 0))


@dataclass(frozen=True)
class PublicRow:
    name: str
    activity: str
    host: str
    communes: int
    periods: int
    income: int
    surplus: int
    shared: int
    received: int | None  # what this commune received, when it is served


def public_rows(commune: Commune) -> list[PublicRow]:
    """Each enterprise hosted by or serving ``commune``: totals only (income, surplus,
    shared), and what this commune received from it. No seat's holder, no other commune's
    share in money."""
    ids = set(Comanaged.objects.of(commune).values_list("pk", flat=True))
    ids |= set(
        ServedCommune.objects.all_communes()
        .filter(served=commune)
        .values_list("comanaged_id", flat=True)
    )
    rows: list[PublicRow] = []
    for comanaged in (
        Comanaged.objects.all_communes().filter(pk__in=ids).select_related("enterprise", "commune")
    ):
        applied = results_of(comanaged).filter(applied_at__isnull=False)
        totals = applied.aggregate(income=Sum("income"), surplus=Sum("surplus"))
        shares = PeriodShare.objects.of(comanaged.commune_id).filter(result__comanaged=comanaged)
        shared = shares.aggregate(total=Sum("amount"))["total"] or 0
        mine = shares.filter(served=commune).aggregate(total=Sum("amount"))["total"]
        rows.append(
            PublicRow(
                name=comanaged.name,
                activity=comanaged.activity,
                host=comanaged.commune.name,
                communes=served_of(comanaged).count(),
                periods=applied.count(),
                income=totals["income"] or 0,
                surplus=totals["surplus"] or 0,
                shared=shared,
                received=mine,
            )
        )
    return sorted(rows, key=lambda row: row.name)
