"""Clearing in a real browser, in Spanish on a phone (390×844): the federation (the
superuser) runs a clearing; then the administrators of commune A and of commune B each see
their parties' obligations before and after, and the entries in their books."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from comuna.clearing.models import ClearingRun
from comuna.clearing.services import obligation_record
from tests.browser.conftest import assert_accessible, log_in
from tests.clearing.conftest import Exchange, exchange_fixture  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _owe(x: Exchange, debtor: Any, creditor: Any, amount: int, what: str) -> None:
    obligation_record(
        debtor=debtor,
        creditor=creditor,
        amount=amount,
        unit=x.unit,
        arose_on=x.today - dt.timedelta(days=5),
        due_on=x.today + dt.timedelta(days=25),
        what=what,
        by=None,
    )


def _choose_commune(page: Any, live_server: Any, code: str, path: str) -> None:
    page.goto(f"{live_server.url}{path}")
    if "/comunas/" in page.url:
        page.click(f"[data-testid=choose-{code}]")
        page.wait_for_load_state("networkidle")
        page.goto(f"{live_server.url}{path}")


def test_the_federation_runs_a_clearing_and_both_communes_see_their_books(
    page: Any, live_server: Any, exchange: Exchange
) -> None:
    x = exchange
    _owe(x, x.a, x.b, 100_00, "atención médica")
    _owe(x, x.b, x.a_bakery, 80_00, "maíz")
    _owe(x, x.a_bakery, x.a, 50_00, "pan para la escuela")
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, live_server, "federacion")
    _choose_commune(page, live_server, x.world.commune.code, "/compensacion/corridas/nueva/")
    assert page.locator("h1").inner_text() == "Realizar una compensación"
    assert "Se compensaría" in page.inner_text("[data-testid=previews]")
    assert_accessible(page)
    page.select_option("#id_unit", str(x.unit.pk))
    page.click("button[name=save]")
    page.locator("[data-testid=positions]").wait_for()
    assert "Compensación realizada" in page.content()
    assert page.inner_text("[data-testid=run-cleared]").strip() == "150,00"
    assert_accessible(page)
    run = ClearingRun.objects.get()

    for login, ours, hidden in (
        ("admin", "Panadería El Panal", "Comuna Ataroa"),
        ("admin_b", "Comuna Ataroa", "Panadería El Panal"),
    ):
        page.context.clear_cookies()
        log_in(page, live_server, login)
        page.goto(f"{live_server.url}/compensacion/corridas/{run.pk}/")
        page.locator("[data-testid=lines]").wait_for()
        positions = page.inner_text("[data-testid=positions]")
        assert ours in positions
        assert hidden not in positions  # another commune's party is not shown
        lines = page.inner_text("[data-testid=lines]")
        assert "Abierto antes" in lines and "Abierto después" in lines
        assert page.locator("[data-testid=chart-positions]").is_visible()
        assert_accessible(page)
        page.goto(f"{live_server.url}/cuentas/libro/")
        books = page.content()
        assert "Compensación del" in books
        assert "Intercambio:" in books
