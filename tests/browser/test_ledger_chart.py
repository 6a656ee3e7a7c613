"""The treasurer opens a pot for a neighbouring commune from the books, on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from comuna.ledger.models import Account
from tests.browser.conftest import log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_treasurer_opens_an_account_and_sees_it_in_the_chart(
    page: Any, live_server: Any, world: World
) -> None:
    cache.clear()
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/cuentas/libro/")
    page.click("[data-testid=account-open]")
    page.fill("#id_code", "1.3.01")  # taken: the social investment fund
    page.fill("#id_name", "Por entregar a la Comuna El Maizal")
    page.select_option("#id_kind", "asset")
    page.select_option("#id_unit", "VES")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert "1.3.01" in page.inner_text(".errorlist")
    page.fill("#id_code", "1.5.01")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/cuentas/libro/")
    row = page.locator("[data-testid=accounts] tr", has_text="1.5.01")
    assert "Por entregar a la Comuna El Maizal" in row.inner_text()
    opened = Account.objects.get(commune=world.commune, code="1.5.01")
    assert (opened.kind, opened.unit, opened.floor) == ("asset", "VES", 0)
