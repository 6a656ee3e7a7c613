"""Forms as a volunteer meets them on a phone, in Spanish: dates the picker keeps, one clear
summary of what to fix at the top of a form, and a form that saves once however often it is
sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from comuna.census.models import Person
from comuna.governance.models import Meeting
from comuna.ledger import chart
from comuna.ledger.models import Entry
from comuna.ledger.services import transfer_post
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World
from tests.governance.conftest import parliament  # noqa: F401 - a fixture used below

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _phone(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})


def test_a_person_saved_unchanged_in_spanish_keeps_the_birth_date(
    page: Any, live_server: Any, world: World
) -> None:
    _phone(page)
    born = world.child.birth_date
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}{reverse('census:person_edit', args=[world.child.pk])}")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.input_value("#id_birth_date") == born.isoformat()
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(world.household.get_absolute_url())
    assert page.locator("[data-testid=error-summary]").count() == 0
    assert Person.objects.get(pk=world.child.pk).birth_date == born


@pytest.mark.usefixtures("parliament")
def test_the_parliament_calendar_saved_unchanged_in_spanish_starts_today(
    page: Any, live_server: Any, world: World
) -> None:
    _phone(page)
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}{reverse('governance:parliament_calendar')}")
    today = page.input_value("#id_start")
    assert dt.date.fromisoformat(today)  # the picker holds a date, not an empty box
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    summary = page.locator("[data-testid=error-summary]")
    assert summary.count() == 0, summary.inner_text()
    assert Meeting.objects.of(world.commune).count() >= 12
    assert Meeting.objects.of(world.commune).order_by("date").first().date >= dt.date.fromisoformat(
        today
    )


def test_going_back_and_saving_again_posts_nothing_more(
    page: Any, live_server: Any, world: World
) -> None:
    _phone(page)
    log_in(page, live_server, "vocera")
    transfer_post(
        commune=world.commune, debit=chart.EMERGENCY_FUND, credit=chart.CAPITAL_VES,
        amount=50_000_00, unit="VES", date=timezone.localdate(), description="Apertura",
        author="admin",
    )  # fmt: skip
    page.goto(f"{live_server.url}/cuentas/registrar/emergencia/")
    page.fill("#id_amount", "300")
    page.fill("#id_what", "Medicinas")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/cuentas/registrar/")
    assert Entry.objects.of(world.commune).count() == 2
    page.go_back()
    page.wait_for_load_state("networkidle")
    assert page.input_value("#id_amount") == "300"
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    done = page.locator("[data-testid=already-saved]")
    assert "Esto ya se guardó" in done.inner_text()
    assert Entry.objects.of(world.commune).count() == 2
    page.click("[data-testid=saved-link]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/cuentas/registrar/")


def test_a_form_with_errors_lands_on_its_summary(page: Any, live_server: Any, world: World) -> None:
    _phone(page)
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}{reverse('census:person_create', args=[world.household.pk])}")
    page.fill("#id_first_names", "Rosa")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    summary = page.locator("[data-testid=error-summary]")
    assert summary.locator("h2").inner_text() == "Hay un problema"
    assert page.evaluate("document.activeElement.dataset.testid") == "error-summary"
    assert summary.is_visible() and _in_view(page, summary)
    summary.locator("a[href='#id_last_names']").click()
    assert page.evaluate("document.activeElement.id") == "id_last_names"
    assert page.input_value("#id_first_names") == "Rosa"
    assert_accessible(page)


def _in_view(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    height = page.evaluate("window.innerHeight")
    return bool(box) and box["y"] >= 0 and box["y"] < height
