from __future__ import annotations

import datetime as dt
import random

from comuna.demo.ledger import ledger_demo_build
from comuna.ledger import chart
from comuna.ledger.models import Account, Entry, SharingRule, Statement
from comuna.ledger.selectors import integrity_check
from tests.conftest import World


def test_the_demo_books_are_a_verified_year_with_one_correction(world: World) -> None:
    today = dt.date(2025, 6, 18)
    ledger_demo_build(world.commune, random.Random(1), today=today)
    count = Entry.objects.count()
    ledger_demo_build(world.commune, random.Random(1), today=today)
    assert Entry.objects.count() == count
    assert integrity_check(world.commune).ok
    statements = Statement.objects.filter(commune=world.commune)
    assert statements.count() == 12
    # The parliament approves them in the governance demo (tests/governance/test_demo.py).
    assert not statements.filter(approved_on__isnull=False).exists()
    assert Entry.objects.filter(idempotency_key__startswith="reversal-of-").count() == 1
    assert Entry.objects.filter(kind="approval").count() == 1


def test_the_demo_shares_the_recycling_surplus_with_two_neighbouring_communes(
    world: World,
) -> None:
    ledger_demo_build(world.commune, random.Random(1), today=dt.date(2025, 6, 18))
    rule = SharingRule.objects.get(commune=world.commune)
    assert rule.source.code == chart.RECYCLING_CASH
    destinations = set(rule.shares.values_list("destination__code", flat=True))
    assert {"1.5.01", "1.5.02", chart.EXPENSE_WAGES, chart.SOCIAL_FUND} <= destinations
    runs = list(rule.runs.all())
    assert runs, "some month had a surplus to share"
    for run in runs:
        assert sum(line["amount"] for line in run.explanation) <= run.surplus
        # Each month is shared before it is closed: the statement holds the entries.
        assert Statement.objects.filter(start=run.start, end=run.end).exists()
    maizal = Account.objects.get(commune=world.commune, code="1.5.01")
    assert maizal.natural == sum(
        line["amount"]
        for run in runs
        for line in run.explanation
        if line["destination"] == "1.5.01"
    )
