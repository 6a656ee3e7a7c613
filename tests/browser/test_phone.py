"""Comuna on a phone (390×844, in Spanish): the header, the distribution table, the census
search, and pages that used to scroll sideways or run for metres."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from comuna.census.identity import format_national_id
from comuna.demo.builder import DEMO_LOGINS
from comuna.distribution import services
from comuna.distribution.models import Delivery, Round, RoundStatus
from tests import factories
from tests.browser.conftest import assert_accessible, log_in, serious_violations
from tests.conftest import World
from tests.distribution.conftest import bag_programme
from tests.pages import Demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# A one-line bar is about 60 px; 80 leaves room for a larger system font, not for a second line.
HEADER_MOST = 80
# The resident's page lists at most 24 rounds, each folded to one or two lines (about 70 px),
# under a summary: some 2,300 px at most, where the unfolded table ran to 9,400.
WHY_PAGE_MOST = 2_500


@pytest.fixture
def phone(page: Any) -> Any:
    page.set_viewport_size(PHONE)
    return page


def _open_round(world: World) -> Round:
    round_ = services.round_create(
        programme=bag_programme(world),
        stock_received=5,
        received_on=dt.date(2026, 3, 1),
        distribution_on=dt.date(2026, 3, 2),
        tables=2,
    )
    return services.round_open(round=round_, seed="asamblea", by=world.admin)


def _width(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_the_header_is_one_line_with_the_language_top_right_and_a_menu_that_opens(
    phone: Any, live_server: Any, world: World
) -> None:
    log_in(phone, live_server, "vocera")
    phone.goto(f"{live_server.url}/censo/")
    header = phone.locator("header").bounding_box()
    assert header["height"] <= HEADER_MOST
    language = phone.locator("[data-testid=switch-language]").bounding_box()
    assert language["y"] < header["height"] and language["x"] + language["width"] > 390 - 40
    menu = phone.get_by_role("navigation", name="Menú principal")
    toggle = phone.get_by_role("button", name="Menú")
    assert not menu.is_visible() and toggle.get_attribute("aria-expanded") == "false"

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
    assert "Vocero o vocera del consejo" in phone.inner_text("header")
    assert_accessible(phone)
    menu.get_by_role("link", name="Reuniones").click()
    phone.wait_for_url("**/gobierno/reuniones/")
    assert phone.locator("header").bounding_box()["height"] <= HEADER_MOST


def test_the_table_finds_a_household_by_id_number_or_code_and_shows_who_lives_there(
    phone: Any, live_server: Any, world: World
) -> None:
    round_ = _open_round(world)
    log_in(phone, live_server, "vocera")
    phone.goto(f"{live_server.url}/reparto/rondas/{round_.pk}/mesa/1/")
    box = phone.locator("[data-testid=lookup]")
    size = box.bounding_box()
    assert size["height"] >= 44 and size["width"] >= 250
    assert box.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    assert box.get_attribute("autocomplete") == "off"

    found = phone.locator("[data-testid=found-household]")
    for typed in ("V-12.345.678", "CC01-0001", "cc010001", "12345678"):
        box.fill(typed)
        found.filter(has_text=world.household.label).wait_for()
        assert found.count() == 1
    text = found.inner_text()
    assert world.household.address in text
    assert "María José Pérez Rodríguez" in phone.inner_text("[data-testid=found-head]")
    members = phone.inner_text("[data-testid=found-members]")
    assert "Luis Pérez" in members and format_national_id(world.head.national_id) in members
    assert _width(phone) <= 390
    assert_accessible(phone)


def test_a_delivery_and_a_refusal_differ_in_words_and_in_role(
    phone: Any, live_server: Any, world: World
) -> None:
    neighbour = factories.make_household(world.council, reference="0002")
    factories.make_person(neighbour, first_names="Ana", last_names="Díaz", national_id="V30771202")
    round_ = _open_round(world)
    log_in(phone, live_server, "vocera")
    phone.goto(f"{live_server.url}/reparto/rondas/{round_.pk}/mesa/1/")
    phone.fill("[data-testid=lookup]", "V-30.771.202")
    phone.locator("[data-testid=found-household]", has_text="CC01-0002").wait_for()
    phone.locator("[data-testid=deliver]").click()
    done = phone.get_by_role("status")
    done.wait_for()
    assert "Entregado" in done.inner_text() and phone.get_by_role("alert").count() == 0
    assert phone.locator("#found").get_attribute("aria-live") == "polite"
    assert_accessible(phone)

    # Another table delivers to the next household while this one still shows it.
    phone.fill("[data-testid=lookup]", "CC01-0001")
    phone.locator("[data-testid=found-household]", has_text="CC01-0001").wait_for()
    services.delivery_record(round=round_, household=world.household, by=world.admin, table=2)
    phone.locator("[data-testid=deliver]").click()
    refused = phone.get_by_role("alert")
    refused.wait_for()
    assert "No se puede entregar" in refused.inner_text()
    assert "ya recibió" in refused.inner_text()
    assert phone.get_by_role("status").count() == 0
    colours = {
        kind: phone.evaluate(
            "k => { const e = document.createElement('div'); e.className = 'outcome ' + k;"
            " document.body.append(e); const c = getComputedStyle(e).backgroundColor;"
            " e.remove(); return c; }",
            kind,
        )
        for kind in ("delivered", "refused")
    }
    assert colours["delivered"] != colours["refused"]
    assert Delivery.objects.filter(round=round_).count() == 2
    assert_accessible(phone)


def test_the_census_search_finds_an_id_number_and_a_household_code_as_printed(
    phone: Any, live_server: Any, world: World
) -> None:
    log_in(phone, live_server, "admin")
    phone.goto(f"{live_server.url}/censo/")
    results = phone.locator("#search-results")
    phone.fill("#census-search", "V-12.345.678")
    results.get_by_text("María José Pérez Rodríguez").wait_for()
    phone.fill("#census-search", "cc02-0001")
    results.get_by_text("Carmen Rojas").wait_for()
    assert "María José" not in results.inner_text()
    assert _width(phone) <= 390


# On the demo commune, whose books, rounds and a year of rounds make the long pages.


@pytest.fixture
def demo_phone(browser: Any, live_server: Any, demo: Demo) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, locale="es-VE")
    context.set_default_timeout(20_000)
    yield context
    context.close()


def _demo_log_in(context: Any, live_server: Any, username: str) -> Any:
    password = {base: password for base, password, _role in DEMO_LOGINS}[username]
    tab = context.new_page()
    tab.goto(f"{live_server.url}/cuenta/entrar/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", password)
    tab.click("button[type=submit]")
    tab.wait_for_url(lambda url: "/cuenta/entrar/" not in url)
    return tab


def test_the_books_and_the_round_pages_fit_a_phone(
    demo_phone: Any, live_server: Any, demo: Demo
) -> None:
    rounds = Round.objects.of(demo.commune)
    open_round = rounds.filter(status=RoundStatus.OPEN).order_by("pk").first()
    closed_round = rounds.filter(status=RoundStatus.CLOSED).order_by("pk").first()
    assert open_round is not None and closed_round is not None
    tab = _demo_log_in(demo_phone, live_server, "admin")
    for path in (
        "/cuentas/libro/",
        "/cuentas/",
        f"/reparto/rondas/{open_round.pk}/",
        f"/reparto/rondas/{closed_round.pk}/",
        f"/reparto/rondas/{open_round.pk}/mesa/1/",
        f"/reparto/rondas/{open_round.pk}/verificar/",
        "/reparto/conciliacion/",
    ):
        tab.goto(live_server.url + path)
        assert _width(tab) <= 390, path
        assert tab.locator("header").bounding_box()["height"] <= HEADER_MOST, path
        assert serious_violations(tab) == [], path
    # A table wider than the screen scrolls in its own frame, which says so and takes focus.
    tab.goto(f"{live_server.url}/cuentas/libro/")
    frame = tab.locator(".table-wrap[role=region]").first
    assert frame.get_attribute("tabindex") == "0" and frame.get_attribute("aria-label")
    assert "deslízala de lado" in tab.inner_text(".scroll-hint >> nth=0")


def test_the_why_was_i_served_page_is_short_and_answers_first(
    demo_phone: Any, live_server: Any, demo: Demo
) -> None:
    tab = _demo_log_in(demo_phone, live_server, "vecino")
    (household,) = demo.ids[demo.usernames["vecino"]]["household"]
    tab.goto(f"{live_server.url}/reparto/hogares/{household}/")
    height = tab.evaluate("document.documentElement.scrollHeight")
    assert height <= WHY_PAGE_MOST
    assert _width(tab) <= 390
    summary = tab.locator("[data-testid=household-summary]").bounding_box()
    assert summary["y"] < 844  # the answer is on the first screen
    rounds = tab.locator("[data-testid=household-rounds] details")
    assert rounds.count() >= 12
    rounds.first.locator("summary").click()
    assert rounds.first.locator("p").is_visible()
    assert serious_violations(tab) == []
