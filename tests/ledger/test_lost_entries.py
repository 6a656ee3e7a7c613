"""Deleting the newest entries leaves a shorter chain that still verifies: the books compare it
with the length and head they last recorded, and with the latest approved statement."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comuna.core.models import Commune
from comuna.ledger import chart
from comuna.ledger.models import Entry, LedgerHead
from comuna.ledger.selectors import integrity_check
from comuna.ledger.services import statement_approve, statement_close, transfer_post
from tests.conftest import World, client_for

ENTRIES = 6


def _post(commune: Commune, n: int) -> None:
    transfer_post(
        commune=commune,
        debit=chart.BANK_VES,
        credit=chart.CAPITAL_VES,
        amount=100 + n,
        unit="VES",
        date=dt.date(2025, 1, 1 + n),
        description=f"Aporte {n}",
        author="ana",
    )


def _seed(commune: Commune) -> None:
    if not Entry.objects.of(commune).exists():
        for n in range(ENTRIES):
            _post(commune, n)


def _delete_from(commune: Commune, sequence: int) -> None:
    """What someone with the database file in hand does: no trace in the application."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM ledger_entry WHERE commune_id = %s AND sequence >= %s",
            [commune.pk, sequence],
        )


def _verify() -> CommandError:
    """``comuna ledger verify``, refused; in the language of ``COMUNA_LANGUAGE``."""
    with pytest.raises(CommandError) as raised:
        call_command("ledger", "verify", stdout=io.StringIO(), stderr=io.StringIO())
    return raised.value


class _Undo(Exception):
    pass


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kept=st.integers(min_value=0, max_value=ENTRIES - 1))
def test_deleting_any_non_empty_suffix_is_always_detected(commune: Commune, kept: int) -> None:
    _seed(commune)
    head = LedgerHead.objects.get(commune=commune)
    assert integrity_check(commune).ok
    try:
        with transaction.atomic():
            _delete_from(commune, kept + 1)
            result = integrity_check(commune)
            assert not result.ok
            assert result.first_bad is None  # what is left still verifies on its own
            assert result.count == kept
            assert result.lost == ENTRIES - kept
            assert result.first_lost == kept + 1
            assert (result.expected.count, result.expected.head) == (head.count, head.head)
            raise _Undo
    except _Undo:
        pass


def test_the_command_says_how_many_entries_are_lost_from_where_and_the_head(
    commune: Commune, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")
    _seed(commune)
    head = LedgerHead.objects.get(commune=commune).head
    _delete_from(commune, 5)

    error = _verify()

    assert error.returncode == 1
    message = str(error)
    assert "The books do NOT verify" in message
    assert "2 entries are missing at the end of the books, from number 5 on" in message
    assert f"should have 6 entries and end in the head {head}" in message
    assert "as the books recorded it at the last posting" in message


def test_the_latest_approved_statement_counts_even_when_the_stored_head_was_rewound(
    commune: Commune, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "es")
    _seed(commune)
    statement = statement_close(
        commune=commune, start=dt.date(2025, 1, 1), end=dt.date(2025, 1, 31)
    )
    statement_approve(statement=statement, approved_on=dt.date(2025, 2, 1), meeting_reference="P")
    kept = Entry.objects.of(commune).get(sequence=3)
    _delete_from(commune, 4)
    LedgerHead.objects.filter(commune=commune).update(count=3, head=kept.hash)

    message = str(_verify())

    assert "Faltan 3 asientos al final de la contabilidad, a partir del número 4" in message
    assert statement.head in message
    assert f"«{statement.label}»" in message


def test_an_intact_chain_still_verifies(commune: Commune, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")
    _seed(commune)
    out = io.StringIO()
    call_command("ledger", "verify", stdout=out)
    assert "The books verify: 6 entries" in out.getvalue()


def test_the_comptroller_sees_the_loss_on_the_verification_page(world: World) -> None:
    cache.clear()
    _seed(world.commune)
    head = LedgerHead.objects.get(commune=world.commune).head
    _delete_from(world.commune, 6)
    client = client_for(world.comptroller, language="es")
    client.get("/cuentas/libro/")
    token = client.cookies["csrftoken"].value

    response = client.post("/cuentas/libro/verificar/", {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "La contabilidad NO se verifica" in page
    assert "Falta 1 asiento al final de la contabilidad, el número 6" in page
    assert head in page
    assert 'data-testid="ledger-alarm"' in page
    status = client.get("/api/ledger/verify").json()
    assert status["ok"] is False
    assert status["missing_entries"] == 1
    assert status["expected_head"] == head
