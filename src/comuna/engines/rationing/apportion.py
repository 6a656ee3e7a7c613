"""Largest-remainder (Hamilton) apportionment of the stock among groups, capped at each claim.

Stage after stage, until nothing changes:

1. Share the stock still to be shared among the groups still in play, in proportion to their
   entitled households: quota = stock x households / all households (an exact fraction).
2. Each group gets the whole part of its quota; the units still left go one each to the
   largest remainders (ties: smaller lottery key of the group code first).
3. A group whose result is more than it claimed in total gets exactly its claim and leaves;
   the next stage shares what is left among the others, from scratch.

A group is only set aside when its result is strictly above its claim; then its claim is
at most its quota, so the others' quotas never go down from one stage to the next.
Exact fractions keep the arithmetic identical to what an assembly does on paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from comuna.engines.rationing.lottery import lottery_key
from comuna.engines.rationing.models import ApportionmentLine, ApportionmentStage, GroupShare


@dataclass(frozen=True, slots=True)
class GroupDemand:
    group: str
    households: int
    claimed: int


def apportion(
    demands: Sequence[GroupDemand], stock: int, seed: str
) -> tuple[tuple[ApportionmentStage, ...], tuple[GroupShare, ...]]:
    """Return every stage's arithmetic and each group's final share, both by group code."""
    keys = {d.group: lottery_key(seed, d.group) for d in demands}
    # Groups with nothing claimed cannot take a unit and must not dilute the others' quotas.
    active = sorted((d for d in demands if d.claimed > 0), key=lambda d: d.group)
    remaining = stock
    stages: list[ApportionmentStage] = []
    settled: dict[str, GroupShare] = {}

    while active:
        total_households = sum(d.households for d in active)
        quotas = {d.group: Fraction(remaining * d.households, total_households) for d in active}
        floors = {g: q.numerator // q.denominator for g, q in quotas.items()}
        extra = remaining - sum(floors.values())
        by_remainder = sorted(
            active, key=lambda d: (-(quotas[d.group] - floors[d.group]), keys[d.group])
        )
        winners = {d.group for d in by_remainder[:extra]}

        lines: list[ApportionmentLine] = []
        capped: list[GroupDemand] = []
        for d in active:
            allotted = floors[d.group] + (1 if d.group in winners else 0)
            is_capped = allotted > d.claimed
            if is_capped:
                capped.append(d)
            lines.append(
                ApportionmentLine(
                    group=d.group,
                    households=d.households,
                    claimed=d.claimed,
                    lottery_key=keys[d.group],
                    quota=quotas[d.group],
                    floor=floors[d.group],
                    remainder=quotas[d.group] - floors[d.group],
                    extra_unit=d.group in winners,
                    allotted=allotted,
                    capped=is_capped,
                )
            )
        number = len(stages) + 1
        stages.append(ApportionmentStage(number, remaining, total_households, tuple(lines)))

        final = not capped
        for line in lines:
            if line.capped or final:
                settled[line.group] = GroupShare(
                    group=line.group,
                    households=line.households,
                    claimed=line.claimed,
                    share=line.claimed if line.capped else line.allotted,
                    capped=line.capped,
                    stage=number,
                    quota=line.quota,
                    floor=line.floor,
                    remainder=line.remainder,
                    extra_unit=line.extra_unit,
                )
        if final:
            break
        remaining -= sum(d.claimed for d in capped)
        capped_groups = {d.group for d in capped}
        active = [d for d in active if d.group not in capped_groups]

    for d in demands:
        if d.group not in settled:
            settled[d.group] = GroupShare(
                group=d.group,
                households=d.households,
                claimed=d.claimed,
                share=0,
                capped=False,
                stage=0,
                quota=Fraction(0),
                floor=0,
                remainder=Fraction(0),
                extra_unit=False,
            )
    return tuple(stages), tuple(settled[g] for g in sorted(settled))
