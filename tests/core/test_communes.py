"""Creating a commune runs what every app keeps for it, once, in the same transaction."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comuna.core import hooks
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.services import commune_create
from comuna.distribution import accounts as distribution_accounts
from comuna.ledger import chart
from comuna.ledger.models import Account, LedgerHead

pytestmark = pytest.mark.django_db


def test_creating_a_commune_opens_its_whole_chart_once() -> None:
    with CaptureQueriesContext(connection) as queries:
        commune = commune_create(code="panal", name="Comuna El Panal", state="Lara")
    opened = [q for q in queries.captured_queries if 'INSERT INTO "ledger_account"' in q["sql"]]
    assert len(opened) == 1
    codes = set(Account.objects.filter(commune=commune).values_list("code", flat=True))
    assert codes == {account.code for account in chart.standard_chart()}
    assert LedgerHead.objects.filter(commune=commune).count() == 1
    assert (commune.code, commune.state, commune.is_demo) == ("panal", "Lara", False)


def test_the_chart_holds_the_accounts_other_apps_contribute() -> None:
    commune = commune_create(code="panal", name="Comuna El Panal")
    stock = Account.objects.get(commune=commune, code=distribution_accounts.STOCK_BAGS)
    assert (stock.name, stock.unit, stock.floor) == ("Stock: food bags", "BAG", 0)
    assert distribution_accounts.STOCK_BAGS in chart.stocks()
    assert chart.STOCK_DIESEL in chart.stocks()


def test_opening_the_chart_again_opens_nothing() -> None:
    commune = commune_create(code="panal", name="Comuna El Panal")
    with CaptureQueriesContext(connection) as queries:
        chart.chart_ensure(commune)
    assert not [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]


def test_a_code_already_taken_creates_nothing() -> None:
    commune_create(code="panal", name="Comuna El Panal")
    with pytest.raises(Refusal, match="panal"):
        commune_create(code="panal", name="Otra")
    assert Commune.objects.count() == 1
    assert LedgerHead.objects.count() == 1


def test_a_hook_that_fails_leaves_no_commune_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(commune: Commune) -> None:
        raise RuntimeError("the hook failed")

    monkeypatch.setattr(hooks, "_commune_created", [*hooks._commune_created, refuse])
    with pytest.raises(RuntimeError):
        commune_create(code="panal", name="Comuna El Panal")
    assert not Commune.objects.exists()
    assert not Account.objects.exists()


def test_a_hook_registered_twice_runs_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def count(commune: Commune) -> None:
        seen.append(commune.code)

    monkeypatch.setattr(hooks, "_commune_created", list(hooks._commune_created))
    hooks.on_commune_created(count)
    hooks.on_commune_created(count)
    commune_create(code="panal", name="Comuna El Panal")
    assert seen == ["panal"]
