"""Two requests share the same period at the same moment: the period's row lock lets one
through, and each commune's books get the period once (on PostgreSQL, where writers really
run at once)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from comuna.comanaged import services
from comuna.comanaged.models import PeriodShare
from comuna.core.refusals import Refusal
from comuna.ledger.models import Entry
from tests.comanaged.conftest import Co

pytestmark = pytest.mark.django_db(transaction=True)


def test_four_applies_of_one_period_at_once_post_it_once(co: Co) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the race needs concurrent writers (PostgreSQL)")
    start = threading.Barrier(4)

    def apply(_n: int) -> bool:
        start.wait()
        try:
            services.result_apply(result=co.march, by="tesorera")
            return True
        except Refusal:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        done = sum(pool.map(apply, range(4)))
    assert done == 1
    host = co.world.commune
    assert PeriodShare.objects.of(host).filter(result=co.march).count() == 3
    for commune in (co.b, co.c):
        assert Entry.objects.of(commune).filter(reference__startswith="comanaged:").count() == 1
    # The host: income, three costs, the fund, three shares out and its own share in.
    assert Entry.objects.of(host).filter(reference__startswith="comanaged:").count() == 9
