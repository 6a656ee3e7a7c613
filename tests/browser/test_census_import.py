from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from comuna.census.models import Household, Person
from tests import bombs
from tests.browser.conftest import assert_accessible, log_in
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


def _peak_reset() -> int:
    """The live server answers from this process, which holds the whole test session too: its
    peak is reset to what it holds now, which is returned, so the upload's cost is the rise."""
    Path("/proc/self/clear_refs").write_text("5")
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def _peak() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def test_a_spokesperson_uploading_a_decompression_bomb_is_told_why_and_nothing_changes(
    page: Any, live_server: Any, world: World
) -> None:
    bomb = bombs.single_cell_bomb()
    households, people = Household.objects.count(), Person.objects.count()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}/censo/importar/")
    page.set_input_files(
        "#id_file",
        {
            "name": "censo.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": bomb,
        },
    )
    held = _peak_reset()
    page.click("button[type=submit]")
    page.wait_for_url("**/censo/importar/*/")
    assert _peak() - held < 400 * 1024 * 1024
    message = "Descomprimido, el archivo ocuparía más de 256,0\xa0MB"
    assert message in page.locator("[data-testid=import-errors]").inner_text()
    assert page.locator("[data-testid=confirm-import]").count() == 0
    assert_accessible(page)
    page.reload()  # the refusal was kept: the file is not read again
    assert message in page.locator("[data-testid=import-errors]").inner_text()
    assert (Household.objects.count(), Person.objects.count()) == (households, people)
