"""The distribution day in a real browser: open a round, check in by card or name, deliver."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from comuna.distribution import services
from comuna.distribution.models import Delivery, NonDelivery, Round, RoundStatus
from tests.browser.conftest import log_in
from tests.conftest import World
from tests.distribution.conftest import bag_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _draft(world: World) -> Round:
    return services.round_create(
        programme=bag_programme(world),
        stock_received=5,
        received_on=dt.date(2026, 3, 1),
        distribution_on=dt.date(2026, 3, 2),
        tables=2,
    )


def test_the_admin_opens_a_round_and_delivers_by_scanning_a_card_to_a_proxy(
    page: Any, live_server: Any, world: World
) -> None:
    round_ = _draft(world)
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/reparto/rondas/{round_.pk}/")
    page.fill("[data-testid=seed-input]", "asamblea 2026-03-01")
    page.click("form[action$='/abrir/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN
    assert round_.input_hash in page.inner_text("[data-testid=seed]")

    page.goto(f"{live_server.url}/reparto/rondas/{round_.pk}/mesa/1/")
    # A scanner types the QR's whole address into the focused field.
    scanned = f"http://192.168.0.10:8000/censo/carnet/?code={world.household.card_code}"
    page.fill("[data-testid=lookup]", scanned)
    found = page.locator("[data-testid=found-household]")
    found.wait_for()
    assert world.household.label in found.inner_text()
    page.check("input[name=collected_by][value=proxy]")
    page.fill("[data-testid=proxy-name]", "Rosa Díaz")
    page.click("[data-testid=deliver]")
    page.locator("[data-testid=table-ok]").wait_for()
    delivery = Delivery.objects.get()
    assert delivery.household == world.household and delivery.proxy_name == "Rosa Díaz"
    assert page.locator("[data-testid=already]").is_visible()


def test_a_spokesperson_finds_a_household_by_name_and_records_why_it_did_not_receive(
    page: Any, live_server: Any, world: World
) -> None:
    round_ = services.round_open(round=_draft(world), seed="s", by=world.admin)
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}/reparto/rondas/{round_.pk}/mesa/2/")
    page.type("[data-testid=lookup]", "Pérez Rod")
    found = page.locator("[data-testid=found-household]")
    found.wait_for()
    assert world.household.label in found.inner_text()
    page.select_option("[data-testid=reason]", "no_money")
    page.click("[data-testid=not-delivered]")
    page.locator("[data-testid=table-ok]").wait_for()
    assert NonDelivery.objects.get().reason == "no_money"
    # Then the household comes back with the money, and the same table delivers.
    page.click("[data-testid=deliver]")
    page.locator("[data-testid=already]").wait_for()
    assert Delivery.objects.get().table == 2
