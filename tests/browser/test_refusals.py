"""Refusals as a person meets them on a phone, in Spanish: the reason the app wrote, inside
the site's layout, with a way back; and the pages run under their Content-Security-Policy
without a single violation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from comuna.distribution import services
from comuna.governance import services as governance
from comuna.governance.models import Organ, OrganKind
from tests import factories
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World
from tests.distribution.conftest import bag_programme
from tests.governance.conftest import add_adults, convene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _fits_the_phone(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


def test_the_spokesperson_is_told_in_spanish_why_the_reconciliation_is_not_hers(
    page: Any, live_server: Any, world: World
) -> None:
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "vocera")
    came_from = f"{live_server.url}{reverse('distribution:index')}"
    response = page.goto(
        f"{live_server.url}{reverse('distribution:reconciliation')}", referer=came_from
    )
    assert response.status == 403
    refusal = page.locator("[data-testid=refusal]")
    assert refusal.inner_text() == "La conciliación corresponde a la contraloría."
    assert page.locator("h1").inner_text() == "No puedes hacer esto"
    page.click("[data-testid=menu-toggle]")  # inside the site's layout, with its menu
    assert page.locator("header nav.menu").is_visible()
    page.click("[data-testid=menu-toggle]")
    _fits_the_phone(page)
    assert_accessible(page)
    page.get_by_role("link", name="← Volver a la página donde estabas").click()
    page.wait_for_url(came_from)
    # The page she came back to does not offer what she was refused.
    assert page.get_by_role("link", name="Conciliación").count() == 0


def test_a_wrong_id_is_a_page_of_the_site_with_a_way_home(
    page: Any, live_server: Any, world: World
) -> None:
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "admin")
    response = page.goto(f"{live_server.url}{reverse('distribution:round', args=[987654])}")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "No encontramos esta página"
    assert (
        page.locator("[data-testid=refusal]").inner_text() == "No existe esa jornada a tu alcance."
    )
    page.click("[data-testid=menu-toggle]")
    assert page.locator("header nav.menu").is_visible()
    _fits_the_phone(page)
    assert_accessible(page)
    page.get_by_role("link", name="Ir al inicio").click()
    page.wait_for_url(f"{live_server.url}/")


def test_the_main_pages_run_without_breaking_their_content_security_policy(
    page: Any, live_server: Any, world: World
) -> None:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if message.type in ("error", "warning") and "Content Security Policy" in message.text
            else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    round_ = services.round_open(
        round=services.round_create(
            programme=bag_programme(world),
            stock_received=5,
            received_on=dt.date(2026, 3, 1),
            distribution_on=dt.date(2026, 3, 2),
            tables=2,
        ),
        seed="asamblea",
        by=world.admin,
    )
    add_adults(world.council, 2)
    assembly = Organ.objects.create(
        commune=world.commune, council=world.council, kind=OrganKind.ASSEMBLY, name="Asamblea"
    )
    meeting = convene(assembly, world.spokesperson, agenda=("Jornada de limpieza",))
    governance.meeting_open(meeting=meeting, by=world.spokesperson)
    sector = factories.make_sector(world.council, "Sector La Loma")
    log_in(page, live_server, "admin")
    for url in [
        reverse("portal:home"),
        reverse("census:index"),
        reverse("census:council", args=[world.council.code]),
        reverse("census:household", args=[world.household.pk]),
        reverse("census:statistics"),
        reverse("governance:organs"),
        reverse("governance:meetings"),
        meeting.get_absolute_url(),
        reverse("governance:decisions"),
        reverse("distribution:index"),
        reverse("distribution:round", args=[round_.pk]),
        reverse("distribution:table", args=[round_.pk, 1]),
        reverse("distribution:reports"),
        reverse("ledger:public"),
        reverse("ledger:books"),
        reverse("memberships:members"),
        reverse("portal:public"),
        "/api/docs",
    ]:
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("networkidle")
    # htmx still works under the policy: the table finds a household as its name is typed.
    page.goto(f"{live_server.url}{reverse('distribution:table', args=[round_.pk, 1])}")
    page.fill("#q", "María José")
    page.locator("#found", has_text="CC01-0001").wait_for()
    # And so does comuna.js: choosing a sector sends the council page's filter.
    page.goto(f"{live_server.url}{reverse('census:council', args=[world.council.code])}")
    page.select_option("#sector", str(sector.pk))
    page.wait_for_url(f"**?sector={sector.pk}")
    assert violations == []
