from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_spokesperson_logs_in_and_finds_a_household_as_they_type(
    page: Any, live_server: Any, world: World
) -> None:
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}/censo/")
    page.fill("#census-search", "maria jose")
    result = page.locator("#search-results a", has_text="María José Pérez Rodríguez")
    result.wait_for()
    result.click()
    page.wait_for_url("**/censo/hogares/*/")
    assert "CC01-0001" in page.inner_text("h1")


def test_the_search_finds_a_person_by_id_number(page: Any, live_server: Any, world: World) -> None:
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}/censo/")
    page.fill("#census-search", "12.345.678")
    page.locator("#search-results a", has_text="María José").wait_for()


def test_the_language_switches_between_spanish_and_english(
    page: Any, live_server: Any, world: World
) -> None:
    page.goto(f"{live_server.url}/publico/")
    assert page.get_attribute("html", "lang") == "es"
    page.click("[data-testid=switch-language]")
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "lang") == "en"
    assert "Our commune in figures" in page.inner_text("h1")
    page.click("[data-testid=switch-language]")
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "lang") == "es"


def test_a_wrong_password_gets_a_clear_message(page: Any, live_server: Any, world: World) -> None:
    page.goto(f"{live_server.url}/cuenta/entrar/")
    page.fill("#id_username", "vocera")
    page.fill("#id_password", "not the password")
    page.click("button[type=submit]")
    assert page.locator(".errorlist").is_visible()


def test_a_spokesperson_registers_a_person_and_a_bad_id_is_refused(
    page: Any, live_server: Any, world: World
) -> None:
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}/censo/hogares/{world.household.pk}/personas/nueva/")
    page.fill("#id_first_names", "Yusmary")
    page.fill("#id_last_names", "Pérez")
    page.fill("#id_national_id", "V-12.345.678")  # already María José's
    page.fill("#id_birth_date", "1999-04-02")
    page.click("button[name=save]")
    assert page.locator(".errorlist").is_visible()
    page.fill("#id_national_id", "")
    page.click("button[name=save]")
    page.wait_for_url(f"**/censo/hogares/{world.household.pk}/")
    assert "Yusmary Pérez" in page.inner_text("table")
