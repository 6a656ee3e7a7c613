"""Reading the books writes nothing: no page, no API read, opens a transaction or a row.

The chart is opened once, when the commune is created (``comuna.core.services``), so a page
that only reads never has anything to make up.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comuna.ledger import chart
from comuna.ledger.models import Account, LedgerHead
from comuna.ledger.services import (
    sharing_rule_create,
    statement_close,
    transfer_post,
    transfer_propose,
)
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN", "REPLACE")

PAGES = [
    "/cuentas/",
    "/cuentas/estados/{statement}/",
    "/cuentas/estados/{statement}/pdf/",
    "/cuentas/estados/cerrar/",
    "/cuentas/libro/",
    "/cuentas/libro/abrir-cuenta/",
    f"/cuentas/libro/cuenta/{chart.EMERGENCY_FUND}/",
    "/cuentas/libro/asiento/1/",
    "/cuentas/libro/transferencia/",
    "/cuentas/libro/importar/",
    "/cuentas/libro/importar/plantilla.csv",
    "/cuentas/propuestas/",
    "/cuentas/registrar/",
    "/cuentas/registrar/emergencia/",
    "/cuentas/presupuestos/",
    "/cuentas/excedentes/",
    "/cuentas/excedentes/{rule}/",
    "/api/ledger/funds",
    "/api/ledger/statements",
    "/api/ledger/verify",
]


def _writes(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


@pytest.fixture
def books(world: World) -> dict[str, int]:
    cache.clear()
    day = dt.date(2025, 3, 10)
    transfer_post(
        commune=world.commune, debit=chart.EMERGENCY_FUND, credit=chart.CAPITAL_VES,
        amount=500_000_000, unit="VES", date=day, description="Aporte", author="admin",
    )  # fmt: skip
    statement = statement_close(
        commune=world.commune, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31)
    )
    transfer_propose(
        commune=world.commune, debit=chart.EXPENSE_EMERGENCY_AID, credit=chart.EMERGENCY_FUND,
        amount=300_000_000, unit="VES", date=dt.date(2025, 4, 2), description="Cirugía",
        author="admin",
    )  # fmt: skip
    source = Account.objects.get(commune=world.commune, code=chart.RECYCLING_CASH)
    rule = sharing_rule_create(commune=world.commune, name="Excedente", source=source)
    return {"statement": statement.pk, "rule": rule.pk}


@pytest.mark.parametrize("page", PAGES)
def test_a_book_keeper_reading_a_page_of_the_books_writes_nothing(
    world: World, books: dict[str, int], page: str
) -> None:
    assert _writes(client_for(world.admin), page.format(**books)) == []


def test_the_public_pages_write_nothing_for_an_anonymous_reader(
    world: World, books: dict[str, int]
) -> None:
    client = client_for(None)
    for page in ("/cuentas/", "/api/ledger/funds", "/api/ledger/verify"):
        assert _writes(client, page) == []


def test_reading_the_books_of_a_commune_without_a_chart_does_not_open_one(
    world: World,
) -> None:
    # A commune written straight to the table, as none is any more: the page reads, and
    # shows empty books, rather than making the chart up.
    Account.objects.all().delete()
    LedgerHead.objects.all().delete()
    assert _writes(client_for(world.admin), "/cuentas/libro/") == []
    assert _writes(client_for(None), "/cuentas/") == []
    assert not Account.objects.exists()
