"""Co-managed enterprises in a real browser, in Spanish on a phone (390×844): the host's
treasurer previews a month's rule and shares it; the share arrives in a neighbouring
commune's own books, where its administrator reads it and the commune's report."""

from __future__ import annotations

from typing import Any

import pytest

from comuna.comanaged.models import ServedCommune
from tests.browser.conftest import assert_accessible, log_in
from tests.comanaged.conftest import co_make
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sharing_a_month_reaches_a_neighbouring_communes_books(
    page: Any, live_server: Any, world: World
) -> None:
    co = co_make(world)
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, live_server, "tesorera")
    page.goto(f"{live_server.url}/cogestion/")
    assert page.locator("h1").inner_text() == "Empresas de gestión compartida"
    page.click(f"text={co.plant.name}")
    page.click("text=Resultados")
    assert_accessible(page)
    page.click("text=2026-03")
    preview = page.inner_text("[data-testid=preview]")
    assert "2.700,00" in preview  # the surplus after costs and the fund
    assert_accessible(page)
    page.click("[data-testid=apply]")
    page.locator("[data-testid=shares]").wait_for()
    assert "se repartió" in page.content()
    assert "810,00" in page.inner_text("[data-testid=shares]")

    page.context.clear_cookies()
    log_in(page, live_server, "admin-b")
    row = ServedCommune.objects.of(world.commune).get(served=co.b)
    page.goto(f"{live_server.url}/cuentas/libro/cuenta/{row.earmarked_account}/")
    assert "810,00" in page.content()
    page.goto(f"{live_server.url}/cogestion/{co.plant.pk}/reporte/{co.b.pk}/")
    assert "810,00" in page.inner_text("[data-testid=report-total]")
    assert_accessible(page)
    answer = page.goto(f"{live_server.url}/cogestion/{co.plant.pk}/reporte/{co.c.pk}/")
    assert answer.status == 404
