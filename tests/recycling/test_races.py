"""Sales racing for the last of a material's stock: the material's row lock lets the stock
hold (on PostgreSQL, where writers really run at once; SQLite takes its write lock when a
transaction begins)."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from comuna.core.refusals import Refusal
from comuna.recycling import selectors, services
from comuna.recycling.models import Sale, SourceKind
from tests.recycling.conftest import Yard

pytestmark = pytest.mark.django_db(transaction=True)

DAY = dt.date(2026, 11, 20)


def test_eight_racing_sales_of_three_kg_from_ten_leave_no_stock_below_zero(yard: Yard) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the race needs concurrent writers (PostgreSQL)")
    # Glass in the yard too: the books' one stock of recyclables would let a fourth
    # cardboard sale through; only the material's own stock refuses it.
    for material, grams in ((yard.cardboard, 10_000), (yard.glass, 50_000)):
        services.weighin_record(
            commune=yard.world.commune,
            material=material,
            date=DAY,
            gross_g=grams,
            tare_g=0,
            source=SourceKind.NAMED,
            source_name="Ana",
        )
    start = threading.Barrier(8)

    def sell(n: int) -> bool:
        start.wait()
        try:
            services.sale_record(
                commune=yard.world.commune,
                material=yard.cardboard,
                date=DAY,
                weight_g=3_000,
                price_cents_per_kg=100,
                buyer=f"Comprador {n}",
            )
            return True
        except Refusal:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        sold = sum(pool.map(sell, range(8)))
    assert sold == 3 and Sale.objects.count() == 3
    assert selectors.material_stock_g(yard.cardboard) == 1_000
