from __future__ import annotations

import datetime as dt
import random

from comuna.demo.ledger import ledger_demo_build
from comuna.ledger.models import Entry, Statement
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
