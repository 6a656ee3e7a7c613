"""The parliament's secretary proposes approving the accounts by choosing a closed statement
of the books: its head shows on the form and on the proposal, nobody types it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from comuna.governance.models import Proposal
from tests.browser.conftest import log_in
from tests.conftest import World
from tests.governance.conftest import (  # noqa: F401 - parliament is a fixture
    Parliament,
    close_a_month,
    open_meeting,
    parliament,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretary_chooses_the_statement_and_sees_its_head(
    page: Any,
    live_server: Any,
    world: World,
    parliament: Parliament,  # noqa: F811 - the fixture imported above
) -> None:
    statement = close_a_month(world.commune)
    cache.clear()
    meeting = open_meeting(parliament.organ, world.admin)
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}{reverse('governance:proposal_add', args=[meeting.pk])}")
    row = page.locator(f"[data-testid=statement-{statement.pk}]")
    assert statement.head[:16] in row.inner_text()
    page.fill("#id_title", "Aprobar las cuentas de marzo")
    page.select_option("#id_kind", "accounts")
    page.select_option("#id_method", "hands")
    page.select_option("#id_statement", str(statement.pk))
    chosen = page.locator("#id_statement option:checked").inner_text()
    assert statement.head[:16] in chosen
    assert str(statement.entry_count) in chosen
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert statement.head in page.inner_text("[data-testid=proposal-1]")
    assert Proposal.objects.get().ledger_statement == statement
