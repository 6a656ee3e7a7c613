"""The exchange's services: units of account, agreements, obligations in both books, runs."""

from __future__ import annotations

import datetime as dt

import pytest

from comuna.clearing.models import (
    AgreementKind,
    ClearingRun,
    ExchangeAccount,
    Obligation,
    RunPosition,
    UnitKind,
    UnitOfAccount,
)
from comuna.clearing.services import (
    agreement_record,
    clearing_run,
    obligation_record,
    unit_of_account_define,
)
from comuna.core.refusals import Refusal
from comuna.ledger.models import Account, Entry
from tests.clearing.conftest import Exchange


def _owe(x: Exchange, debtor, creditor, amount: int, what: str = "maíz"):  # type: ignore[no-untyped-def]
    return obligation_record(
        debtor=debtor,
        creditor=creditor,
        amount=amount,
        unit=x.unit,
        arose_on=x.today - dt.timedelta(days=10),
        due_on=x.today + dt.timedelta(days=20),
        what=what,
        by=x.federation,
    )


def _balance(commune, code: str) -> int:  # type: ignore[no-untyped-def]
    account = Account.objects.of(commune).get(code=code)
    if account.kind in ("asset", "expense"):
        return account.debits_posted - account.credits_posted
    return account.credits_posted - account.debits_posted


def _account(x: Exchange, party, purpose: str, counterparty=None) -> str:  # type: ignore[no-untyped-def]
    return (
        ExchangeAccount.objects.of(party.commune)
        .get(party=party, purpose=purpose, counterparty=counterparty, unit=x.unit)
        .code
    )


def test_only_the_federation_defines_a_unit(exchange: Exchange) -> None:
    with pytest.raises(Refusal):
        unit_of_account_define(
            code="USDX",
            name="Dólar",
            kind=UnitKind.CURRENCY,
            currency="USD",
            by=exchange.world.admin,
        )
    unit = unit_of_account_define(
        code="USDX", name="Dólar", kind=UnitKind.CURRENCY, currency="usd", by=exchange.federation
    )
    assert unit.books_unit == "USD"
    assert exchange.unit.books_unit == "UC"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"code": "x", "kind": "basket", "basket": "1 kg arroz"}, "code"),
        ({"code": "CESTA", "kind": "basket", "basket": "1 kg arroz"}, "code"),
        ({"code": "NUEVA", "kind": "basket", "basket": "  "}, "basket"),
        ({"code": "NUEVA", "kind": "currency", "currency": "EUR"}, "currency"),
        ({"code": "NUEVA", "kind": "gold"}, "kind"),
    ],
)
def test_a_bad_unit_is_refused(exchange: Exchange, fields: dict[str, str], field: str) -> None:
    with pytest.raises(Refusal) as refused:
        unit_of_account_define(name="Algo", by=exchange.federation, **fields)
    assert refused.value.field == field
    assert UnitOfAccount.objects.count() == 1


def test_an_obligation_is_posted_in_both_books_against_the_counterparty(
    exchange: Exchange,
) -> None:
    x = exchange
    obligation = _owe(x, x.a_bakery, x.b_farm, 12_000)
    a, b = x.world.commune, x.other
    assert _balance(a, _account(x, x.a_bakery, "payable", x.b_farm)) == 12_000
    assert _balance(a, _account(x, x.a_bakery, "expense")) == 12_000
    assert _balance(b, _account(x, x.b_farm, "receivable", x.a_bakery)) == 12_000
    assert _balance(b, _account(x, x.b_farm, "income")) == 12_000
    assert (
        Account.objects.of(b).get(code=_account(x, x.b_farm, "receivable", x.a_bakery)).unit == "UC"
    )
    assert obligation.open_amount == 12_000


@pytest.mark.parametrize(
    ("amount", "same", "code"),
    [(100, True, "to_oneself"), (-5, False, "not_positive"), (0, False, "not_positive")],
)
def test_a_bad_obligation_changes_nothing(
    exchange: Exchange, amount: int, same: bool, code: str
) -> None:
    x = exchange
    entries = Entry.objects.count()
    with pytest.raises(Refusal) as refused:
        _owe(x, x.a, x.a if same else x.b, amount)
    assert refused.value.code == code
    assert Obligation.objects.count() == 0
    assert Entry.objects.count() == entries


def test_a_unit_the_federation_does_not_define_is_refused(exchange: Exchange) -> None:
    x = exchange
    ghost = UnitOfAccount(pk=999, code="ORO", name="Oro", kind="basket", basket="1 g oro")
    with pytest.raises(Refusal) as refused:
        agreement_record(
            first=x.a,
            second=x.b,
            kind=AgreementKind.SERVICES_FOR_GOODS,
            unit=ghost,
            first_gives="médicos",
            second_gives="maíz",
            signed_on=x.today,
            by=x.federation,
        )
    assert refused.value.code == "unknown_unit"


def test_a_run_clears_the_cycle_posts_payable_against_receivable_and_keeps_nets(
    exchange: Exchange,
) -> None:
    x = exchange
    _owe(x, x.a, x.b, 10_000)
    _owe(x, x.b, x.a_bakery, 8_000)
    _owe(x, x.a_bakery, x.a, 5_000)
    _owe(x, x.b_farm, x.a_council, 3_000)  # no cycle: stays open
    run = clearing_run(unit=x.unit, day=x.today, by=x.federation)
    assert (run.total_debt, run.total_cleared) == (26_000, 15_000)
    cleared = {o.what: o.cleared for o in Obligation.objects.all()}
    assert sorted(Obligation.objects.values_list("cleared", flat=True)) == [0, 5_000, 5_000, 5_000]
    assert cleared
    for position in RunPosition.objects.all():
        assert position.receivable_before - position.payable_before == position.net
    a = x.world.commune
    assert _balance(a, _account(x, x.a, "payable", x.b)) == 5_000
    assert _balance(a, _account(x, x.a, "receivable", x.a_bakery)) == 0
    assert _balance(x.other, _account(x, x.b, "receivable", x.a)) == 5_000
    assert _balance(x.other, _account(x, x.b, "payable", x.a_bakery)) == 3_000
    # Posted twice: nothing the second time.
    entries = Entry.objects.count()
    with pytest.raises(Refusal) as refused:
        clearing_run(unit=x.unit, day=x.today, by=x.federation)
    assert refused.value.code == "nothing_to_clear"
    assert Entry.objects.count() == entries
    assert ClearingRun.objects.count() == 1


def test_only_the_federation_runs_a_clearing(exchange: Exchange) -> None:
    x = exchange
    _owe(x, x.a, x.b, 10)
    _owe(x, x.b, x.a, 10)
    with pytest.raises(Refusal):
        clearing_run(unit=x.unit, day=x.today, by=x.world.admin)
    assert ClearingRun.objects.count() == 0
