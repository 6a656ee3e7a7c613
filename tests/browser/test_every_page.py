"""Every page of the application, for every role of the demo commune, in Chromium at 390 px wide
(a phone): the page never scrolls sideways, and axe-core finds no serious or critical violation.

The pages come from ``tests/pages.py`` (every URL pattern filled with what the role meets); a
first pass through Django's test client keeps the ones that are whole HTML pages (not a file, a
redirect, an htmx fragment, or a GET on a form that only takes POST; downloads are left out by
their address), and one browser context per role then visits them in turn.

Each URL pattern is drawn by one template whatever the role, so a pattern already visited by a
role before this one (in ``ROLES`` order, the administrator first) is not visited again: each
role visits its home page and the patterns no earlier role reached. Every pattern any role can
open is still seen in the browser, at phone width, under axe.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import resolve

from comuna.demo.builder import DEMO_LOGINS
from tests.browser.conftest import serious_violations
from tests.pages import Demo, client_of, every_path

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
PASSWORDS = {base: password for base, password, _role in DEMO_LOGINS}
ROLES = [*PASSWORDS, None]
FILES = re.compile(r"(\.pdf|\.csv|\.xlsx|/exportar/\w+/|/pdf/)$")


# A role's whole HTML pages, read once per session (the demo is the same in every test).
_PAGES: dict[str | None, list[str]] = {}


def _route(path: str) -> str:
    return resolve(path.split("?")[0]).route


def _pages_to_visit(demo: Demo, role: str | None) -> list[str]:
    """The role's home page and its pages whose pattern no earlier role in ``ROLES`` reached."""
    seen: set[str] = set()
    for earlier in ROLES[: ROLES.index(role)]:
        seen.update(_route(path) for path in _role_pages(demo, earlier))
    return [path for path in _role_pages(demo, role) if path == "/" or _route(path) not in seen]


def _role_pages(demo: Demo, role: str | None) -> list[str]:
    if role not in _PAGES:
        _PAGES[role] = _browser_pages(demo, demo.usernames[role] if role else None)
    return _PAGES[role]


def _browser_pages(demo: Demo, username: str | None) -> list[str]:
    client = client_of(demo, username)
    kept = []
    for path in every_path(demo, username):
        if FILES.search(path.split("?")[0]):
            continue  # a download, not a page (and slow to make twice)
        response = client.get(path)
        try:
            if response.status_code == 405 or response.streaming:
                continue
            html = response.get("Content-Type", "").startswith("text/html")
            if html and b"<html" in response.content[:500].lower():
                kept.append(path)
        finally:
            # A streamed file left open keeps its query open, and SQLite's lock with it.
            response.close()
    return kept


@pytest.mark.parametrize("role", ROLES, ids=[r or "nobody" for r in ROLES])
def test_every_page_fits_a_phone_and_passes_axe(
    browser: Any, live_server: Any, demo: Demo, role: str | None
) -> None:
    username = demo.usernames[role] if role else None
    assert len(_role_pages(demo, role)) >= 10, _role_pages(demo, role)
    paths = _pages_to_visit(demo, role)

    context = browser.new_context(viewport=PHONE, locale="es-VE")
    context.set_default_timeout(20_000)
    tab = context.new_page()
    if username is not None:
        tab.goto(f"{live_server.url}/cuenta/entrar/")
        tab.fill("#id_username", username)
        tab.fill("#id_password", PASSWORDS[role or ""])
        tab.click("button[type=submit]")
        tab.wait_for_url(lambda url: "/cuenta/entrar/" not in url)
    problems: list[str] = []
    try:
        for path in paths:
            tab.goto(live_server.url + path, wait_until="load")
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{path}: {width} px wide")
            problems += [f"{path}: {found}" for found in serious_violations(tab)]
    finally:
        context.close()
    assert not problems, f"{len(paths)} pages as {role or 'nobody'}:\n" + "\n".join(problems)
