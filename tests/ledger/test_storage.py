"""The database storage's bulk mode: inserts on a writer thread, reads that wait for them."""

from __future__ import annotations

import datetime as dt

import pytest

from comuna.core.models import Commune
from comuna.engines.ledger import StorageConflict, Transfer
from comuna.ledger import chart
from comuna.ledger.models import Account, Entry, LedgerHead
from comuna.ledger.selectors import integrity_check
from comuna.ledger.services import ledger_for, posting_lock
from comuna.ledger.storage import DatabaseStorage

DAY = dt.date(2025, 4, 2)


def sales(count: int, start: int = 0) -> list[Transfer]:
    return [
        Transfer(
            debit=chart.RECYCLING_CASH,
            credit=chart.INCOME_RECYCLING_SALES,
            amount=100 + i,
            unit="VES",
            date=DAY,
            description=f"Venta de cartón {i}",
            author="tesorera",
            idempotency_key=f"venta-{i}",
        )
        for i in range(start, start + count)
    ]


def post_in_batches(commune: Commune, batches: list[list[Transfer]], *, behind: bool) -> None:
    with posting_lock(commune) as ledger:
        storage = ledger.storage
        assert isinstance(storage, DatabaseStorage)
        if behind:
            with storage.writing_behind():
                for batch in batches:
                    ledger.post_many(batch)
        else:
            for batch in batches:
                ledger.post_many(batch)


@pytest.mark.django_db(transaction=True)
def test_writing_behind_stores_what_writing_at_once_stores(commune: Commune) -> None:
    post_in_batches(commune, [sales(300), sales(300, 300), sales(5, 600)], behind=True)

    check = integrity_check(commune)
    assert check.ok and check.count == 605
    head = LedgerHead.objects.get(commune=commune)
    assert (head.count, head.head) == (605, check.head)
    cash = Account.objects.get(commune=commune, code=chart.RECYCLING_CASH)
    assert cash.debits_posted == sum(100 + i for i in range(605))
    assert ledger_for(commune).balance(chart.RECYCLING_CASH).debits_posted == cash.debits_posted


@pytest.mark.django_db(transaction=True)
def test_a_read_inside_the_block_sees_the_entries_still_being_inserted(commune: Commune) -> None:
    with posting_lock(commune) as ledger:
        storage = ledger.storage
        assert isinstance(storage, DatabaseStorage)
        with storage.writing_behind():
            ledger.post_many(sales(400))
            # An idempotency key already posted: found in the database, not posted twice.
            again = ledger.post_many(sales(1, 399))
            assert again[0].sequence == 400
            assert storage.get_entry(400) is not None
    assert Entry.objects.filter(commune=commune).count() == 400


@pytest.mark.django_db(transaction=True)
def test_a_refused_insert_is_reported_and_nothing_of_the_batch_is_kept(
    commune: Commune,
) -> None:
    ledger_for(commune).post_many(sales(2))
    # A row written behind the application's back takes a sequence number the batch needs.
    clash = Entry.objects.get(commune=commune, sequence=2)
    clash.pk = None
    clash.sequence = 30
    clash.idempotency_key = ""
    clash.save()
    with pytest.raises(StorageConflict):
        with posting_lock(commune) as ledger:
            storage = ledger.storage
            assert isinstance(storage, DatabaseStorage)
            with storage.writing_behind():
                ledger.post_many(sales(50, 10))
    assert not Entry.objects.filter(commune=commune, idempotency_key="venta-10").exists()
    assert LedgerHead.objects.get(commune=commune).count == 2
