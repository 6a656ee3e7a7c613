"""The crawl's own checks: every pattern of the application is filled, and the pages come back."""

from __future__ import annotations

import pytest

from tests.pages import Demo, client_of, every_path, pages, routes


def test_every_route_is_filled_for_the_administrator(demo_module: Demo) -> None:
    paths = every_path(demo_module, "admin")
    assert len(paths) >= len(list(routes())) - 5  # a few take an upload of one's own
    assert "/censo/" in paths


@pytest.mark.django_db
def test_the_administrator_reads_the_books(demo_module: Demo) -> None:
    client = client_of(demo_module, "admin")
    shown = {page.path: page for page in pages(client, demo_module, "admin")}
    assert shown["/cuentas/libro/"].is_whole_page
    assert 'lang="es"' in shown["/cuentas/libro/"].text
