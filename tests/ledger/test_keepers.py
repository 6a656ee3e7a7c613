"""Who keeps the books: the administrator and the treasurer write in them; the comptroller
reads everything and verifies, and is refused every write, by the access rules and by the
pages, which do not offer it the buttons either."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import translation

from comuna.ledger import access, chart
from comuna.ledger.models import Account, Budget, Entry, Finding, SharingRule, Statement
from comuna.ledger.services import transfer_post, transfer_propose
from tests.conftest import World, client_for

DAY = dt.date(2025, 3, 10)


@pytest.fixture
def books(world: World) -> World:
    cache.clear()
    transfer_post(
        commune=world.commune, debit=chart.EMERGENCY_FUND, credit=chart.CAPITAL_VES,
        amount=5_000_000, unit="VES", date=DAY, description="Opening", author="admin",
    )  # fmt: skip
    transfer_propose(
        commune=world.commune, debit=chart.EXPENSE_EMERGENCY_AID, credit=chart.EMERGENCY_FUND,
        amount=3_000_000, unit="VES", date=DAY, description="Surgery", author="admin",
    )  # fmt: skip
    return world


def _post(client: Client, url: str, data: dict[str, object]) -> Any:
    client.get("/cuentas/")
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def _writes(world: World) -> list[tuple[str, dict[str, object]]]:
    proposal = Entry.objects.of(world.commune).get(kind="proposal")
    return [
        ("/cuentas/libro/transferencia/", {
            "debit": chart.BANK_VES, "credit": chart.CAPITAL_VES, "amount": "10,00",
            "description": "Aporte", "date": "2025-03-11"}),
        ("/cuentas/registrar/emergencia/", {
            "amount": "10,00", "what": "Medicinas", "date": "2025-03-11"}),
        ("/cuentas/libro/asiento/1/revertir/", {"description": "error"}),
        (f"/cuentas/propuestas/{proposal.sequence}/", {"action": "approve"}),
        ("/cuentas/libro/abrir-cuenta/", {
            "code": "1.5.09", "name": "Comuna Vecina", "kind": "asset", "unit": "VES"}),
        ("/cuentas/excedentes/", {
            "name": "Reparto", "source": Account.objects.of(world.commune)
            .get(code=chart.RECYCLING_CASH).pk}),
        ("/cuentas/presupuestos/", {
            "organ": "Consejo Ejecutivo", "start": "2025-03-01", "end": "2025-03-31",
            "account": Account.objects.of(world.commune).get(code=chart.EXPENSE_DIESEL).pk,
            "amount": "100,00"}),
        ("/cuentas/estados/cerrar/", {"start": "2025-03-01", "end": "2025-03-31"}),
    ]  # fmt: skip


def _state(world: World) -> tuple[int, ...]:
    return tuple(
        model.objects.of(world.commune).count()  # type: ignore[attr-defined]
        for model in (Entry, Account, SharingRule, Budget, Statement)
    )


@pytest.mark.parametrize(
    ("persona", "keeps", "reads", "records"),
    [
        ("admin", True, True, True),
        ("treasurer", True, True, True),
        ("comptroller", False, True, False),
        ("spokesperson", False, False, True),
        ("resident", False, False, False),
    ],
)
def test_the_access_rules_say_who_keeps_reads_and_records(
    world: World, persona: str, keeps: bool, reads: bool, records: bool
) -> None:
    actor = world.actor(getattr(world, persona))
    assert access.keeps_books(actor) is keeps
    assert access.reads_books(actor) is reads
    assert access.records_forms(actor) is records


def test_the_comptroller_is_refused_the_writes_with_the_reason(world: World) -> None:
    actor = world.actor(world.comptroller)
    assert access.require_books_read(actor) == world.comptroller
    writes: list[Callable[[Any], Any]] = [access.require_books, access.require_forms]
    for check in writes:
        with pytest.raises(PermissionDenied):
            check(actor)
    with translation.override("en"), pytest.raises(PermissionDenied, match="comptroller"):
        access.require_books(actor)


def test_the_comptroller_is_refused_every_write_through_the_pages(books: World) -> None:
    client = client_for(books.comptroller)
    before = _state(books)
    for url, data in _writes(books):
        assert _post(client, url, data).status_code == 403, url
    upload = client.post("/cuentas/libro/importar/", {"file": b""})
    assert upload.status_code == 403
    assert _state(books) == before
    assert not Entry.objects.of(books.commune).filter(author="contralor").exists()


def test_the_treasurer_makes_every_write_through_the_pages(books: World) -> None:
    client = client_for(books.treasurer)
    for url, data in _writes(books):
        response = _post(client, url, data)
        assert response.status_code == 302, (url, response.content.decode()[:2000])
    authors = set(Entry.objects.of(books.commune).values_list("author", flat=True))
    assert "tesorera" in authors
    assert Account.objects.of(books.commune).filter(code="1.5.09").exists()
    assert SharingRule.objects.of(books.commune).filter(name="Reparto").exists()
    assert Budget.objects.of(books.commune).exists()
    assert Statement.objects.of(books.commune).exists()


def test_the_comptroller_reads_and_verifies_but_is_offered_no_write(books: World) -> None:
    client = client_for(books.comptroller)
    page = client.get("/cuentas/libro/").content.decode()
    assert 'data-testid="verify"' in page
    for write in ("/cuentas/libro/transferencia/", "/cuentas/libro/abrir-cuenta/",
                  "/cuentas/estados/cerrar/", "/cuentas/libro/importar/",
                  "/cuentas/registrar/"):  # fmt: skip
        assert f'href="{write}"' not in page, write
    assert "/revertir/" not in client.get("/cuentas/libro/asiento/1/").content.decode()
    proposals = client.get("/cuentas/propuestas/").content.decode()
    assert "Surgery" in proposals and 'value="approve"' not in proposals
    for page_url in ("/cuentas/presupuestos/", "/cuentas/excedentes/"):
        main = client.get(page_url).content.decode().split("<main>")[1]
        assert 'method="post"' not in main, page_url
    assert _post(client, "/cuentas/libro/verificar/", {}).status_code == 302


def test_the_treasurer_is_offered_the_writes(books: World) -> None:
    page = client_for(books.treasurer).get("/cuentas/libro/").content.decode()
    for write in ("/cuentas/libro/transferencia/", "/cuentas/libro/abrir-cuenta/",
                  "/cuentas/estados/cerrar/", "/cuentas/libro/importar/"):  # fmt: skip
        assert f'href="{write}"' in page, write


def test_the_comptroller_records_a_finding_and_the_treasurer_reads_it(books: World) -> None:
    client = client_for(books.comptroller)
    data = {"title": "Falta el recibo", "text": "Sin factura.", "entry_sequence": "1",
            "found_on": "2025-03-12"}  # fmt: skip
    assert _post(client, "/cuentas/hallazgos/", data).status_code == 302
    finding = Finding.objects.of(books.commune).get()
    assert (finding.entry_sequence, finding.recorded_by) == (1, books.comptroller)
    page = client_for(books.treasurer).get("/cuentas/hallazgos/").content.decode()
    assert "Falta el recibo" in page and 'href="/cuentas/libro/asiento/1/"' in page
    assert "record-finding" not in page
    assert _post(client_for(books.treasurer), "/cuentas/hallazgos/", data).status_code == 403
    assert client_for(books.spokesperson).get("/cuentas/hallazgos/").status_code == 404
    assert Finding.objects.of(books.commune).count() == 1


def test_a_finding_about_an_entry_the_books_do_not_hold_is_refused(books: World) -> None:
    data = {"title": "X", "entry_sequence": "99", "found_on": "2025-03-12"}
    response = _post(client_for(books.comptroller), "/cuentas/hallazgos/", data)
    assert "no entry 99" in response.content.decode()
    assert not Finding.objects.exists()
