"""Writing production plans: each service checks its rules and marks the figures stale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.enterprises.models import Enterprise, EnterpriseKind
from comuna.ledger import chart
from comuna.production import services
from comuna.production.models import InputUnit, PlanInput, Product, ProductionPlan
from tests.conftest import World
from tests.factories import make_commune


def _plant(commune: Commune, name: str = "Planta") -> Enterprise:
    return Enterprise.objects.create(
        commune=commune, name=name, kind=EnterpriseKind.PRODUCTION, cash_account=chart.BANK_VES
    )


def test_the_demo_plan_is_solved_and_meets_the_households_target(plan: ProductionPlan) -> None:
    assert plan.result is not None and not plan.stale
    outcomes = plan.result["outcomes"]
    assert [o["scenario"] for o in outcomes] == [
        "",
        "Maíz 30% más caro",
        "Gasoil a la mitad",
        "Sin gasoil",
    ]
    base = outcomes[0]["plan"]
    assert base["targets_met"]
    bags = next(p for p in base["products"] if p["name"] == "Harina precocida")
    assert bags["quantity"] >= bags["target"] == 8
    assert bags["unit"] == "bolsa de 1 kg"
    assert base["surplus"] == pytest.approx(base["income"] - base["cost"])
    no_diesel = outcomes[3]["plan"]
    assert no_diesel["units"] == 0 and not no_diesel["targets_met"]
    dearer = outcomes[1]["plan"]
    assert dearer["surplus"] < base["surplus"]


def test_a_plan_is_for_the_first_day_of_its_month(world: World) -> None:
    plan = services.plan_create(enterprise=_plant(world.commune), month=dt.date(2026, 12, 17))
    assert plan.month == dt.date(2026, 12, 1)
    assert plan.commune_id == world.commune.pk


def test_it_refuses_a_second_plan_for_the_same_month(world: World) -> None:
    plant = _plant(world.commune)
    services.plan_create(enterprise=plant, month=dt.date(2026, 12, 1))
    with pytest.raises(Refusal, match="already has a plan") as refused:
        services.plan_create(enterprise=plant, month=dt.date(2026, 12, 30))
    assert refused.value.field == "month"
    assert ProductionPlan.objects.count() == 1


def test_it_refuses_a_negative_budget(world: World) -> None:
    with pytest.raises(Refusal) as refused:
        services.plan_create(
            enterprise=_plant(world.commune), month=dt.date(2026, 12, 1), budget=Decimal(-1)
        )
    assert refused.value.field == "budget"
    assert not ProductionPlan.objects.exists()


@pytest.mark.parametrize("field", ["price", "available"])
def test_it_refuses_a_negative_input(plan: ProductionPlan, field: str) -> None:
    values = {"price": Decimal(1), "available": Decimal(1), field: Decimal("-0.5")}
    with pytest.raises(Refusal) as refused:
        services.input_save(
            plan=plan,
            name="Sal",
            unit=InputUnit.KG,
            price=values["price"],
            available=values["available"],
        )
    assert refused.value.field == field
    assert not PlanInput.objects.filter(name="Sal").exists()
    plan.refresh_from_db()
    assert not plan.stale


def test_it_refuses_an_input_name_twice(plan: ProductionPlan) -> None:
    with pytest.raises(Refusal, match="already has one"):
        services.input_save(plan=plan, name="Gasoil", unit=InputUnit.LITRE, price=Decimal(1))


@pytest.mark.parametrize("field", ["price", "target", "demand", "uses"])
def test_it_refuses_a_negative_product(plan: ProductionPlan, field: str) -> None:
    corn = plan.inputs.get(name="Maíz blanco")
    values: dict[str, object] = {
        "price": Decimal(1),
        "target": Decimal(0),
        "demand": Decimal(10),
        "uses": {corn.pk: Decimal(1)},
    }
    values[field] = {corn.pk: Decimal(-1)} if field == "uses" else Decimal(-1)
    with pytest.raises(Refusal) as refused:
        services.product_save(plan=plan, name="Cachapa", unit="paquete", **values)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert not Product.objects.filter(name="Cachapa").exists()


def test_it_refuses_a_target_above_the_demand(plan: ProductionPlan) -> None:
    with pytest.raises(Refusal, match="target cannot be above"):
        services.product_save(
            plan=plan,
            name="Cachapa",
            unit="paquete",
            price=Decimal(1),
            target=Decimal(20),
            demand=Decimal(10),
            uses={},
        )


def test_it_refuses_an_input_of_another_plan(world: World, plan: ProductionPlan) -> None:
    other = services.plan_create(
        enterprise=_plant(world.commune, "Otra"), month=dt.date(2026, 1, 1)
    )
    foreign = services.input_save(plan=other, name="Sal", unit=InputUnit.KG, price=Decimal(1))
    with pytest.raises(Refusal, match="no such input") as refused:
        services.product_save(
            plan=plan,
            name="Cachapa",
            unit="paquete",
            price=Decimal(1),
            uses={foreign.pk: Decimal(1)},
        )
    assert refused.value.code == "unknown_input"
    with pytest.raises(Refusal, match="no such input"):
        services.scenario_save(plan=plan, name="Sal cara", input=foreign, price_change=Decimal(30))


def test_it_refuses_to_solve_a_plan_with_no_product(world: World) -> None:
    plan = services.plan_create(enterprise=_plant(world.commune), month=dt.date(2026, 12, 1))
    with pytest.raises(Refusal, match="Add a product") as refused:
        services.plan_solve(plan=plan)
    assert refused.value.code == "no_product"
    plan.refresh_from_db()
    assert plan.result is None


def test_it_refuses_to_solve_a_plan_with_no_limit(world: World) -> None:
    plan = services.plan_create(enterprise=_plant(world.commune), month=dt.date(2026, 12, 1))
    corn = services.input_save(plan=plan, name="Maíz", unit=InputUnit.KG, price=Decimal(1))
    services.product_save(
        plan=plan, name="Harina", unit="kg", price=Decimal(2), uses={corn.pk: Decimal(1)}
    )
    with pytest.raises(Refusal, match="Nothing limits this plan"):
        services.plan_solve(plan=plan)


def test_a_change_marks_the_figures_stale_until_solved_again(plan: ProductionPlan) -> None:
    corn = plan.inputs.get(name="Maíz blanco")
    services.input_save(
        plan=plan,
        item=corn,
        name=corn.name,
        unit=corn.unit,
        price=Decimal("0.60"),
        available=corn.available,
    )
    plan.refresh_from_db()
    assert plan.stale
    before = plan.result["outcomes"][0]["plan"]["cost"]  # type: ignore[index]
    solved = services.plan_solve(plan=plan)
    assert not solved.stale
    assert solved.result["outcomes"][0]["plan"]["cost"] > before  # type: ignore[index]


def test_a_product_saved_again_keeps_only_the_uses_given(plan: ProductionPlan) -> None:
    sack = plan.products.get(name="Harina para arepas")
    corn = plan.inputs.get(name="Maíz blanco")
    services.product_save(
        plan=plan,
        item=sack,
        name=sack.name,
        unit=sack.unit,
        price=sack.price,
        target=sack.target,
        demand=sack.demand,
        uses={corn.pk: Decimal(7), plan.inputs.get(name="Gasoil").pk: None},
    )
    assert list(sack.uses.values_list("input__name", "amount")) == [("Maíz blanco", Decimal(7))]


def test_a_plan_hangs_from_its_enterprises_commune(world: World) -> None:
    elsewhere = make_commune(name="Comuna Otra", code="otra")
    plan = services.plan_create(enterprise=_plant(elsewhere), month=dt.date(2026, 12, 1))
    assert plan.commune_id == elsewhere.pk
    assert not ProductionPlan.objects.of(world.commune).exists()


def test_an_input_a_product_takes_is_not_removed(plan: ProductionPlan) -> None:
    corn = plan.inputs.get(name="Maíz blanco")
    with pytest.raises(Refusal, match="Products take this input"):
        services.input_delete(item=corn)
    assert PlanInput.objects.filter(pk=corn.pk).exists()


def test_an_input_a_scenario_is_about_is_not_removed(plan: ProductionPlan) -> None:
    diesel = plan.inputs.get(name="Gasoil")
    for product in plan.products.all():
        product.uses.filter(input=diesel).delete()
    with pytest.raises(Refusal, match="A scenario is about this input"):
        services.input_delete(item=diesel)


def test_removing_a_product_or_a_scenario_marks_the_figures_stale(plan: ProductionPlan) -> None:
    services.scenario_delete(item=plan.scenarios.get(name="Sin gasoil"))
    services.product_delete(item=plan.products.get(name="Harina para arepas"))
    plan.refresh_from_db()
    assert plan.stale
    solved = services.plan_solve(plan=plan)
    assert len(solved.result["outcomes"]) == 3  # type: ignore[index]
    assert [p["name"] for p in solved.result["outcomes"][0]["plan"]["products"]] == [  # type: ignore[index]
        "Harina precocida"
    ]
    unused = services.input_save(plan=plan, name="Sal", unit=InputUnit.KG, price=Decimal(1))
    services.input_delete(item=unused)
    assert not PlanInput.objects.filter(name="Sal").exists()


def test_next_month_starts_from_a_copy_of_this_one(plan: ProductionPlan) -> None:
    copy = services.plan_copy(plan=plan, month=dt.date(2027, 1, 20))
    assert copy.month == dt.date(2027, 1, 1) and copy.enterprise_id == plan.enterprise_id
    assert copy.result is None
    assert list(copy.inputs.values_list("name", "price")) == list(
        plan.inputs.values_list("name", "price")
    )
    bags = copy.products.get(name="Harina precocida")
    assert {u.input.plan_id for u in bags.uses.select_related("input")} == {copy.pk}
    assert copy.scenarios.count() == 3

    def figures(p: ProductionPlan) -> list[tuple[str, float, float]]:
        outcomes = services.plan_solve(plan=p).result["outcomes"]  # type: ignore[index]
        return [(o["scenario"], o["plan"]["units"], o["plan"]["surplus"]) for o in outcomes]

    assert figures(copy) == figures(plan)
    with pytest.raises(Refusal, match="already has a plan"):
        services.plan_copy(plan=plan, month=dt.date(2027, 1, 1))
