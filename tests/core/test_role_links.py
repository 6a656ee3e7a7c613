"""Every link and button a role is shown leads to something that role may do: for each demo
login, the main pages and the pages they link to are read, and every address they offer
(links, and the action of every form) is asked for; none answers 403 or 404.

A form that only takes a POST answers a GET with 405, which is not a refusal: the role was
allowed to reach it. Downloads are asked for with HEAD-like care (only the status is read).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation

from comuna.users.models import User

pytestmark = pytest.mark.django_db

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
START = [
    "/",
    "/censo/",
    "/censo/estadisticas/",
    "/gobierno/organos/",
    "/gobierno/reuniones/",
    "/gobierno/decisiones/",
    "/reparto/",
    "/cuentas/",
    "/cuentas/libro/",
    "/cuentas/registrar/",
    "/cuentas/propuestas/",
    "/miembros/",
    "/cuenta/tokens/",
]
# Addresses that change something on a GET or end the session are not followed.
_SKIP = ("/cuenta/salir/", "/i18n/", "/static/", "/api/docs", "/jsi18n/")
_ADDRESS = re.compile(r'(?:href|action|hx-get)="(/[^"#]*)"')


@pytest.fixture(scope="module")
def demo(demo_module: Any, django_db_blocker: Any) -> Iterator[None]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        translation.override("en"),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


def _addresses(html: str) -> set[str]:
    return {unescape(m) for m in _ADDRESS.findall(html) if not m.startswith(_SKIP)}


def _crawl(client: Client) -> dict[str, tuple[str, int]]:
    """Every address offered by the start pages and the pages they link to (two levels),
    with the page that offered it and the status it answers with."""
    seen: dict[str, tuple[str, int]] = {}
    pages = [(url, "start") for url in START]
    for depth in range(2):
        found: list[tuple[str, str]] = []
        for url, source in pages:
            if url in seen:
                continue
            # A start page may send the role on (a resident's census is their household).
            response: Any = client.get(url, follow=depth == 0)
            seen[url] = (source, response.status_code)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                offered = _addresses(response.content.decode())
                # Only the first of many alike (a thousand households) is followed.
                found.extend((a, url) for a in _one_of_each(offered))
        pages = found if depth == 0 else []
    for url, source in found:
        if url not in seen:
            seen[url] = (source, client.get(url).status_code)
    return seen


def _one_of_each(addresses: set[str]) -> list[str]:
    """The first and the last of each kind of address (``/hogares/N/``): a role shown one
    council's list and not another's shows it at one end of the list."""
    kinds: dict[str, list[str]] = {}
    for address in sorted(addresses):
        kinds.setdefault(re.sub(r"\d+", "N", urlsplit(address).path), []).append(address)
    return sorted({a for alike in kinds.values() for a in (alike[0], alike[-1])})


@pytest.mark.parametrize("username", ["admin", "vocera", "contralor", "vecino"])
def test_every_link_a_role_is_shown_is_open_to_it(demo: None, username: str) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(User.objects.get(username=username))
    refused = {
        url: (source, status)
        for url, (source, status) in _crawl(client).items()
        if status in (403, 404) and source != "start"
    }
    assert refused == {}
