from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_spokesperson_makes_a_token_uses_it_and_revokes_it(
    page: Any, live_server: Any, world: World
) -> None:
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}/cuenta/tokens/")
    page.fill("#id_name", "hoja de cálculo")
    page.click("form:not(.inline) button[type=submit]")
    token = page.inner_text("[data-testid=token-value]").strip()

    councils = f"{live_server.url}/api/census/councils"
    answer = page.request.get(councils, headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 200
    assert [row["code"] for row in answer.json()] == ["CC01"]

    # The page itself may call the API with its session, as htmx would.
    from_page = page.evaluate(f"fetch('{councils}').then(r => r.json())")
    assert [row["code"] for row in from_page] == ["CC01"]

    page.goto(f"{live_server.url}/cuenta/tokens/")
    page.click(f"[data-testid=revoke-{token[:8]}]")
    page.wait_for_load_state("networkidle")
    refused = page.request.get(councils, headers={"Authorization": f"Bearer {token}"})
    assert refused.status == 401


def test_the_api_docs_load_no_file_from_the_internet(
    page: Any, live_server: Any, world: World
) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    response = page.goto(f"{live_server.url}/api/docs")
    if response.status == 404:
        pytest.skip('"ninja" is not in INSTALLED_APPS: the docs page is off')
    page.get_by_text("/api/census/households", exact=True).first.wait_for()
    assert outside == []
