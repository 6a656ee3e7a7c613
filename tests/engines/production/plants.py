"""Problems for the tests: a cornflour plant as the demo has it, and random small ones."""

from __future__ import annotations

from hypothesis import strategies as st

from comuna.engines.production import Goal, Input, Problem, Product


def cornflour(*, goal: Goal = Goal.UNITS, budget: float | None = None) -> Problem:
    """A month of a small cornflour plant: 1 kg bags for the households, 5 kg sacks."""
    return Problem(
        products=(
            Product(
                "bag_1kg",
                price=1.20,
                uses={"corn": 1.25, "diesel": 0.012, "power": 0.15, "bag": 1.0, "work": 0.01},
                target=8000,
                demand=14000,
            ),
            Product(
                "sack_5kg",
                price=6.50,
                uses={"corn": 6.2, "diesel": 0.05, "power": 0.7, "bag": 0.2, "work": 0.03},
                demand=1500,
            ),
        ),
        inputs=(
            Input("corn", price=0.55, available=20000),
            Input("diesel", price=0.50, available=220),
            Input("power", price=0.02),
            Input("bag", price=0.04, available=12000),
            Input("work", price=2.5, available=320),
        ),
        goal=goal,
        budget=budget,
    )


_amount = st.floats(0, 20, allow_nan=False).map(lambda v: round(v, 3))
_money = st.floats(0, 50, allow_nan=False).map(lambda v: round(v, 2))


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    """A small random problem that always has a bounded plan: every input is limited."""
    n_inputs = draw(st.integers(1, 4))
    inputs = tuple(
        Input(f"i{k}", price=draw(_money), available=draw(st.floats(0, 1000).map(round)))
        for k in range(n_inputs)
    )
    products = []
    for k in range(draw(st.integers(1, 4))):
        uses = {i.code: draw(_amount) for i in inputs}
        uses[inputs[0].code] = max(uses[inputs[0].code], 0.1)  # something limits every product
        demand = draw(st.none() | st.floats(0, 500).map(round))
        target = draw(st.floats(0, demand if demand is not None else 500).map(round))
        products.append(
            Product(f"p{k}", price=draw(_money), uses=uses, target=target, demand=demand)
        )
    budget = draw(st.none() | st.floats(0, 10000).map(round))
    return Problem(
        products=tuple(products),
        inputs=inputs,
        goal=draw(st.sampled_from(list(Goal))),
        budget=budget,
    )
