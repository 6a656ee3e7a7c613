"""A file that takes a while to make says so on the page until it arrives."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_census_export_says_it_is_being_prepared_until_the_file_arrives(
    page: Any, live_server: Any, world: World
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}/censo/")
    held: list[Any] = []

    # The server's answer is held back, as a slow export would be, until the page is seen.
    def hold(route: Any) -> None:
        held.append(route)

    page.route("**/censo/exportar/**", hold)
    link = page.get_by_role("link", name="Exportar XLSX")
    with page.expect_download() as download_info:
        link.click()
        status = page.locator("[data-testid=download-status]")
        status.wait_for()
        assert status.inner_text() == "Preparando el archivo…"
        assert link.get_attribute("aria-busy") == "true"
        assert len(held) == 1
        held[0].continue_()
    download = download_info.value
    assert download.suggested_filename.startswith(
        "censo-"
    ) and download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(Path(download.path()).read_bytes())).worksheets[0]
    assert next(sheet.iter_rows(values_only=True))[0] == "consejo_comunal"
    page.wait_for_function(
        "() => document.querySelector('[data-testid=download-status]').textContent === ''"
    )
    assert link.get_attribute("aria-busy") is None
