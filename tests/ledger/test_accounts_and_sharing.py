"""Opening an account in the chart, and sharing a co-managed enterprise's surplus with the
neighbouring communes: every figure explained, every entry posted, the books still balanced."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum
from django.utils import translation

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.ledger import chart
from comuna.ledger.models import Account, AccountKind, Entry, SharingRule
from comuna.ledger.selectors import integrity_check, sharing_summary
from comuna.ledger.services import (
    account_open,
    sharing_apply,
    sharing_rule_create,
    sharing_share_set,
    transfer_post,
)
from comuna.ledger.templatetags.ledger import money_e4, percent_bp
from tests.conftest import World, client_for, post_form

DAY = dt.date(2025, 3, 10)


# Opening an account ------------------------------------------------------------------------


def test_it_opens_an_account_through_the_engine(commune: Commune) -> None:
    account = account_open(
        commune=commune,
        code="1.5.01",
        name="  Por entregar a la   Comuna El Maizal ",
        kind=AccountKind.ASSET,
        unit="ves",
        floor=0,
    )
    assert (account.code, account.name, account.kind, account.unit, account.floor) == (
        "1.5.01",
        "Por entregar a la Comuna El Maizal",
        "asset",
        "VES",
        0,
    )
    # The engine knows it at once: money can move into it.
    transfer_post(
        commune=commune, debit="1.5.01", credit=chart.CAPITAL_VES, amount=500, unit="VES",
        date=DAY, description="Aporte", author="ana",
    )  # fmt: skip
    account.refresh_from_db()
    assert account.natural == 500


def test_an_account_without_a_floor_may_go_negative(commune: Commune) -> None:
    account = account_open(
        commune=commune, code="2.1.02", name="Anticipos", kind="liability", unit="VES"
    )
    assert account.floor is None


@pytest.mark.parametrize(
    ("code", "kind", "unit", "name", "field", "message"),
    [
        (chart.SOCIAL_FUND, "asset", "VES", "Otro fondo", "code", "already an account 1.3.01"),
        ("1-5-01", "asset", "VES", "Fondo", "code", "is not an account code"),
        ("1.5.A", "asset", "VES", "Fondo", "code", "is not an account code"),
        ("", "asset", "VES", "Fondo", "code", "is not an account code"),
        ("2.1.09", "asset", "VES", "Fondo", "code", "starts with 1"),
        ("1.5.01", "asset", "EUR", "Fondo", "unit", "“EUR” is not a currency"),
        ("1.5.01", "asset", "VES", "  ", "name", "Name the account"),
        ("1.5.01", "treasure", "VES", "Fondo", "kind", "Choose the kind"),
    ],
)
def test_a_bad_account_is_refused_and_nothing_is_opened(
    commune: Commune, code: str, kind: str, unit: str, name: str, field: str, message: str
) -> None:
    before = Account.objects.filter(commune=commune).count()
    with translation.override("en"), pytest.raises(Refusal, match=message) as refused:
        account_open(commune=commune, code=code, name=name, kind=kind, unit=unit, floor=0)
    assert refused.value.field == field
    assert Account.objects.filter(commune=commune).count() == before


# Sharing with neighbouring communes --------------------------------------------------------


def _co_managed(commune: Commune) -> SharingRule:
    """A recycling enterprise whose whole surplus goes to wages, two funds and two
    communes."""
    for code, name in (("1.5.01", "Comuna El Maizal"), ("1.5.02", "Comuna Ataroa")):
        account_open(commune=commune, code=code, name=name, kind="asset", unit="VES", floor=0)
    rule = sharing_rule_create(
        commune=commune,
        name="Reciclaje cogestionado",
        source=Account.objects.get(commune=commune, code=chart.RECYCLING_CASH),
    )
    for code, basis_points in (
        (chart.EXPENSE_WAGES, 5000),
        (chart.SOCIAL_FUND, 1500),
        (chart.EMERGENCY_FUND, 1000),
        ("1.5.01", 1250),
        ("1.5.02", 1250),
    ):
        sharing_share_set(
            rule=rule,
            destination=Account.objects.get(commune=commune, code=code),
            basis_points=basis_points,
            label=code,
        )
    return rule


def test_a_rule_with_two_commune_shares_posts_each_share_and_explains_the_rest(
    commune: Commune,
) -> None:
    rule = _co_managed(commune)
    # A surplus of 1.000,03 Bs: 100.003 céntimos, which no share divides evenly.
    transfer_post(
        commune=commune, debit=chart.RECYCLING_CASH, credit=chart.INCOME_RECYCLING_SALES,
        amount=100_003, unit="VES", date=DAY, description="Venta de cartón", author="ana",
    )  # fmt: skip
    run = sharing_apply(
        rule=rule, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31), by="ana", date=DAY
    )
    lines = {line["destination"]: line for line in run.explanation}
    assert run.surplus == 100_003
    assert {code: line["amount"] for code, line in lines.items()} == {
        chart.EXPENSE_WAGES: 50_001,  # 50.001,5 céntimos
        chart.SOCIAL_FUND: 15_000,  # 15.000,45
        chart.EMERGENCY_FUND: 10_000,  # 10.000,3
        "1.5.01": 12_500,  # 12.500,375
        "1.5.02": 12_500,
    }
    assert lines["1.5.01"]["exact_e4"] == 100_003 * 1250
    assert lines["1.5.01"]["remainder_e4"] == 3750  # 0,375 céntimo stays in the source
    assert lines["1.5.02"]["kept_in"] == chart.RECYCLING_CASH
    summary = sharing_summary(run.surplus, run.explanation)
    assert (summary.shared, summary.kept) == (100_001, 2)
    assert summary.unshared_e4 == 0  # the shares add up to 100%
    assert summary.rounding_e4 == 2 * 10000  # 0,5 + 0,45 + 0,3 + 0,375 + 0,375 = 2 céntimos

    # One entry per share, each from the enterprise's cash, each named in the explanation.
    posted = Entry.objects.filter(commune=commune, reference__startswith=f"sharing:{rule.pk}:")
    assert posted.count() == 5
    assert set(posted.values_list("credit", flat=True)) == {chart.RECYCLING_CASH}
    for code, line in lines.items():
        entry = posted.get(sequence=line["entry"])
        assert (entry.debit, entry.amount) == (code, line["amount"])
    balances = {a.code: a.natural for a in Account.objects.filter(commune=commune)}
    assert balances["1.5.01"] == balances["1.5.02"] == 12_500
    assert balances[chart.RECYCLING_CASH] == 2  # the rounding remainder
    # Double entry holds: all debits equal all credits, and the chain verifies.
    totals = Account.objects.filter(commune=commune).aggregate(
        debits=Sum("debits_posted"), credits=Sum("credits_posted")
    )
    assert totals["debits"] == totals["credits"]
    assert integrity_check(commune).ok


def test_a_share_cannot_go_to_a_debt_it_would_shrink(commune: Commune) -> None:
    rule = _co_managed(commune)
    owed = Account.objects.get(commune=commune, code=chart.OWED_TO_COMMUNES)
    with translation.override("en"), pytest.raises(Refusal, match="goes to a pot"):
        sharing_share_set(rule=rule, destination=owed, basis_points=100, label="Deuda")


def test_the_exact_figures_read_as_people_write_them() -> None:
    assert money_e4(125_003_750, "VES") == "125,00375"
    assert money_e4(3750, "VES") == "0,00375"
    assert money_e4(1_000_000, "VES") == "1,00"
    assert percent_bp(1250) == "12,5"
    assert percent_bp(4000) == "40"


def test_the_rule_page_shows_how_each_commune_share_came_about(world: World) -> None:
    rule = _co_managed(world.commune)
    transfer_post(
        commune=world.commune, debit=chart.RECYCLING_CASH,
        credit=chart.INCOME_RECYCLING_SALES, amount=100_003, unit="VES", date=DAY,
        description="Venta", author="admin",
    )  # fmt: skip
    sharing_apply(
        rule=rule, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31), by="admin", date=DAY
    )
    page = client_for(world.comptroller).get(f"/cuentas/excedentes/{rule.pk}/").content.decode()
    assert (
        "1.000,03 Bs × 12,5% = 125,00375 Bs, rounded down to 125,00 Bs: the 0,00375 Bs "
        "left by rounding stay in 1.2.02." in page
    )
    assert "Shared out: 1.000,01 Bs of 1.000,03 Bs. Stays in 1.2.02: 0,02 Bs" in page
    assert "0,00 Bs that no share claims and 0,02 Bs left by rounding" in page


def test_the_treasurer_opens_an_account_from_the_books(world: World) -> None:
    client = client_for(world.admin)
    assert "/cuentas/libro/abrir-cuenta/" in client.get("/cuentas/libro/").content.decode()
    response = post_form(client, "/cuentas/libro/abrir-cuenta/", {
        "code": chart.SOCIAL_FUND, "name": "Repetida", "kind": "asset", "unit": "VES",
    })  # fmt: skip
    assert "There is already an account 1.3.01 in the chart." in response.content.decode()  # type: ignore[attr-defined]
    post_form(client, "/cuentas/libro/abrir-cuenta/", {
        "code": "1.5.01", "name": "Comuna El Maizal", "kind": "asset", "unit": "VES",
        "never_below_zero": "on",
    })  # fmt: skip
    assert Account.objects.get(commune=world.commune, code="1.5.01").floor == 0
    assert "Comuna El Maizal" in client.get("/cuentas/libro/").content.decode()


def test_only_book_keepers_open_accounts(world: World) -> None:
    for user in (world.spokesperson, world.resident):
        assert client_for(user).get("/cuentas/libro/abrir-cuenta/").status_code == 404
