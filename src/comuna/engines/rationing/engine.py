"""``ration``: the whole rule, from a round's claims and stock to each household's award.

1. Groups share the stock by largest remainders in proportion to entitled households
   (``apportion``), never above what a group claimed.
2. Inside a group, priority classes are served in order with what is left of its share.
3. In the class where the share runs out, constrained equal awards in whole units: the highest
   level L such that giving everyone min(claim, L) fits; the units still left (fewer than
   the households that want more than L) go one each in queue order.
4. The queue of a class: most rounds short in a row first, then most rounds short in total,
   then the smaller lottery key. The total matters because the streak alone lets two
   households served in the same round tie again later with different histories; with both,
   households of one class and group with equal one-unit claims never differ by more than one
   in the rounds they were served.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from comuna.engines.rationing.apportion import GroupDemand, apportion
from comuna.engines.rationing.errors import (
    DuplicateHouseholdError,
    InvalidStockError,
    NegativeStockError,
)
from comuna.engines.rationing.lottery import input_hash, lottery_key, seed_text
from comuna.engines.rationing.models import (
    RULE,
    Allocation,
    Claim,
    GroupShare,
    PriorityClass,
    RationingResult,
    Reason,
    Status,
)


def ration(claims: Iterable[Claim], stock: int, seed: str | int) -> RationingResult:
    """Ration ``stock`` whole units among ``claims``; same inputs in any order, same result.

    Raises a ``RationingError`` subclass for bad input, before anything is computed.
    """
    if not isinstance(stock, int) or isinstance(stock, bool):
        raise InvalidStockError(stock)
    if stock < 0:
        raise NegativeStockError(stock)
    seed_s = seed_text(seed)
    claim_list = tuple(claims)
    seen: set[str] = set()
    for claim in claim_list:
        if claim.household_id in seen:
            raise DuplicateHouseholdError(claim.household_id)
        seen.add(claim.household_id)

    by_group: dict[str, list[Claim]] = {}
    for claim in claim_list:
        by_group.setdefault(claim.group, []).append(claim)
    demands = [
        GroupDemand(
            group=g,
            households=sum(1 for c in members if c.units > 0),
            claimed=sum(c.units for c in members),
        )
        for g, members in by_group.items()
    ]
    stages, shares = apportion(demands, stock, seed_s)

    allocations: list[Allocation] = []
    for share in shares:
        allocations.extend(_serve_group(share, by_group[share.group], seed_s))

    return RationingResult(
        rule=RULE,
        seed=seed_s,
        stock=stock,
        input_hash=input_hash(claim_list),
        total_claimed=sum(c.units for c in claim_list),
        total_awarded=sum(a.awarded for a in allocations),
        shares=shares,
        stages=stages,
        allocations=tuple(allocations),
    )


def _equal_level(claims_ascending: Sequence[int], budget: int) -> int:
    """Highest whole L with sum(min(c, L)) <= budget; requires budget < sum(claims)."""
    level = 0
    for i, claim in enumerate(claims_ascending):
        still_rising = len(claims_ascending) - i
        cost = (claim - level) * still_rising
        if cost > budget:
            return level + budget // still_rising
        budget -= cost
        level = claim
    raise AssertionError("the budget covers every claim; the class is not short")


def _serve_group(share: GroupShare, members: list[Claim], seed: str) -> list[Allocation]:
    budget = share.share
    out: list[Allocation] = []
    for priority in PriorityClass:
        in_class = [c for c in members if c.priority is priority]
        if not in_class:
            continue
        keys = {c.household_id: lottery_key(seed, c.household_id) for c in in_class}
        queue = sorted(
            (c for c in in_class if c.units > 0),
            key=lambda c: (
                -c.short_streak,
                -c.short_total,
                keys[c.household_id],
                c.household_id,
            ),
        )
        no_claim = sorted((c for c in in_class if c.units == 0), key=lambda c: c.household_id)
        class_total = sum(c.units for c in queue)

        level: int | None = None
        leftover: int | None = None
        reached: int | None = None
        awards: dict[str, int] = {}
        reasons: dict[str, Reason] = {}
        if budget >= class_total:
            for c in queue:
                awards[c.household_id] = c.units
                reasons[c.household_id] = Reason.CLASS_COVERED
            budget -= class_total
        elif budget == 0:
            empty = (
                Reason.GROUP_SHARE_EMPTY if share.share == 0 else Reason.HIGHER_CLASSES_USED_SHARE
            )
            for c in queue:
                awards[c.household_id] = 0
                reasons[c.household_id] = empty
        else:
            level = _equal_level(sorted(c.units for c in queue), budget)
            leftover = budget - sum(min(c.units, level) for c in queue)
            still = leftover
            reached = 0
            for position, c in enumerate(queue, start=1):
                if c.units <= level:
                    awards[c.household_id] = c.units
                    reasons[c.household_id] = Reason.EQUAL_SHARE_COVERS_CLAIM
                elif still > 0:
                    awards[c.household_id] = level + 1
                    reasons[c.household_id] = Reason.REACHED_IN_QUEUE
                    still -= 1
                    reached = position
                else:
                    awards[c.household_id] = level
                    reasons[c.household_id] = Reason.NOT_REACHED_IN_QUEUE
            budget = 0

        for position, c in enumerate(queue, start=1):
            awarded = awards[c.household_id]
            short = awarded < c.units
            out.append(
                Allocation(
                    household_id=c.household_id,
                    group=c.group,
                    priority=priority,
                    claimed=c.units,
                    awarded=awarded,
                    status=Status.FULL
                    if not short
                    else (Status.PARTIAL if awarded > 0 else Status.NONE),
                    reason=reasons[c.household_id],
                    lottery_key=keys[c.household_id],
                    queue_position=position,
                    queue_size=len(queue),
                    group_share=share.share,
                    class_level=level,
                    leftover=leftover,
                    queue_reached=reached,
                    short_streak=c.short_streak,
                    short_total=c.short_total,
                    next_short_streak=c.short_streak + 1 if short else 0,
                    next_short_total=c.short_total + 1 if short else c.short_total,
                )
            )
        for c in no_claim:
            out.append(
                Allocation(
                    household_id=c.household_id,
                    group=c.group,
                    priority=priority,
                    claimed=0,
                    awarded=0,
                    status=Status.NO_CLAIM,
                    reason=Reason.NO_CLAIM,
                    lottery_key=keys[c.household_id],
                    queue_position=None,
                    queue_size=len(queue),
                    group_share=share.share,
                    class_level=None,
                    leftover=None,
                    queue_reached=None,
                    short_streak=c.short_streak,
                    short_total=c.short_total,
                    # Not claiming is not being left short: the streak ends, the total stays.
                    next_short_streak=0,
                    next_short_total=c.short_total,
                )
            )
    return out
