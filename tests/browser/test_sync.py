"""The synchronisation in a real browser, in Spanish on a phone: the commune's administrator
downloads a bundle to carry; the federation (the superuser) uploads it and sees the commune's
chain head in the server's table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_bundle_downloaded_on_the_laptop_is_uploaded_at_the_server(
    page: Any, live_server: Any, world: World, settings: Any, tmp_path: Path
) -> None:
    from comuna.engines.sync import key_public
    from comuna.federation.models import CommuneKey
    from comuna.sync.keys import commune_private_key
    from comuna.sync.models import Receipt
    from comuna.users.models import User

    settings.COMUNA_HOME = tmp_path
    CommuneKey.objects.create(
        commune=world.commune, public_key=key_public(commune_private_key(world.commune))
    )
    federation = User.objects.create_superuser("federacion", password="correct horse battery")
    del federation

    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/sincronizar/")
    assert page.locator("h1").inner_text() == "Sincronización"
    assert int(page.inner_text("[data-testid=pending]")) > 0
    assert_accessible(page)
    with page.expect_download() as download:
        page.click("[data-testid=download]")
    saved = tmp_path / "paquete.sync"
    download.value.save_as(saved)
    page.goto(f"{live_server.url}/sincronizar/")
    assert page.inner_text("[data-testid=pending]").strip() == "0"

    page.context.clear_cookies()
    log_in(page, live_server, "federacion")
    page.goto(f"{live_server.url}/sincronizar/")
    page.set_input_files("#id_bundle", str(saved))
    page.click("[data-testid=upload]")
    page.wait_for_load_state("networkidle")
    assert "Paquete 1 de" in page.content()
    assert world.commune.name in page.inner_text("[data-testid=server-status]")
    assert_accessible(page)
    assert Receipt.objects.filter(commune=world.commune, seq=1).exists()

    # The same file again: refused, nothing changes.
    page.set_input_files("#id_bundle", str(saved))
    page.click("[data-testid=upload]")
    page.wait_for_load_state("networkidle")
    assert "ya se había aplicado" in page.content()
    assert Receipt.objects.filter(commune=world.commune).count() == 1
