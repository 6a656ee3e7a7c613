"""Reads for the distribution pages, the API and the commands."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from comuna.census.models import Household, HouseholdStatus, Person, PersonStatus
from comuna.core.models import Commune
from comuna.distribution.entitlement import HouseholdFacts, MemberFacts
from comuna.distribution.models import (
    Delivery,
    Entitlement,
    Programme,
    Round,
    RoundStatus,
)
from comuna.engines.rationing import Claim, PriorityClass, RationingResult, ration


def households_facts(commune: Commune) -> list[HouseholdFacts]:
    """Every active household of the commune with its living members, in two queries."""
    members: dict[int, list[MemberFacts]] = defaultdict(list)
    rows = (
        Person.objects.of(commune)
        .filter(household__status=HouseholdStatus.ACTIVE, status=PersonStatus.ACTIVE)
        .values_list("household_id", "birth_date", "disability", "chronic_illness", "pregnant")
    )
    for household_id, birth, disability, chronic, pregnant in rows:
        members[household_id].append(MemberFacts(birth, disability, chronic, pregnant))
    households = (
        Household.objects.of(commune)
        .filter(status=HouseholdStatus.ACTIVE)
        .values_list(
            "pk", "council__code", "cylinders_10kg", "cylinders_18kg", "cylinders_43kg", "piped_gas"
        )
    )
    return [
        HouseholdFacts(pk, code, tuple(members[pk]), {10: c10, 18: c18, 43: c43}, piped)
        for pk, code, c10, c18, c43, piped in households
    ]


def short_history(programme: Programme, *, before: Round) -> dict[int, tuple[int, int]]:
    """Each household's (short streak, short total) carried from the programme's last round
    opened before ``before``; a household not listed there starts again from (0, 0)."""
    previous = (
        programme.rounds.filter(opened_at__isnull=False)
        .exclude(pk=before.pk)
        .order_by("-opened_at", "-id")
        .first()
    )
    if previous is None:
        return {}
    rows = previous.entitlements.values_list(
        "household_id", "next_short_streak", "next_short_total"
    )
    return {household_id: (streak, total) for household_id, streak, total in rows}


def round_claims(round_: Round) -> list[Claim]:
    """The claims frozen when the round opened, as the engine reads them."""
    rows = round_.entitlements.values_list(
        "household_id", "group", "priority", "claimed", "short_streak", "short_total"
    )
    return [
        Claim(
            household_id=str(household_id),
            group=group,
            priority=PriorityClass(priority),
            units=claimed,
            short_streak=streak,
            short_total=total,
        )
        for household_id, group, priority, claimed, streak, total in rows
    ]


@dataclass(frozen=True)
class Rerun:
    """The engine run again on the frozen list: does it give what was recorded?"""

    result: RationingResult
    same_hash: bool
    same_awards: bool
    differences: int

    @property
    def agrees(self) -> bool:
        return self.same_hash and self.same_awards


def round_rerun(round_: Round) -> Rerun:
    result = ration(round_claims(round_), round_.stock_received, round_.seed)
    recorded = dict(round_.entitlements.values_list("household_id", "awarded"))
    differences = sum(
        1 for a in result.allocations if recorded.get(int(a.household_id)) != a.awarded
    )
    return Rerun(
        result=result,
        same_hash=result.input_hash == round_.input_hash,
        same_awards=differences == 0,
        differences=differences,
    )


def rounds_listed(commune: Commune) -> QuerySet[Round]:
    rounds: QuerySet[Round] = (
        Round.objects.of(commune)
        .select_related("programme")
        .annotate(
            n_delivered=Sum("deliveries__quantity", default=0),
            n_deliveries=Count("deliveries", distinct=False),
        )
        # Meta.ordering is not applied to aggregating queries: newest first, said here.
        .order_by("-distribution_on", "-id")
    )
    return rounds


def round_totals(round_: Round) -> dict[str, int]:
    entitled = round_.entitlements.aggregate(
        households=Count("pk", filter=Q(awarded__gt=0)),
        claimed=Sum("claimed", default=0),
        awarded=Sum("awarded", default=0),
        listed=Count("pk"),
    )
    delivered = round_.deliveries.aggregate(
        households=Count("pk"), units=Sum("quantity", default=0), fees=Sum("fee_minor", default=0)
    )
    return {
        "listed": entitled["listed"],
        "entitled": entitled["households"],
        "claimed": entitled["claimed"],
        "awarded": entitled["awarded"],
        "delivered_households": delivered["households"],
        "delivered": delivered["units"],
        "fees": delivered["fees"],
        "non_deliveries": round_.non_deliveries.count(),
    }


@dataclass(frozen=True)
class Reconciliation:
    round: Round
    stock_in: int
    delivered: int
    remaining: int | None
    expected_remaining: int

    @property
    def difference(self) -> int | None:
        """Units unaccounted for (positive: missing); None until the stock is counted."""
        if self.remaining is None:
            return None
        return self.stock_in - self.delivered - self.remaining

    @property
    def flagged(self) -> bool:
        return bool(self.difference)


def reconciliations(commune: Commune) -> list[Reconciliation]:
    """Stock in = delivered + remaining, for every round that has opened."""
    out = []
    for round_ in rounds_listed(commune).exclude(status=RoundStatus.DRAFT):
        delivered = int(round_.n_delivered or 0)  # type: ignore[attr-defined]
        out.append(
            Reconciliation(
                round=round_,
                stock_in=round_.stock_received,
                delivered=delivered,
                remaining=round_.remaining_counted,
                expected_remaining=round_.stock_received - delivered,
            )
        )
    return out


def household_rounds(household: Household) -> QuerySet[Entitlement]:
    """The household's place in every round it was listed in, newest first."""
    return household.entitlements.select_related("round", "round__programme").order_by(
        "-round__distribution_on", "-round_id"
    )


def deliveries_of(household: Household) -> dict[int, Delivery]:
    return {d.round_id: d for d in household.deliveries.all()}


@dataclass(frozen=True)
class CouncilCoverage:
    code: str
    entitled: int
    served: int
    delivered: int

    @property
    def percent(self) -> int:
        return round(100 * self.delivered / self.entitled) if self.entitled else 0


def coverage_by_council(round_: Round) -> list[CouncilCoverage]:
    """Per council: households that claimed, that were awarded something, that collected."""
    rows = (
        round_.entitlements.values("group")
        .annotate(
            claimed=Count("pk", filter=Q(claimed__gt=0)),
            served=Count("pk", filter=Q(awarded__gt=0)),
        )
        .order_by("group")
    )
    delivered = dict(
        round_.deliveries.values("household__council__code")
        .annotate(n=Count("pk"))
        .values_list("household__council__code", "n")
    )
    return [
        CouncilCoverage(r["group"], r["claimed"], r["served"], delivered.get(r["group"], 0))
        for r in rows
    ]


@dataclass(frozen=True)
class NotReached:
    household_id: int
    label: str
    rounds: int


def households_not_reached(
    programme: Programme, *, readable: QuerySet[Household], last: int = 3
) -> list[NotReached]:
    """Households that claimed but were awarded nothing in each of the programme's last
    ``last`` opened rounds, among ``readable`` (the reader's reach,
    ``census.access.households_readable``: a spokesperson sees her council's only)."""
    recent = list(
        programme.rounds.exclude(status=RoundStatus.DRAFT)
        .order_by("-distribution_on", "-id")
        .values_list("pk", flat=True)[:last]
    )
    if len(recent) < last:
        return []
    rows = (
        Entitlement.objects.of(programme.commune_id)
        .filter(round_id__in=recent, claimed__gt=0, awarded=0)
        .filter(household__in=readable)
        .values("household_id", "household__council__code", "household__reference")
        .annotate(n=Count("pk"))
        .filter(n=last)
        .order_by("household__council__code", "household__reference")
    )
    return [
        NotReached(
            r["household_id"],
            f"{r['household__council__code']}-{r['household__reference']}",
            r["n"],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class WaitBand:
    label: str
    households: int


def waiting_times(programme: Programme) -> list[WaitBand]:
    """How many rounds in a row households have been left short, as of the latest round."""
    latest = programme.rounds.exclude(status=RoundStatus.DRAFT).order_by("-distribution_on").first()
    if latest is None:
        return []
    counts = dict(
        latest.entitlements.filter(claimed__gt=0)
        .values("next_short_streak")
        .annotate(n=Count("pk"))
        .values_list("next_short_streak", "n")
    )
    top = max(counts, default=0)
    return [WaitBand(str(streak), counts.get(streak, 0)) for streak in range(top + 1)]
