"""The administrator sets the commune's address for phones in the browser: in Spanish, on a
phone (390×844), refused in Spanish when it is this computer's own address."""

from __future__ import annotations

from typing import Any

import pytest

from comuna.core.models import Commune
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administrator_sets_the_address_for_phones_on_a_phone(
    page: Any, live_server: Any, world: World
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "admin")
    page.click("[data-testid=menu-toggle]")
    page.click("[data-testid=commune-settings]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Ajustes de la comuna"
    assert page.input_value("#id_public_url") == "http://192.168.1.10:8000"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    page.fill("#id_public_url", "127.0.0.1:8000")
    page.click("[data-testid=settings-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "es esta misma computadora" in page.inner_text("[data-testid=settings-form]")
    assert Commune.objects.get(pk=world.commune.pk).public_url == "http://192.168.1.10:8000"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    page.fill("#id_public_url", "192.168.1.20:8000")
    page.click("[data-testid=settings-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Ajustes guardados." in page.inner_text(".messages")
    assert page.input_value("#id_public_url") == "http://192.168.1.20:8000"
    assert Commune.objects.get(pk=world.commune.pk).public_url == "http://192.168.1.20:8000"


def test_a_spokesperson_has_no_settings_to_change(
    page: Any, live_server: Any, world: World
) -> None:
    log_in(page, live_server, "vocera")
    assert page.locator("[data-testid=commune-settings]").count() == 0
    response = page.goto(f"{live_server.url}/ajustes/")
    assert response.status == 403
