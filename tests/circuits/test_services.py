"""The circuits' writes: the plan, its approval, deliveries into the books, and refusals."""

from __future__ import annotations

import pytest

from comuna.circuits import services
from comuna.circuits.accounts import DELIVERED_FOOD, RECEIVED_FOOD
from comuna.circuits.models import CycleStatus, Delivery, Need, PlanLine
from comuna.core.refusals import Refusal
from comuna.ledger.models import Account, Entry
from tests.circuits.conftest import Circuit, approved


def _need(circuit: Circuit, outlet: object, product: object) -> Need:
    return Need.objects.of(circuit.world.commune).get(
        cycle=circuit.cycle, outlet=outlet, product=product
    )


def test_the_plan_meets_the_highest_priorities_first_and_says_why(circuit: Circuit) -> None:
    services.plan_solve(cycle=circuit.cycle)
    circuit.cycle.refresh_from_db()
    assert circuit.cycle.status == CycleStatus.DRAFT
    canteen = _need(circuit, circuit.canteen, circuit.rice)
    kitchen = _need(circuit, circuit.kitchen, circuit.rice)
    market = _need(circuit, circuit.market, circuit.rice)
    assert (canteen.met_g, canteen.reason) == (200_000, "met")
    assert (kitchen.met_g, kitchen.reason) == (150_000, "met")
    assert (market.met_g, market.reason, market.served_through) == (50_000, "supply_ran_out", 3)
    lines = PlanLine.objects.of(circuit.world.commune).filter(cycle=circuit.cycle)
    assert sum(line.quantity_g for line in lines) == 420_000
    assert {line.vehicle_id for line in lines} == {circuit.truck.pk}


def test_approval_freezes_the_plan(circuit: Circuit) -> None:
    approved(circuit)
    with pytest.raises(Refusal) as refused:
        services.need_record(
            cycle=circuit.cycle,
            outlet=circuit.canteen,
            product=circuit.beans,
            quantity_g=1,
            priority=1,
        )
    assert refused.value.code == "frozen"
    with pytest.raises(Refusal):
        services.plan_solve(cycle=circuit.cycle)
    with pytest.raises(Refusal):
        services.plan_approve(cycle=circuit.cycle, by=None)


def test_it_refuses_to_approve_a_plan_not_made(circuit: Circuit) -> None:
    with pytest.raises(Refusal) as refused:
        services.plan_approve(cycle=circuit.cycle, by=None)
    assert refused.value.code == "no_plan"


def test_a_change_after_the_draft_sends_the_cycle_back_to_open(circuit: Circuit) -> None:
    services.plan_solve(cycle=circuit.cycle)
    services.offer_record(
        cycle=circuit.cycle, producer=circuit.farm, product=circuit.rice, quantity_g=400_000
    )
    circuit.cycle.refresh_from_db()
    assert circuit.cycle.status == CycleStatus.OPEN
    assert not PlanLine.objects.of(circuit.world.commune).filter(cycle=circuit.cycle).exists()


def _line(circuit: Circuit) -> PlanLine:
    return (
        PlanLine.objects.of(circuit.world.commune)
        .filter(cycle=circuit.cycle, outlet=circuit.canteen)
        .order_by("pk")
        .first()
    )


def test_a_delivery_is_posted_to_the_books_in_kind_at_the_accessible_price(
    circuit: Circuit,
) -> None:
    approved(circuit)
    line = _line(circuit)
    delivery = services.delivery_record(line=line, quantity_g=12_500, key="k1", by=circuit.driver)
    line.refresh_from_db()
    assert line.delivered_g == 12_500
    assert delivery.value_cents == round(12_500 * 250 / 1000)
    entry = Entry.objects.of(circuit.world.commune).get(pk=delivery.entry_id)
    assert "Arroz" in entry.description
    accounts = Account.objects.of(circuit.world.commune)
    assert accounts.get(code=DELIVERED_FOOD).unit == "KG"
    assert accounts.get(code=RECEIVED_FOOD).unit == "KG"


def test_it_refuses_more_than_planned_and_left(circuit: Circuit) -> None:
    approved(circuit)
    line = _line(circuit)
    services.delivery_record(line=line, quantity_g=line.quantity_g - 1000, key="a", by=None)
    with pytest.raises(Refusal) as refused:
        services.delivery_record(line=line, quantity_g=2000, key="b", by=None)
    assert refused.value.code == "beyond_plan"
    assert Delivery.objects.of(circuit.world.commune).count() == 1


def test_it_refuses_a_double_submit(circuit: Circuit) -> None:
    approved(circuit)
    line = _line(circuit)
    services.delivery_record(line=line, quantity_g=1000, key="same", by=None)
    with pytest.raises(Refusal) as refused:
        services.delivery_record(line=line, quantity_g=1000, key="same", by=None)
    assert refused.value.code == "already_recorded"
    line.refresh_from_db()
    assert line.delivered_g == 1000


@pytest.mark.parametrize("grams", [-1000, 0])
def test_it_refuses_a_negative_or_empty_amount(circuit: Circuit, grams: int) -> None:
    approved(circuit)
    with pytest.raises(Refusal):
        services.delivery_record(line=_line(circuit), quantity_g=grams, key="x", by=None)
    assert not Delivery.objects.of(circuit.world.commune).exists()


def test_it_refuses_a_delivery_on_a_draft(circuit: Circuit) -> None:
    services.plan_solve(cycle=circuit.cycle)
    with pytest.raises(Refusal) as refused:
        services.delivery_record(line=_line(circuit), quantity_g=1000, key="x", by=None)
    assert refused.value.code == "not_approved"


def test_a_need_with_no_outlet_or_a_negative_quantity_changes_nothing(circuit: Circuit) -> None:
    before = Need.objects.of(circuit.world.commune).count()
    with pytest.raises(Refusal) as refused:
        services.need_record(
            cycle=circuit.cycle, outlet=None, product=circuit.rice, quantity_g=1000, priority=1
        )
    assert refused.value.code == "outlet"
    with pytest.raises(Refusal):
        services.offer_record(
            cycle=circuit.cycle, producer=circuit.farm, product=circuit.beans, quantity_g=-5
        )
    assert Need.objects.of(circuit.world.commune).count() == before
