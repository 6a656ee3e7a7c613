"""Budgets against the books: the selector, the chart's geometry and the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from comuna.core.charts import Pair, paired_bar_chart
from comuna.core.models import Commune
from comuna.ledger import chart
from comuna.ledger.models import Account
from comuna.ledger.selectors import (
    budget_by_organ,
    budget_period_default,
    budget_periods,
    budget_vs_actual,
)
from comuna.ledger.services import budget_line_set, transfer_post
from tests.conftest import World, client_for

MARCH = (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
APRIL = (dt.date(2025, 4, 1), dt.date(2025, 4, 30))


def _post(commune: Commune, debit: str, credit: str, amount: int, day: dt.date) -> None:
    transfer_post(
        commune=commune,
        debit=debit,
        credit=credit,
        amount=amount,
        unit="VES",
        date=day,
        description="test",
        author="admin",
    )


def _line(commune: Commune, organ: str, code: str, amount: int, period: tuple) -> None:
    budget_line_set(
        commune=commune,
        organ=organ,
        start=period[0],
        end=period[1],
        account=Account.objects.get(commune=commune, code=code),
        amount=amount,
    )


@pytest.fixture
def planned(commune: Commune) -> Commune:
    _post(commune, chart.EMERGENCY_FUND, chart.CAPITAL_VES, 5_000_000, dt.date(2025, 3, 1))
    # Health spends 1.200,00 in March and 300,00 in April; a reversal-like refund in March.
    _post(commune, chart.EXPENSE_EMERGENCY_AID, chart.EMERGENCY_FUND, 150_000, dt.date(2025, 3, 5))
    _post(commune, chart.EMERGENCY_FUND, chart.EXPENSE_EMERGENCY_AID, 30_000, dt.date(2025, 3, 9))
    _post(commune, chart.EXPENSE_EMERGENCY_AID, chart.EMERGENCY_FUND, 30_000, dt.date(2025, 4, 2))
    _post(commune, chart.WASTE_CASH, chart.INCOME_WASTE_FEES, 900_000, dt.date(2025, 3, 31))
    _line(commune, "Comité de salud", chart.EXPENSE_EMERGENCY_AID, 100_000, MARCH)
    _line(commune, "Comité de salud", chart.EXPENSE_EMERGENCY_AID, 100_000, APRIL)
    _line(commune, "EPS Desechos", chart.INCOME_WASTE_FEES, 800_000, MARCH)
    _line(commune, "EPS Desechos", chart.EXPENSE_DIESEL, 50_000, MARCH)
    return commune


def test_actual_is_what_the_books_show_within_the_line_period(planned: Commune) -> None:
    rows = budget_vs_actual(planned, start=MARCH[0], end=MARCH[1])
    by_code = {(r.line.organ, r.line.account.code): r for r in rows}
    aid = by_code[("Comité de salud", chart.EXPENSE_EMERGENCY_AID)]
    assert (aid.actual, aid.difference, aid.percent) == (120_000, -20_000, 120)
    fees = by_code[("EPS Desechos", chart.INCOME_WASTE_FEES)]
    assert (fees.actual, fees.percent) == (900_000, 112)
    diesel = by_code[("EPS Desechos", chart.EXPENSE_DIESEL)]
    assert (diesel.actual, diesel.difference, diesel.percent) == (0, 50_000, 0)


def test_it_flags_an_expense_over_budget_but_not_income_above_plan(planned: Commune) -> None:
    rows = budget_vs_actual(planned, start=MARCH[0], end=MARCH[1])
    assert [r.line.account.code for r in rows if r.over] == [chart.EXPENSE_EMERGENCY_AID]
    organs = budget_by_organ(rows)
    assert [(o.organ, o.over) for o in organs] == [("Comité de salud", 1), ("EPS Desechos", 0)]


def test_lines_outside_the_period_are_left_out(planned: Commune) -> None:
    april = budget_vs_actual(planned, start=APRIL[0], end=APRIL[1])
    assert [(r.line.start, r.actual, r.over) for r in april] == [(APRIL[0], 30_000, False)]
    health = budget_vs_actual(planned, start=MARCH[0], end=MARCH[1], organ="EPS Desechos")
    assert {r.line.organ for r in health} == {"EPS Desechos"}


def test_the_default_period_is_the_one_under_way(planned: Commune) -> None:
    periods = budget_periods(planned)
    assert periods == [APRIL, MARCH]
    assert budget_period_default(periods, dt.date(2025, 3, 20)) == MARCH
    assert budget_period_default(periods, dt.date(2025, 9, 1)) == APRIL
    assert budget_period_default(periods, dt.date(2024, 1, 1)) == MARCH
    assert budget_period_default([], dt.date(2025, 1, 1)) is None


def test_the_paired_chart_puts_both_bars_on_one_scale() -> None:
    drawn = paired_bar_chart(
        [
            ("Health", [Pair("Aid", 100, 200, "100", "200", flagged=True)]),
            ("Waste", [Pair("Fees", 50, 0, "50", "0")]),
        ]
    )
    aid, fees = drawn.groups[0].rows[0], drawn.groups[1].rows[0]
    assert aid.second.width == pytest.approx(2 * aid.first.width)
    assert fees.first.width == pytest.approx(aid.first.width / 2)
    assert fees.second.width == 0
    assert aid.second.colour == "var(--accent)" and fees.second.colour == "var(--m)"
    assert fees.first.y > aid.second.y
    assert paired_bar_chart([]).groups == []


def test_the_page_shows_a_period_per_organ_with_a_chart(world: World) -> None:
    cache.clear()
    _post(world.commune, chart.EMERGENCY_FUND, chart.CAPITAL_VES, 500_000, MARCH[0])
    _post(world.commune, chart.EXPENSE_EMERGENCY_AID, chart.EMERGENCY_FUND, 250_000, MARCH[0])
    _line(world.commune, "Comité de salud", chart.EXPENSE_EMERGENCY_AID, 200_000, MARCH)
    _line(world.commune, "EPS Desechos", chart.EXPENSE_DIESEL, 70_000, APRIL)
    admin = client_for(world.admin)
    page = admin.get("/cuentas/presupuestos/?period=2025-03-01_2025-03-31").content.decode()
    assert "Comité de salud" in page
    assert "EPS Desechos" not in page.split("budget-filter")[1].split("</form>")[1]
    assert "2.000,00" in page and "2.500,00" in page and "-500,00" in page
    assert "125%" in page and 'data-testid="over-budget"' in page
    assert "<svg" in page and 'data-flagged="1"' in page
    # By default the period under way, else the latest begun: April here.
    default = admin.get("/cuentas/presupuestos/").content.decode()
    assert "EPS Desechos" in default and "Comité de salud" not in default.split("</form>")[1]


@pytest.mark.parametrize("persona", ["resident", "spokesperson", "outsider", None])
def test_budgets_stay_with_the_book_keepers(world: World, persona: str | None) -> None:
    user = getattr(world, persona) if persona else None
    assert client_for(user).get("/cuentas/presupuestos/").status_code in (302, 404)


def test_the_demo_plans_every_month_for_several_organs(world: World) -> None:
    import random

    from comuna.demo.ledger import ledger_demo_build

    today = dt.date(2025, 6, 18)
    ledger_demo_build(world.commune, random.Random(1), today=today)
    periods = budget_periods(world.commune)
    assert len(periods) == 13
    assert budget_period_default(periods, today) == (dt.date(2025, 6, 1), dt.date(2025, 6, 30))
    rows = budget_vs_actual(world.commune)
    assert len({r.line.organ for r in rows}) >= 4
    assert any(r.over for r in rows) and any(not r.over for r in rows)
