"""Reads of the exchange: the lists the pages show, and the figures of a run."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from comuna.census.models import Council
from comuna.clearing.models import (
    ClearingRun,
    Obligation,
    ObligationCleared,
    Party,
    PartyKind,
    RunPosition,
    UnitOfAccount,
)
from comuna.core.models import Commune
from comuna.enterprises.models import Enterprise


def units_list() -> QuerySet[UnitOfAccount]:
    return UnitOfAccount.objects.order_by("code")


def obligations_list(obligations: QuerySet[Obligation]) -> QuerySet[Obligation]:
    return obligations.select_related(
        "debtor", "creditor", "unit", "debtor__commune", "creditor__commune"
    ).order_by("due_on", "pk")


def run_lines(run: ClearingRun, obligations: QuerySet[Obligation]) -> QuerySet[ObligationCleared]:
    """What the run did to each of these obligations (those within the reader's reach)."""
    return (
        ObligationCleared.objects.filter(run=run, obligation__in=obligations)
        .select_related("obligation", "obligation__debtor", "obligation__creditor")
        .order_by("obligation__due_on", "obligation_id")
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """A commune, enterprise or council that may be a party, as a form offers it."""

    key: str
    label: str


def party_candidates(communes: QuerySet[Commune]) -> list[Candidate]:
    """Every commune of ``communes``, with its active enterprises and its councils, as choices
    (``c:ID`` the commune, ``e:ID`` an enterprise, ``k:ID`` a council)."""
    out: list[Candidate] = []
    for commune in communes.order_by("name"):
        out.append(Candidate(f"c:{commune.pk}", commune.name))
        for e in Enterprise.objects.of(commune).filter(active=True).order_by("name"):
            out.append(Candidate(f"e:{e.pk}", f"{e.name} ({commune.name})"))
        for k in Council.objects.of(commune).order_by("code"):
            out.append(Candidate(f"k:{k.pk}", f"{k.name} ({commune.name})"))
    return out


def party_names(parties: QuerySet[Party]) -> dict[int, str]:
    return {p.pk: p.name for p in parties}


def positions_of(positions: QuerySet[RunPosition]) -> QuerySet[RunPosition]:
    return positions.select_related("party", "party__commune").order_by(
        "party__commune__name", "party__kind", "party__name"
    )


def party_kind_label(kind: str) -> str:
    return str(PartyKind(kind).label)
