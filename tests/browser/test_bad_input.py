"""Bad input met in a real browser, in Spanish at phone size: a refused field sent by htmx
comes back as a 400 and its reason is shown where the answer goes (htmx swaps a 400 in)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from comuna.distribution import services
from comuna.distribution.models import Delivery
from tests.browser.conftest import log_in
from tests.conftest import World
from tests.distribution.conftest import bag_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_proxy_name_too_long_is_refused_at_the_table_with_its_reason(
    page: Any, live_server: Any, world: World
) -> None:
    round_ = services.round_create(
        programme=bag_programme(world),
        stock_received=5,
        received_on=dt.date(2026, 3, 1),
        distribution_on=dt.date(2026, 3, 2),
    )
    round_ = services.round_open(round=round_, seed="asamblea", by=world.admin)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/reparto/rondas/{round_.pk}/mesa/1/")
    page.fill("[data-testid=lookup]", world.household.card_code)
    page.locator("[data-testid=found-household]").wait_for()
    page.check("input[name=collected_by][value=proxy]")
    page.fill("[data-testid=proxy-name]", "R" * 121)
    with page.expect_response(lambda r: r.url.endswith("/entregar/")) as answer:
        page.click("[data-testid=deliver]")
    assert answer.value.status == 400
    error = page.locator("[data-testid=table-error]")
    error.wait_for()
    assert "120 caracteres" in error.inner_text()
    assert not Delivery.objects.exists()
