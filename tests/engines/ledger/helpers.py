"""A small chart of accounts and builders shared by the ledger engine's tests.

Plain functions, not fixtures: Hypothesis tests build a fresh ledger per example.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from comuna.engines.ledger import (
    GENESIS_HASH,
    Account,
    AccountKind,
    ApprovalPolicy,
    Entry,
    EntryKind,
    Ledger,
    MemoryStorage,
    Transfer,
    seal,
)

DAY = dt.date(2024, 5, 4)

CASH = "1.1.01"
BANK_USD = "1.1.02"
STORE_KG = "1.2.01"
GAS_CYL = "1.2.02"
LOAN = "2.1.01"
FUND_VES = "3.1.01"
FUND_USD = "3.1.02"
DONATIONS_KG = "4.1.01"
SALES = "4.2.01"
SUPPLIES = "5.1.01"
SUPPLIES_USD = "5.1.02"
HANDED_OUT_KG = "5.2.01"
GAS_DELIVERED = "5.2.02"

CHART = (
    Account(CASH, "Caja chica", AccountKind.ASSET, "VES", floor=0),
    Account(BANK_USD, "Banco comunal (USD)", AccountKind.ASSET, "USD", floor=0),
    Account(STORE_KG, "Almacén de harina", AccountKind.ASSET, "KG", floor=0),
    Account(GAS_CYL, "Bombonas en depósito", AccountKind.ASSET, "CYL", floor=0),
    Account(LOAN, "Préstamo del banco comunal", AccountKind.LIABILITY, "VES"),
    Account(FUND_VES, "Fondo comunal", AccountKind.FUND, "VES"),
    Account(FUND_USD, "Fondo comunal (USD)", AccountKind.FUND, "USD"),
    Account(DONATIONS_KG, "Donaciones en especie", AccountKind.INCOME, "KG"),
    Account(SALES, "Venta de reciclaje", AccountKind.INCOME, "VES"),
    Account(SUPPLIES, "Insumos", AccountKind.EXPENSE, "VES"),
    Account(SUPPLIES_USD, "Insumos (USD)", AccountKind.EXPENSE, "USD"),
    Account(HANDED_OUT_KG, "Harina entregada", AccountKind.EXPENSE, "KG"),
    Account(GAS_DELIVERED, "Bombonas entregadas", AccountKind.EXPENSE, "CYL"),
)

# 10.000,00 Bs and 100,00 USD: spends above these need a second person.
POLICY = ApprovalPolicy({"VES": 1_000_000, "USD": 10_000})


def make_ledger(*, policy: ApprovalPolicy = POLICY) -> Ledger:
    ledger = Ledger(MemoryStorage(), policy=policy)
    for account in CHART:
        ledger.open_account(account)
    return ledger


def memory(ledger: Ledger) -> MemoryStorage:
    storage = ledger.storage
    assert isinstance(storage, MemoryStorage)
    return storage


def transfer(
    debit: str,
    credit: str,
    amount: int,
    unit: str = "VES",
    *,
    description: str = "Movimiento",
    author: str = "ana",
    reference: str = "",
    key: str = "",
    date: dt.date = DAY,
) -> Transfer:
    return Transfer(
        debit=debit,
        credit=credit,
        amount=amount,
        unit=unit,
        date=date,
        description=description,
        author=author,
        reference=reference,
        idempotency_key=key,
    )


def chain_of(n: int) -> list[Entry]:
    """A sound chain of ``n`` transfers, built without a ledger."""
    entries: list[Entry] = []
    previous = GENESIS_HASH
    for sequence in range(1, n + 1):
        entry = seal(
            Entry(
                sequence=sequence,
                kind=EntryKind.TRANSFER,
                debit=CASH,
                credit=FUND_VES,
                amount=100 * sequence,
                unit="VES",
                date=DAY,
                description=f"Aporte {sequence}",
                reference="",
                idempotency_key="",
                author="ana",
                pending_id=None,
                previous_hash=previous,
                hash="",
            )
        )
        entries.append(entry)
        previous = entry.hash
    return entries


def rechain(entries: list[Entry], start: int) -> list[Entry]:
    """Rewrite ``entries`` from index ``start`` on with fresh links and hashes, as a forger
    with write access to the database would."""
    out = list(entries[:start])
    previous = out[-1].hash if out else GENESIS_HASH
    for entry in entries[start:]:
        entry = seal(replace(entry, previous_hash=previous))
        out.append(entry)
        previous = entry.hash
    return out
