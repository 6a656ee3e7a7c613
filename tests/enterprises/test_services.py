"""The enterprises' writes: creating one opens its accounts; workers start and end; the diesel
ration goes into the stock and out of it, never below zero."""

from __future__ import annotations

import datetime as dt

import pytest

from comuna.core.refusals import Refusal
from comuna.enterprises.accounts import account_of, accounts_of
from comuna.enterprises.models import (
    AccountPurpose,
    Enterprise,
    EnterpriseKind,
    Worker,
    WorkerJob,
)
from comuna.enterprises.selectors import diesel_left_ml, month_figures
from comuna.enterprises.services import (
    diesel_receive,
    diesel_use,
    enterprise_create,
    enterprise_update,
    worker_add,
    worker_end,
)
from comuna.ledger import chart
from comuna.ledger.models import Account, Entry
from tests import factories
from tests.conftest import World
from tests.enterprises.conftest import DAY, Works


def test_a_new_enterprise_opens_its_own_cash_and_stock_accounts(world: World) -> None:
    made = enterprise_create(
        commune=world.commune, name="  EPS  Barrio Limpio ", kind=EnterpriseKind.WASTE_COLLECTION
    )
    assert made.name == "EPS Barrio Limpio"
    codes = accounts_of(made)
    assert codes == {"cash": "1.2.03", "diesel": codes["diesel"]}
    assert made.cash_account == "1.2.03"
    cash = Account.objects.of(world.commune).get(code="1.2.03")
    stock = Account.objects.of(world.commune).get(code=codes["diesel"])
    assert (cash.unit, cash.floor, cash.kind) == ("VES", 0, "asset")
    assert stock.unit == "L" and stock.code.startswith("1.4.")
    assert cash.name == "EPS Barrio Limpio, caja"


def test_a_production_plant_opens_only_its_cash(world: World) -> None:
    plant = enterprise_create(
        commune=world.commune, name="Planta de Harina", kind=EnterpriseKind.PRODUCTION
    )
    assert set(accounts_of(plant)) == {"cash"}


def test_the_demos_enterprises_link_the_standard_charts_accounts(works: Works) -> None:
    assert accounts_of(works.waste) == {"cash": chart.WASTE_CASH, "diesel": chart.STOCK_DIESEL}
    with pytest.raises(Refusal, match="already belongs"):
        enterprise_create(
            commune=works.world.commune,
            name="Otra",
            kind=EnterpriseKind.WASTE_COLLECTION,
            link={AccountPurpose.CASH: chart.WASTE_CASH},
        )
    assert not Enterprise.objects.filter(name="Otra").exists()


def test_an_account_in_the_wrong_unit_is_refused(world: World) -> None:
    with pytest.raises(Refusal, match="unit"):
        enterprise_create(
            commune=world.commune,
            name="Mal",
            kind=EnterpriseKind.RECYCLING,
            link={AccountPurpose.RECYCLABLES: chart.STOCK_DIESEL},
        )


def test_a_bare_enterprise_falls_back_on_the_standard_chart(world: World) -> None:
    bare = Enterprise.objects.create(
        commune=world.commune,
        name="Hecha a mano",
        kind=EnterpriseKind.WASTE_COLLECTION,
        cash_account=chart.WASTE_CASH,
    )
    assert account_of(bare, AccountPurpose.DIESEL) == chart.STOCK_DIESEL
    assert account_of(bare, AccountPurpose.CASH) == chart.WASTE_CASH
    assert account_of(bare, AccountPurpose.RECYCLABLES) is None


def test_two_enterprises_may_not_share_a_name(works: Works) -> None:
    with pytest.raises(Refusal, match="already an enterprise"):
        enterprise_create(
            commune=works.world.commune, name="eps desechos", kind=EnterpriseKind.OTHER
        )
    other = enterprise_create(commune=works.world.commune, name="Otra", kind=EnterpriseKind.OTHER)
    with pytest.raises(Refusal, match="already an enterprise"):
        enterprise_update(enterprise=other, name="EPS Desechos", description="", active=True)
    enterprise_update(enterprise=other, name="Otra más", description="Hace", active=False)
    other.refresh_from_db()
    assert (other.name, other.active) == ("Otra más", False)


def test_a_worker_starts_and_ends_a_job(works: Works) -> None:
    world = works.world
    job = worker_add(enterprise=works.waste, person=world.head, job=WorkerJob.DRIVER, since=DAY)
    with pytest.raises(Refusal, match="already holds"):
        worker_add(enterprise=works.waste, person=world.head, job=WorkerJob.DRIVER, since=DAY)
    with pytest.raises(Refusal, match="before it began"):
        worker_end(worker=job, until=DAY - dt.timedelta(days=1))
    worker_end(worker=job, until=DAY + dt.timedelta(days=30))
    with pytest.raises(Refusal, match="already ended"):
        worker_end(worker=job, until=DAY + dt.timedelta(days=31))
    again = worker_add(enterprise=works.waste, person=world.head, job=WorkerJob.DRIVER, since=DAY)
    assert Worker.objects.filter(person=world.head).count() == 2 and again.working


def test_a_person_of_another_commune_or_gone_is_refused(works: Works) -> None:
    elsewhere = factories.make_commune(name="Comuna Lejana", code="lejana")
    council = factories.make_council(elsewhere, "CC09")
    stranger = factories.make_person(factories.make_household(council, reference="0009"))
    with pytest.raises(Refusal, match="census"):
        worker_add(enterprise=works.waste, person=stranger, job=WorkerJob.DRIVER, since=DAY)
    gone = works.world.neighbour
    gone.status, gone.status_date = "departed", DAY
    gone.save()
    with pytest.raises(Refusal, match="no longer lives"):
        worker_add(enterprise=works.waste, person=gone, job=WorkerJob.DRIVER, since=DAY)


def test_the_ration_received_goes_into_the_stock_and_its_price_is_an_expense(
    works: Works,
) -> None:
    entries = diesel_receive(
        enterprise=works.waste, millilitres=600_000, cents=15_000_00, date=DAY, by="gerente"
    )
    assert [(e.debit, e.credit, e.amount) for e in entries] == [
        (chart.STOCK_DIESEL, chart.RECEIVED_DIESEL, 600_000),
        (chart.EXPENSE_DIESEL, chart.WASTE_CASH, 15_000_00),
    ]
    assert entries[0].description == "Ración de gasoil recibida, EPS Desechos"
    assert diesel_left_ml(works.waste, on=DAY) == 600_000
    assert diesel_left_ml(works.waste, on=DAY - dt.timedelta(days=1)) == 0
    diesel_use(enterprise=works.waste, millilitres=250_000, date=DAY, by="chofer")
    assert diesel_left_ml(works.waste, on=DAY) == 350_000


def test_a_ration_received_free_posts_only_the_litres(works: Works) -> None:
    entries = diesel_receive(enterprise=works.waste, millilitres=1000, date=DAY, by="gerente")
    assert len(entries) == 1


@pytest.mark.parametrize("millilitres", [0, -5000])
def test_no_litres_or_negative_litres_are_refused(works: Works, millilitres: int) -> None:
    before = Entry.objects.count()
    with pytest.raises(Refusal, match="more than zero"):
        diesel_receive(enterprise=works.waste, millilitres=millilitres, date=DAY, by="gerente")
    with pytest.raises(Refusal, match="more than zero"):
        diesel_use(enterprise=works.waste, millilitres=millilitres, date=DAY, by="gerente")
    assert Entry.objects.count() == before


def test_the_ration_never_goes_below_zero(works: Works) -> None:
    diesel_receive(enterprise=works.waste, millilitres=100_000, date=DAY, by="gerente")
    before = Entry.objects.count()
    with pytest.raises(Refusal, match="100 L"):
        diesel_use(enterprise=works.waste, millilitres=100_001, date=DAY, by="chofer")
    assert Entry.objects.count() == before
    assert diesel_left_ml(works.waste, on=DAY) == 100_000


def test_a_payment_from_an_unknown_pot_is_refused(works: Works) -> None:
    with pytest.raises(Refusal, match="money came from"):
        diesel_receive(
            enterprise=works.waste,
            millilitres=1000,
            cents=100,
            paid_from=chart.EXPENSE_WAGES,
            date=DAY,
            by="gerente",
        )


def test_an_enterprise_without_diesel_stock_cannot_receive_it(world: World) -> None:
    plant = enterprise_create(commune=world.commune, name="Planta", kind=EnterpriseKind.PRODUCTION)
    with pytest.raises(Refusal, match="no diesel"):
        diesel_receive(enterprise=plant, millilitres=1000, date=DAY, by="admin")
    assert diesel_left_ml(plant, on=DAY) == 0


def test_the_month_shows_income_costs_litres_and_surplus(works: Works) -> None:
    diesel_receive(
        enterprise=works.waste, millilitres=600_000, cents=15_000_00, date=DAY, by="gerente"
    )
    diesel_use(enterprise=works.waste, millilitres=200_000, date=DAY, by="chofer")
    figures = month_figures(works.waste, DAY)
    assert (figures.start, figures.end) == (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    assert figures.income_total == 100_000_00
    assert figures.costs_total == 15_000_00
    assert figures.surplus == 85_000_00
    diesel = figures.stock(AccountPurpose.DIESEL)
    assert diesel is not None
    assert (diesel.opening, diesel.received, diesel.used, diesel.closing) == (
        0,
        600_000,
        200_000,
        400_000,
    )
    april = month_figures(works.waste, dt.date(2025, 4, 1))
    assert april.income_total == 0 and april.stock(AccountPurpose.DIESEL).opening == 400_000  # type: ignore[union-attr]
