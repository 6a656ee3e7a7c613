"""Production plans: the engine against scipy's linprog (HiGHS) and a naive enumeration.

    PYTHONPATH=src .venv/bin/python benchmarks/production.py [--repeat 5] [--products 40]

Three figures, each beside a baseline measured in the same run:

1. The cornflour plant of the demo (1 kg bags for the households, 5 kg sacks for the shops;
   corn, diesel, electricity, bags, sacks, hours of work) and a scenario sweep: corn from its
   price to twice it in steps of 5%, times diesel from all of it to none in steps of 10%
   (231 plans). The engine (``scenarios_solve``, two solves each: the targets, then the goal)
   beside ``scipy.optimize.linprog(method="highs")`` set the same two solves by hand; every
   surplus must agree.
2. A larger enterprise: ``--products`` products over 12 inputs, random uses and prices
   (seeded), one plan; the engine beside linprog again.
3. The small case a person could work out on paper: two products, a grid of every whole
   quantity (the naive enumeration); the engine's surplus must be at least the grid's best,
   in a fraction of the time.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

import numpy as np
from scipy.optimize import linprog

from comuna.engines.production import (
    Goal,
    Input,
    Plan,
    Problem,
    Product,
    Scenario,
    plan_production,
    scenario_apply,
    scenarios_solve,
)


def cornflour() -> Problem:
    """The demo's plant (prices of 2026 in US dollars), with 5,000 households' target."""
    return Problem(
        products=(
            Product(
                "bag_1kg",
                price=0.90,
                uses={"corn": 1.35, "diesel": 0.03, "power": 0.12, "bag": 1, "work": 0.012},
                target=20000,
                demand=30000,
            ),
            Product(
                "sack_5kg",
                price=4.50,
                uses={"corn": 6.75, "diesel": 0.15, "power": 0.6, "sack": 1, "work": 0.05},
                demand=1200,
            ),
        ),
        inputs=(
            Input("corn", 0.45, 40000),
            Input("diesel", 0.50, 900),
            Input("power", 0.03),
            Input("bag", 0.03, 25000),
            Input("sack", 0.25, 1500),
            Input("work", 2.50, 1408),
        ),
        goal=Goal.SURPLUS,
        budget=30000,
    )


def enterprise(n_products: int, rng: random.Random) -> Problem:
    inputs = tuple(
        Input(f"i{k}", round(rng.uniform(0.1, 3), 2), round(rng.uniform(2000, 20000)))
        for k in range(12)
    )
    products = []
    for k in range(n_products):
        uses = {i.code: round(rng.uniform(0, 2), 3) for i in rng.sample(inputs, 5)}
        cost = sum(a * next(i.price for i in inputs if i.code == c) for c, a in uses.items())
        demand = round(rng.uniform(200, 3000))
        products.append(
            Product(
                f"p{k}",
                round(cost * rng.uniform(0.8, 1.6), 2),
                uses,
                target=round(demand * rng.uniform(0, 0.2)),
                demand=demand,
            )
        )
    return Problem(products=tuple(products), inputs=inputs, goal=Goal.SURPLUS)


def linprog_surplus(problem: Problem) -> float:
    """The same two solves, set by hand for scipy's linprog (HiGHS inside scipy)."""
    products, n = problem.products, len(problem.products)
    costs = np.array([problem.unit_cost(p) for p in problem.products])
    a_ub, b_ub = [], []
    for item in problem.inputs:
        if item.available is not None:
            a_ub.append([p.uses.get(item.code, 0.0) for p in products] + [0.0] * n)
            b_ub.append(item.available)
    if problem.budget is not None:
        a_ub.append(list(costs) + [0.0] * n)
        b_ub.append(problem.budget)
    for k, p in enumerate(products):  # x + s >= target  ->  -x - s <= -target
        row = [0.0] * (2 * n)
        row[k], row[n + k] = -1.0, -1.0
        a_ub.append(row)
        b_ub.append(-p.target)
    bounds = [(0, p.demand) for p in products] + [(0, p.target) for p in products]
    weights = [0.0] * n + [1 / p.target if p.target > 0 else 0.0 for p in products]
    first = linprog(weights, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    a_ub.append(weights)
    b_ub.append(first.fun + 1e-7 * max(1.0, first.fun))
    goal = [-(p.price - c) for p, c in zip(products, costs, strict=True)] + [0.0] * n
    second = linprog(goal, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    x = second.x[:n]
    return float(sum(x * (np.array([p.price for p in products]) - costs)))


def grid_surplus(problem: Problem, step: int) -> float:
    """Every pair of whole quantities (in ``step``s) within the inputs: the best surplus."""
    bag, sack = problem.products
    best = float("-inf")
    limits = {i.code: i.available for i in problem.inputs}
    cost = {p.code: problem.unit_cost(p) for p in problem.products}
    for a in range(0, int(bag.demand or 0) + 1, step):
        for b in range(0, int(sack.demand or 0) + 1, step):
            if a < bag.target or b < sack.target:
                continue
            fits = all(
                limit is None or bag.uses.get(c, 0) * a + sack.uses.get(c, 0) * b <= limit
                for c, limit in limits.items()
            )
            money = cost[bag.code] * a + cost[sack.code] * b
            if fits and (problem.budget is None or money <= problem.budget):
                best = max(
                    best, (bag.price - cost[bag.code]) * a + (sack.price - cost[sack.code]) * b
                )
    return best


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def sweep() -> list[Scenario]:
    return [
        Scenario(f"corn+{c}% diesel-{d}%", {"corn": c / 100}, {"diesel": d / 100})
        for c in range(0, 101, 5)
        for d in range(0, 101, 10)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--products", type=int, default=40)
    args = parser.parse_args()

    plant, scenarios = cornflour(), sweep()
    outcomes = scenarios_solve(plant, scenarios)
    problems = [scenario_apply(plant, s, outcomes[0].plan) for s in scenarios]
    for outcome, problem in zip(outcomes[1:], problems, strict=True):
        assert abs(outcome.plan.surplus - linprog_surplus(problem)) < 1e-4 * max(
            1.0, abs(outcome.plan.surplus)
        ), outcome.scenario.name
    engine = best_of(args.repeat, lambda: scenarios_solve(plant, scenarios))
    scipy = best_of(args.repeat, lambda: [linprog_surplus(p) for p in problems])
    base: Plan = outcomes[0].plan
    worst = min(outcomes, key=lambda o: o.plan.surplus)
    print(
        f"1. Cornflour plant: surplus {base.surplus:,.2f} USD, break-even bag "
        f"{base.product('bag_1kg').break_even_price:.3f} (sold at 0.90); "
        f"binding {', '.join(base.binding)}"
    )
    print(
        f"   sweep of {len(scenarios)} scenarios (corn +0..100%, diesel -0..100%), best of "
        f"{args.repeat}; worst: {worst.scenario.name} (surplus {worst.plan.surplus:,.2f}, "
        f"targets met: {worst.plan.targets_met})"
    )
    print(
        f"   engine (highspy, two solves each):   {engine * 1000:9.1f} ms"
        f"  ({engine / len(scenarios) * 1000:.2f} ms a plan)"
    )
    print(f"   scipy linprog (HiGHS), same solves:  {scipy * 1000:9.1f} ms")
    print(f"   ratio engine / scipy:                {engine / scipy:9.2f} x  (same surpluses)")

    big = enterprise(args.products, random.Random(20261203))
    plan = plan_production(big)
    assert abs(plan.surplus - linprog_surplus(big)) < 1e-4 * max(1.0, abs(plan.surplus))
    engine = best_of(args.repeat, lambda: plan_production(big))
    scipy = best_of(args.repeat, lambda: linprog_surplus(big))
    print(
        f"2. {args.products} products over 12 inputs: surplus {plan.surplus:,.2f}, "
        f"{len(plan.binding)} constraints binding"
    )
    print(f"   engine:                              {engine * 1000:9.1f} ms")
    print(f"   scipy linprog (HiGHS):               {scipy * 1000:9.1f} ms")

    small = cornflour()
    start = time.perf_counter()
    grid = grid_surplus(small, step=10)
    naive = time.perf_counter() - start
    engine = best_of(args.repeat, lambda: plan_production(small))
    lp = plan_production(small).surplus
    assert lp >= grid - 1e-6
    print(
        f"3. Two products, every whole quantity in steps of 10 "
        f"({(30000 // 10 + 1) * (1200 // 10 + 1):,} pairs):"
    )
    print(f"   naive enumeration: surplus {grid:,.2f} in {naive * 1000:9.1f} ms")
    print(
        f"   engine:            surplus {lp:,.2f} in {engine * 1000:9.1f} ms"
        f"  ({naive / engine:,.0f} x faster, {lp - grid:,.2f} more)"
    )


if __name__ == "__main__":
    main()
