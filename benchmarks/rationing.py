"""Rationing a full commune's round, beside a naive baseline timed in the same run.

    .venv/bin/python benchmarks/rationing.py [--households 10000] [--groups 24] [--repeat 5]

The baseline sorts by priority class and takes households until the stock runs out: no
apportionment among councils, no equal shares, no carry-over, no explanations. The ratio
is what the fair, explained rule costs over the cheapest rule that could be called one.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence

from comuna.engines.rationing import Claim, PriorityClass, ration

CLASS_MIX = (
    (PriorityClass.MEDICAL, 0.05),
    (PriorityClass.ELDERLY_ALONE, 0.10),
    (PriorityClass.SMALL_CHILDREN, 0.25),
    (PriorityClass.GENERAL, 0.60),
)


def make_round(households: int, groups: int, rng: random.Random) -> list[Claim]:
    codes = [f"CC{g + 1:02}" for g in range(groups)]
    # Councils differ in size (150 to 400 families in the brief), so weights are uneven.
    weights = [rng.uniform(150, 400) for _ in codes]
    classes = [c for c, _ in CLASS_MIX]
    class_weights = [w for _, w in CLASS_MIX]
    claims = []
    for i in range(households):
        streak = rng.choice((0, 0, 0, 1, 1, 2))
        claims.append(
            Claim(
                household_id=f"H{i:07}",
                group=rng.choices(codes, weights)[0],
                priority=rng.choices(classes, class_weights)[0],
                units=rng.choice((1, 1, 1, 2)),
                short_streak=streak,
                short_total=streak + rng.randint(0, 3),
            )
        )
    return claims


def naive(claims: Sequence[Claim], stock: int) -> dict[str, int]:
    awards: dict[str, int] = {}
    left = stock
    for c in sorted(claims, key=lambda c: (c.priority, c.household_id)):
        given = min(c.units, left)
        awards[c.household_id] = given
        left -= given
    return awards


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the rationing engine against a baseline.")
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--groups", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--short", type=float, default=0.6, help="stock as a share of claims")
    args = parser.parse_args()

    claims = make_round(args.households, args.groups, random.Random(20250301))
    stock = int(sum(c.units for c in claims) * args.short)
    result = ration(claims, stock, "benchmark")
    baseline = naive(claims, stock)
    assert result.total_awarded == sum(baseline.values()) == stock

    fair = best_of(args.repeat, lambda: ration(claims, stock, "benchmark"))
    plain = best_of(args.repeat, lambda: naive(claims, stock))
    print(
        f"{args.households} households, {args.groups} groups, stock {stock} of "
        f"{result.total_claimed} units claimed; best of {args.repeat}"
    )
    print(f"  ration (fair, explained):      {fair * 1000:9.1f} ms")
    print(f"  baseline (sort, take first):   {plain * 1000:9.1f} ms")
    print(f"  ratio:                         {fair / plain:9.1f} x")


if __name__ == "__main__":
    main()
