"""Properties of the stored books, checked on the database with generated data."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.ledger import chart
from comuna.ledger.models import Account, Entry
from comuna.ledger.selectors import integrity_check
from comuna.ledger.services import transfer_post

CODES = [a.code for a in chart.standard_chart()]
UNITS = {a.code: a.unit for a in chart.standard_chart()}
SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
transfers = st.lists(
    st.tuples(
        st.sampled_from(CODES),
        st.sampled_from(CODES),
        st.integers(min_value=-5, max_value=10**9),
        st.sampled_from(["VES", "USD", "KG", "L", "CYL", "BAG"]),
    ),
    max_size=12,
)


@SETTINGS
@given(batch=transfers)
def test_any_sequence_of_transfers_keeps_every_unit_at_zero(
    commune: Commune, batch: list[tuple[str, str, int, str]]
) -> None:
    for debit, credit, amount, unit in batch:
        try:
            transfer_post(
                commune=commune,
                debit=debit,
                credit=credit,
                amount=amount,
                unit=unit,
                date=dt.date(2025, 1, 1),
                description="generated",
                author="test",
            )
        except Refusal:
            pass
    sums: dict[str, int] = {}
    for account in Account.objects.filter(commune=commune):
        net = account.debits_posted - account.credits_posted
        sums[account.unit] = sums.get(account.unit, 0) + net
        assert account.natural >= 0 or account.kind != "asset"
    assert set(sums.values()) <= {0}
    assert integrity_check(commune).ok


def _seed(commune: Commune) -> None:
    if Entry.objects.filter(commune=commune).exists():
        return
    for n in range(6):
        transfer_post(
            commune=commune,
            debit=chart.BANK_VES,
            credit=chart.CAPITAL_VES,
            amount=100 + n,
            unit="VES",
            date=dt.date(2025, 1, 1 + n),
            description=f"Aporte {n}",
            author="ana",
            reference=f"R{n}",
        )


CHANGES = {
    "amount": "amount + 1",
    "description": "description || 'x'",
    "debit": "'3.1.02'",
    "credit": "'1.1.02'",
    "date": "'2024-12-31'",
    "reference": "reference || '0'",
    "author": "'mallory'",
    "kind": "'proposal'",
    "sequence": "sequence + 100",
    "hash": "'0' || substr(hash, 2)",
    "previous_hash": "'f' || substr(previous_hash, 2)",
    "unit": "'USD'",
}


@SETTINGS
@given(sequence=st.integers(min_value=1, max_value=6), field=st.sampled_from(sorted(CHANGES)))
def test_any_change_to_any_stored_entry_is_detected(
    commune: Commune, sequence: int, field: str
) -> None:
    _seed(commune)
    assert integrity_check(commune).ok
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE ledger_entry SET {field} = {CHANGES[field]} "  # noqa: S608
                    "WHERE commune_id = %s AND sequence = %s",
                    [commune.pk, sequence],
                )
            result = integrity_check(commune)
            assert result.first_bad is not None
            assert result.first_bad.sequence <= sequence
            raise _Undo
    except _Undo:
        pass


def test_a_deleted_entry_is_detected(commune: Commune) -> None:
    _seed(commune)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM ledger_entry WHERE sequence = 3")
    result = integrity_check(commune)
    assert result.first_bad is not None and result.first_bad.sequence == 3


class _Undo(Exception):
    pass
