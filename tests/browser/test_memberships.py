"""Members and roles, and the commune menu, as an administrator and a member of two
communes meet them: in Spanish, on a phone."""

from __future__ import annotations

from typing import Any

import pytest

from comuna.memberships.models import Membership
from comuna.users.models import Role
from tests import factories
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administrator_gives_a_role_to_a_new_login_and_takes_it_back(
    page: Any, live_server: Any, world: World
) -> None:
    log_in(page, live_server, "admin")
    page.click("[data-testid=menu-toggle]")  # on a phone the menu folds behind one button
    page.click("text=Miembros y roles")
    assert page.locator("h1").inner_text() == "Miembros y roles"
    assert_accessible(page)

    page.fill("#id_username", "brigadista")
    page.fill("#id_password", "una clave larga y buena")
    page.select_option("#id_role", Role.RESIDENT)
    page.fill("#id_household", "cc01-0001")
    page.click("form:not(.inline) button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Rol asignado." in page.inner_text(".messages")
    row = page.locator("[data-testid=memberships] tr", has_text="brigadista")
    assert "CC01-0001" in row.inner_text()

    # The same role again is refused in Spanish and changes nothing.
    page.fill("#id_username", "brigadista")
    page.select_option("#id_role", Role.RESIDENT)
    page.fill("#id_household", "CC01-0001")
    page.click("form:not(.inline) button[type=submit]")
    assert "ya tiene ese rol" in page.inner_text("form:not(.inline)")
    assert Membership.objects.filter(user__username="brigadista").count() == 1
    assert_accessible(page)

    row.get_by_role("button", name="Quitar").click()
    page.wait_for_load_state("networkidle")
    assert "ya no tiene ese rol" in page.inner_text(".messages")
    assert not Membership.objects.filter(user__username="brigadista").exists()


def test_a_member_of_two_communes_switches_and_sees_each_with_its_role(
    page: Any, live_server: Any, world: World
) -> None:
    other = factories.make_commune(name="Comuna La Otra", code="la-otra")
    council = factories.make_council(other, "CC01", name="Los Mangos de Allá")
    factories.make_household(council, reference="0001")
    factories.make_membership(world.spokesperson, Role.COMPTROLLER, commune=other)

    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}/censo/")
    assert page.url.startswith(f"{live_server.url}/comunas/")
    assert_accessible(page)
    page.click("[data-testid=choose-" + world.commune.code + "]")
    page.wait_for_load_state("networkidle")
    page.click("[data-testid=menu-toggle]")  # on a phone the menu folds behind one button
    assert "Vocero o vocera del consejo" in page.inner_text("header")
    assert "Los Mangos" in page.inner_text("main")

    page.click("[data-testid=switch-commune]")
    page.click("[data-testid=choose-la-otra]")
    page.goto(f"{live_server.url}/censo/")
    page.click("[data-testid=menu-toggle]")
    assert "Contralor" in page.inner_text("header")
    assert "Los Mangos de Allá" in page.inner_text("main")
    assert "La Ceiba" not in page.inner_text("main")
