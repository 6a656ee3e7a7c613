"""A new proposal asks only what its kind needs: the fields of an election, a recall or an
approval of accounts show when that kind is chosen, and only then."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World
from tests.governance.conftest import convene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_only_the_chosen_kinds_fields_show(page: Any, live_server: Any, world: World) -> None:
    from comuna.governance.models import Organ, OrganKind

    assembly = Organ.objects.create(
        commune=world.commune, council=world.council, kind=OrganKind.ASSEMBLY, name="Asamblea"
    )
    meeting = convene(assembly, world.spokesperson, agenda=("Elección",))
    log_in(page, live_server, "vocera")
    page.goto(f"{live_server.url}{reverse('governance:proposal_add', args=[meeting.pk])}")
    election = page.locator("[data-testid=fields-election]")
    recall = page.locator("[data-testid=fields-recall]")
    accounts = page.locator("[data-testid=fields-accounts]")
    assert page.get_by_label("Propuesta").is_visible()
    assert not election.is_visible() and not recall.is_visible() and not accounts.is_visible()

    page.select_option("#id_kind", "election")
    assert election.is_visible() and not recall.is_visible() and not accounts.is_visible()
    assert page.locator("#id_candidate").is_visible()
    assert "Solo para: Elección de un vocero" in election.locator("legend").inner_text()

    page.select_option("#id_kind", "accounts")
    assert accounts.is_visible() and not election.is_visible()
    assert_accessible(page)
