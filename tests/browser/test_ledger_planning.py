"""A treasurer's pages in a phone's browser: budgets against actual, importing the books."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache

from comuna.ledger import chart
from comuna.ledger.models import Account, Entry
from comuna.ledger.services import budget_line_set, transfer_post
from tests.browser.conftest import log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "fecha;descripcion;debe;haber;monto;moneda;referencia"


def test_the_budget_page_draws_budget_against_actual_and_flags_overspending(
    page: Any, live_server: Any, world: World
) -> None:
    cache.clear()
    march = (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    for debit, credit, amount in (
        (chart.EMERGENCY_FUND, chart.CAPITAL_VES, 500_000),
        (chart.EXPENSE_EMERGENCY_AID, chart.EMERGENCY_FUND, 250_000),
    ):
        transfer_post(
            commune=world.commune,
            debit=debit,
            credit=credit,
            amount=amount,
            unit="VES",
            date=march[0],
            description="test",
            author="admin",
        )
    for organ, code, amount in (
        ("Comité de salud", chart.EXPENSE_EMERGENCY_AID, 200_000),
        ("EPS Desechos", chart.EXPENSE_DIESEL, 70_000),
    ):
        budget_line_set(
            commune=world.commune,
            organ=organ,
            start=march[0],
            end=march[1],
            account=Account.objects.get(commune=world.commune, code=code),
            amount=amount,
        )
    log_in(page, live_server, "contralor")
    page.goto(f"{live_server.url}/cuentas/")
    page.click("[data-testid=ledger-nav] a[href$='/presupuestos/']")
    assert page.locator("[data-testid=chart-budget-VES] svg").count() == 1
    assert page.locator("svg [data-flagged='1']").count() == 1
    flagged = page.locator("[data-testid=over-budget]")
    assert flagged.count() == 1
    assert "5.1.05" in flagged.inner_text()
    colour = flagged.locator("strong").evaluate("e => getComputedStyle(e).color")
    assert colour.startswith("rgb(179, 38, 30)")


def choose_file(page: Any, *lines: str, name: str) -> None:
    content = "\n".join([HEADER, *lines]).encode()
    page.set_input_files("#id_file", {"name": name, "mimeType": "text/csv", "buffer": content})


def test_a_treasurer_uploads_a_bad_file_then_a_good_one_and_posts_it(
    page: Any, live_server: Any, world: World
) -> None:
    cache.clear()
    log_in(page, live_server, "tesorera")
    page.goto(f"{live_server.url}/cuentas/libro/")
    page.click("[data-testid=ledger-nav] a[href$='/libro/importar/']")
    choose_file(
        page,
        "2025-01-02;Aporte;1.1.01;3.1.01;1.500,00;VES;A-1",
        "2025-01-03;Gasoil;5.1.02;9.9.9;100;VES;",
        name="malo.csv",
    )
    page.click("button[type=submit]")
    page.wait_for_url("**/libro/importar/*/")
    errors = page.locator("[data-testid=import-errors]")
    assert "9.9.9" in errors.inner_text()
    assert errors.locator("td.num").first.inner_text() == "3"
    assert page.locator("[data-testid=confirm-import]").count() == 0

    page.goto(f"{live_server.url}/cuentas/libro/importar/")
    choose_file(
        page,
        "2025-01-02;Aporte;1.1.01;3.1.01;1.500,00;VES;A-1",
        "2025-01-03;Gasoil;5.1.02;1.1.01;100;VES;",
        name="bueno.csv",
    )
    page.click("button[type=submit]")
    page.wait_for_url("**/libro/importar/*/")
    assert page.inner_text("[data-testid=import-rows]") == "2"
    assert not Entry.objects.exists()
    page.click("[data-testid=confirm-import]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".messages li.success").is_visible()
    assert page.locator("[data-testid=import-applied]").is_visible()
    assert Entry.objects.count() == 2
    page.click("a[href$='/cuentas/libro/']:not([data-testid])>>nth=-1")
    page.wait_for_url("**/cuentas/libro/")
    assert "Gasoil" in page.content()
