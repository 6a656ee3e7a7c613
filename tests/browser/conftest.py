"""Headless Chromium for the browser tests, through Playwright.

Debian's ``chromium`` package is used (Playwright's own browser download is not available
where the commune runs). Without it these tests skip with the reason, unless
``COMUNA_REQUIRE_BROWSER=1`` (set in CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; the Django calls our tests make
# there (fixtures, assertions on the database) are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery"


def _chromium_path() -> str | None:
    for candidate in (
        os.environ.get("COMUNA_CHROMIUM"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = _chromium_path()
    if path is None:
        reason = "Chromium is not installed (apt-get install chromium): browser tests skipped"
        if os.environ.get("COMUNA_REQUIRE_BROWSER") == "1":
            pytest.fail(reason.replace("skipped", "required by COMUNA_REQUIRE_BROWSER=1"))
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A page in a phone-sized window, as most volunteers will see Comuna."""
    context = browser.new_context(viewport={"width": 390, "height": 820}, locale="es-VE")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def log_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/cuenta/entrar/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def assert_accessible(page: Any) -> None:
    """No axe-core violation on the page as it stands (axe ships inside its package)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def serious_violations(page: Any) -> list[str]:
    """The serious and critical axe-core violations on the page as it stands, one line each
    (rule, impact, where), for a crawl that reports every page's at once."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{rule['id']} ({rule['impact']}): {[node['target'] for node in rule['nodes']][:3]}"
        for rule in results.response["violations"]
        if rule["impact"] in {"serious", "critical"}
    ]
