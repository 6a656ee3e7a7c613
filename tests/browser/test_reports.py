"""Statistics charts and household cards, as a phone's browser meets them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.browser.conftest import log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_statistics_draw_their_charts_on_a_phone_with_no_script_and_no_internet(
    page: Any, live_server: Any, world: World
) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    log_in(page, live_server, "vecina")
    page.goto(f"{live_server.url}{reverse('census:statistics')}")
    for chart in ("pyramid", "vulnerability", "councils"):
        svg = page.locator(f"[data-testid=chart-{chart}] svg")
        box = svg.bounding_box()
        assert box["width"] > 200 and box["x"] + box["width"] <= 390  # inside the phone
        assert svg.locator("rect").count() > 0
    # The colours come from the stylesheet's variables: a woman's bar is not black.
    fill = page.eval_on_selector(
        "[data-testid=chart-pyramid] rect.fill-f", "r => getComputedStyle(r).fill"
    )
    assert fill not in ("", "rgb(0, 0, 0)")
    page.click("[data-testid=chart-pyramid] summary")
    assert page.locator("[data-testid=chart-pyramid] table").is_visible()
    assert outside == []


def test_a_resident_downloads_their_card_from_the_household_page(
    page: Any, live_server: Any, world: World
) -> None:
    log_in(page, live_server, "vecina")
    page.goto(f"{live_server.url}{reverse('census:household', args=[world.household.pk])}")
    href = page.get_attribute(
        f"a[href='{reverse('census:household_card', args=[world.household.pk])}']", "href"
    )
    answer = page.request.get(f"{live_server.url}{href}")
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")
    assert world.household.card_code.encode() in answer.body()  # in the QR code's link
