from __future__ import annotations

from typing import Any

import pytest

from comuna.census.models import Household
from tests.browser.conftest import log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "Consejo Comunal;Hogar;Dirección;Nombres;Apellidos;Cédula;Fecha de nacimiento;Sexo"


def choose_file(page: Any, text: str) -> None:
    page.set_input_files(
        "#id_file",
        {"name": "censo.csv", "mimeType": "text/csv", "buffer": text.encode("latin-1")},
    )


def test_a_spokesperson_previews_a_file_fixes_it_and_imports_it_once(
    page: Any, live_server: Any, world: World
) -> None:
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}/censo/importar/")
    choose_file(page, f"{HEADER}\nCC01;0090;Calle 9;Ana;Rivas;;31/02/2000;F\n")
    page.click("button[type=submit]")
    page.wait_for_url("**/censo/importar/*/")
    errors = page.locator("[data-testid=import-errors]")
    assert "31/02/2000" in errors.inner_text()
    assert "2" in errors.locator("td.num").first.inner_text()
    assert page.locator("[data-testid=confirm-import]").count() == 0

    page.goto(f"{live_server.url}/censo/importar/")
    choose_file(page, f"{HEADER}\nCC01;0090;Calle 9;Ángela;Rivas;;28/02/2000;F\n")
    page.click("button[type=submit]")
    page.wait_for_url("**/censo/importar/*/")
    assert "Ángela Rivas" in page.inner_text("[data-testid=import-sample]")
    assert not Household.objects.filter(reference="0090").exists()
    page.click("[data-testid=confirm-import]")
    page.wait_for_url("**/censo/")
    assert page.locator(".messages li.success").is_visible()
    household = Household.objects.get(council=world.council, reference="0090")
    assert household.members.get().first_names == "Ángela"
