from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client

from comuna.ledger import chart
from comuna.ledger.models import Account, Entry, SharingRun, Statement
from comuna.ledger.services import statement_approve, statement_close, transfer_post
from tests.conftest import World, client_for, post_form

DAY = dt.date(2025, 3, 10)


def post_to(client: Client, url: str, data: dict[str, object]) -> HttpResponse:
    """POST to an action that has no page of its own (the CSRF cookie comes from another)."""
    client.get("/cuentas/")
    token = client.cookies["csrftoken"].value
    response: HttpResponse = client.post(url, {**data, "csrfmiddlewaretoken": token})
    return response


@pytest.fixture
def books(world: World) -> World:
    cache.clear()
    transfer_post(
        commune=world.commune,
        debit=chart.EMERGENCY_FUND,
        credit=chart.CAPITAL_VES,
        amount=5_000_000,
        unit="VES",
        date=DAY,
        description="Opening the emergency fund",
        author="admin",
    )
    transfer_post(
        commune=world.commune,
        debit=chart.EXPENSE_EMERGENCY_AID,
        credit=chart.EMERGENCY_FUND,
        amount=120_000,
        unit="VES",
        date=DAY,
        description="Surgical supplies for the family of María Pérez",
        author="admin",
    )
    return world


def test_the_public_page_shows_aggregates_to_anyone(books: World) -> None:
    response = client_for(None).get("/cuentas/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Emergency fund" in text
    assert "48.800,00" in text
    assert "María Pérez" not in text


@pytest.mark.parametrize("persona", ["resident", "spokesperson", None])
def test_only_book_keepers_see_the_books(books: World, persona: str | None) -> None:
    user = getattr(books, persona) if persona else None
    response = client_for(user).get("/cuentas/libro/")
    assert response.status_code in (302, 404)
    assert client_for(user).get("/cuentas/libro/asiento/2/").status_code in (302, 404)


@pytest.mark.parametrize("persona", ["admin", "comptroller"])
def test_book_keepers_drill_down_to_entries(books: World, persona: str) -> None:
    client = client_for(getattr(books, persona))
    assert "María Pérez" in client.get("/cuentas/libro/").content.decode()
    account = client.get(f"/cuentas/libro/cuenta/{chart.EMERGENCY_FUND}/").content.decode()
    assert "Surgical supplies" in account
    entry = client.get("/cuentas/libro/asiento/2/").content.decode()
    assert Entry.objects.get(sequence=2).hash in entry


def test_a_resident_cannot_record(books: World) -> None:
    response = client_for(books.resident).get("/cuentas/registrar/emergencia/")
    assert response.status_code == 403


def test_the_emergency_form_posts_the_right_entry(books: World) -> None:
    post_form(
        client_for(books.spokesperson),
        "/cuentas/registrar/emergencia/",
        {"amount": "100", "what": "Medicines", "case": "E-9", "date": "2025-03-12", "token": "e"},
    )
    assert Account.objects.get(code=chart.EXPENSE_EMERGENCY_AID).natural == 130_000


def test_the_enterprises_short_forms_are_no_longer_the_ledgers(books: World) -> None:
    client = client_for(books.spokesperson)
    for kind in ("recoleccion", "venta", "gasoil"):
        response = client.get(f"/cuentas/registrar/{kind}/")
        assert response.status_code == 302, kind
    index = client.get("/cuentas/registrar/").content.decode()
    assert "/cuentas/registrar/gasoil/" not in index


def test_four_eyes_on_the_proposals_page(books: World) -> None:
    transfer_post(
        commune=books.commune,
        debit=chart.BANK_VES,
        credit=chart.CAPITAL_VES,
        amount=100_000_000,
        unit="VES",
        date=DAY,
        description="Capital",
        author="admin",
    )
    admin = client_for(books.admin)
    post_form(
        admin,
        "/cuentas/libro/transferencia/",
        {
            "debit": chart.EXPENSE_MAINTENANCE,
            "credit": chart.BANK_VES,
            "amount": "300.000,00",
            "description": "Truck engine",
            "date": "2025-03-12",
            "token": "t1",
        },
    )
    proposal = Entry.objects.get(kind="proposal")
    post_to(admin, f"/cuentas/propuestas/{proposal.sequence}/", {"action": "approve"})
    assert not Entry.objects.filter(kind="approval").exists()
    post_to(
        client_for(books.treasurer),
        f"/cuentas/propuestas/{proposal.sequence}/",
        {"action": "approve"},
    )
    assert Entry.objects.filter(kind="approval", pending_id=proposal.sequence).exists()


def test_reversing_an_entry_from_its_page(books: World) -> None:
    post_to(client_for(books.treasurer), "/cuentas/libro/asiento/2/revertir/", {})
    assert Account.objects.get(code=chart.EXPENSE_EMERGENCY_AID).natural == 0


def test_statement_page_and_pdf_carry_head_and_count(books: World) -> None:
    statement = statement_close(
        commune=books.commune, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31)
    )
    page = client_for(None).get(f"/cuentas/estados/{statement.pk}/").content.decode()
    assert statement.head in page
    response = client_for(None).get(f"/cuentas/estados/{statement.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    from tests.pdf import pdf_text

    text = pdf_text(response.content)
    assert statement.head[:32] in text.replace("\n", "")
    assert "Entries: 2" in text
    assert books.commune.name in text.splitlines() and "Page 1" in text.splitlines()


def test_closing_and_approving_from_the_pages(books: World) -> None:
    admin = client_for(books.admin)
    post_form(
        admin,
        "/cuentas/estados/cerrar/",
        {"start": "2025-03-01", "end": "2025-03-31", "label": "Marzo 2025"},
    )
    statement = Statement.objects.get(label="Marzo 2025")
    post_to(
        admin,
        f"/cuentas/estados/{statement.pk}/aprobar/",
        {"approved_on": "2025-04-05", "meeting_reference": "Parlamento, 5 de abril"},
    )
    statement.refresh_from_db()
    assert statement.is_approved


def test_the_alarm_shows_in_red_to_everyone_after_tampering(books: World) -> None:
    statement = statement_close(
        commune=books.commune, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31)
    )
    statement_approve(statement=statement, approved_on=DAY, meeting_reference="Parliament")
    assert "ledger-alarm" not in client_for(None).get("/cuentas/").content.decode()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_entry SET amount = 1 WHERE sequence = 2")
    cache.clear()
    page = client_for(None).get("/cuentas/").content.decode()
    assert "ledger-alarm" in page
    assert "changed behind the application" in page


def test_the_comptroller_runs_the_verification(books: World) -> None:
    client = client_for(books.comptroller)
    response = post_to(client, "/cuentas/libro/verificar/", {})
    assert response.status_code == 302
    page = client.get("/cuentas/libro/").content.decode()
    assert "The books verify: 2 entries" in page


def test_budgets_and_surplus_sharing(books: World) -> None:
    admin = client_for(books.admin)
    aid = Account.objects.get(code=chart.EXPENSE_EMERGENCY_AID)
    post_form(
        admin,
        "/cuentas/presupuestos/",
        {
            "organ": "Comité de salud",
            "start": "2025-03-01",
            "end": "2025-03-31",
            "account": aid.pk,
            "amount": "2.400,00",
        },
    )
    assert "50" in admin.get("/cuentas/presupuestos/").content.decode()
    transfer_post(
        commune=books.commune,
        debit=chart.WASTE_CASH,
        credit=chart.INCOME_WASTE_FEES,
        amount=1_000_000,
        unit="VES",
        date=DAY,
        description="Fees",
        author="admin",
    )
    source = Account.objects.get(code=chart.WASTE_CASH)
    post_form(admin, "/cuentas/excedentes/", {"name": "EPS Desechos", "source": source.pk})
    from comuna.ledger.models import SharingRule

    rule = SharingRule.objects.get()
    for code, percent in ((chart.SOCIAL_FUND, "10"), (chart.EMERGENCY_FUND, "5")):
        post_form(
            admin,
            f"/cuentas/excedentes/{rule.pk}/",
            {
                "share": "1",
                "destination": Account.objects.get(code=code).pk,
                "percent": percent,
                "label": code,
            },
        )
    page = admin.get(
        f"/cuentas/excedentes/{rule.pk}/?start=2025-03-01&end=2025-03-31"
    ).content.decode()
    assert "1.000,00" in page
    post_form(
        admin,
        f"/cuentas/excedentes/{rule.pk}/",
        {"apply": "1", "start": "2025-03-01", "end": "2025-03-31"},
    )
    run = SharingRun.objects.get()
    assert run.surplus == 1_000_000
    assert [line["amount"] for line in run.explanation] == [100_000, 50_000]
    assert Account.objects.get(code=chart.SOCIAL_FUND).natural == 100_000


def test_the_api_gives_statements_and_verification_to_anyone(books: World) -> None:
    statement = statement_close(
        commune=books.commune, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31)
    )
    client = client_for(None)
    listed = client.get("/api/ledger/statements").json()
    assert listed[0]["head"] == statement.head and listed[0]["entry_count"] == 2
    status = client.get("/api/ledger/verify").json()
    assert status["ok"] and status["count"] == 2
    funds = {a["code"]: a["balance"] for a in client.get("/api/ledger/funds").json()}
    assert funds[chart.EMERGENCY_FUND] == 4_880_000
    assert client.get("/api/ledger/accounts").status_code == 401
    assert client_for(books.resident).get("/api/ledger/accounts").status_code == 404
    assert len(client_for(books.comptroller).get("/api/ledger/accounts").json()) > 30
