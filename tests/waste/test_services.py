"""The fleet, the ration and the day's plan, through the services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from comuna.core.refusals import Refusal
from comuna.waste import services
from comuna.waste.models import DayPlan, RationPolicy, Stop, StopKind, VehicleBreakdown
from tests.waste.conftest import TODAY, Fleet

pytestmark = pytest.mark.django_db


def test_a_second_vehicle_with_the_same_plate_is_refused(fleet: Fleet) -> None:
    with pytest.raises(Refusal) as refused:
        services.vehicle_save(
            enterprise=fleet.enterprise,
            plate="ab123cd",
            capacity_kg=1000,
            litres_per_100km_centi=3000,
        )
    assert refused.value.field == "plate"


def test_a_broken_down_truck_is_not_available_until_it_is_back(fleet: Fleet) -> None:
    truck = fleet.trucks[0]
    services.breakdown_record(vehicle=truck, start=TODAY, end=TODAY + dt.timedelta(days=2))
    assert truck not in services.vehicles_available(fleet.enterprise, TODAY)
    assert truck not in services.vehicles_available(fleet.enterprise, TODAY + dt.timedelta(1))
    assert truck in services.vehicles_available(fleet.enterprise, TODAY + dt.timedelta(2))


def test_overlapping_breakdowns_are_refused(fleet: Fleet) -> None:
    truck = fleet.trucks[0]
    services.breakdown_record(vehicle=truck, start=TODAY)
    with pytest.raises(Refusal):
        services.breakdown_record(vehicle=truck, start=TODAY + dt.timedelta(days=3))
    assert VehicleBreakdown.objects.count() == 1


def test_a_point_in_another_communes_council_is_refused(fleet: Fleet) -> None:
    from tests import factories

    elsewhere = factories.make_council(factories.make_commune(), "CC09")
    with pytest.raises(Refusal) as refused:
        services.point_save(
            enterprise=fleet.enterprise,
            code="X1",
            name="Fuera",
            council=elsewhere,
            kind="container",
            latitude=10,
            longitude=-66,
            fill_kg_per_day=10,
        )
    assert refused.value.field == "council"


def test_the_default_allowance_is_what_is_left_over_the_collection_days_left(
    fleet: Fleet,
) -> None:
    allowance = services.day_allowance(fleet.enterprise, TODAY)
    # Monday 7 December 2026: Monday to Saturday to the 31st are 22 days (25 less 3 Sundays).
    assert allowance.left_ml == 300_000
    assert allowance.days_left == 22
    assert allowance.allowance_ml == 300_000 // 22


def test_other_policies_give_a_fixed_amount_or_a_share_of_what_is_left(fleet: Fleet) -> None:
    services.collection_settings_save(
        enterprise=fleet.enterprise, weekdays="01234", policy=RationPolicy.FIXED, fixed_ml=12_000
    )
    assert services.day_allowance(fleet.enterprise, TODAY).allowance_ml == 12_000
    services.collection_settings_save(
        enterprise=fleet.enterprise, weekdays="01234", policy=RationPolicy.SHARE, share_percent=5
    )
    assert services.day_allowance(fleet.enterprise, TODAY).allowance_ml == 15_000


def test_a_fixed_policy_with_no_litres_is_refused(fleet: Fleet) -> None:
    with pytest.raises(Refusal):
        services.collection_settings_save(
            enterprise=fleet.enterprise, weekdays="0", policy=RationPolicy.FIXED, fixed_ml=0
        )


def test_the_days_plan_stays_within_the_allowance_and_serves_the_clinic(fleet: Fleet) -> None:
    plan = services.day_plan_make(
        enterprise=fleet.enterprise, date=TODAY, by=fleet.manager, today=TODAY
    )
    assert plan.current and plan.litres_ml <= plan.allowance_ml
    assert plan.routes.exists()
    served = set(
        Stop.objects.filter(route__plan=plan, kind=StopKind.POINT).values_list("point", flat=True)
    )
    assert fleet.points[3].pk in served
    data = services.plan_json(plan)
    assert data["allowance_litres"] == plan.allowance_ml / 1000
    assert len(data["points_served"]) + len(data["points_left"]) == len(fleet.points)


def test_making_the_day_again_supersedes_the_current_plan(fleet: Fleet) -> None:
    first = services.day_plan_make(enterprise=fleet.enterprise, date=TODAY, by=None, today=TODAY)
    second = services.day_plan_make(
        enterprise=fleet.enterprise, date=TODAY, by=None, today=TODAY, seed=2
    )
    first.refresh_from_db()
    assert not first.current and second.current and second.replaces == first
    assert DayPlan.objects.filter(current=True).count() == 1


def test_the_same_seed_gives_the_same_plan(fleet: Fleet) -> None:
    a = services.day_plan_make(enterprise=fleet.enterprise, date=TODAY, by=None, today=TODAY)
    b = services.day_plan_make(enterprise=fleet.enterprise, date=TODAY, by=None, today=TODAY)
    assert services.plan_json(a)["routes"] == services.plan_json(b)["routes"]


def test_a_day_that_has_passed_is_refused(fleet: Fleet) -> None:
    with pytest.raises(Refusal) as refused:
        services.day_plan_make(
            enterprise=fleet.enterprise, date=TODAY - dt.timedelta(days=1), by=None, today=TODAY
        )
    assert refused.value.code == "past"
    assert not DayPlan.objects.exists()


def test_a_day_with_every_truck_broken_down_is_refused(fleet: Fleet) -> None:
    for truck in fleet.trucks:
        services.breakdown_record(vehicle=truck, start=TODAY)
    with pytest.raises(Refusal) as refused:
        services.day_plan_make(enterprise=fleet.enterprise, date=TODAY, by=None, today=TODAY)
    assert refused.value.code == "no_vehicle"


def test_a_day_with_no_points_is_refused(fleet: Fleet) -> None:
    for point in fleet.points:
        point.active = False
        point.save(update_fields=["active"])
    with pytest.raises(Refusal) as refused:
        services.day_plan_make(enterprise=fleet.enterprise, date=TODAY, by=None, today=TODAY)
    assert refused.value.code == "no_points"


def test_a_breakdown_mid_route_replans_the_rest_for_the_other_truck(fleet: Fleet) -> None:
    plan = services.day_plan_make(enterprise=fleet.enterprise, date=TODAY, by=None, today=TODAY)
    route = plan.routes.order_by("-kg").first()
    assert route is not None
    stops = list(route.stops.order_by("sequence"))
    after = next(s.sequence for s in stops if s.kind == StopKind.POINT)
    served_before = {s.point_id for s in stops if s.sequence <= after and s.point_id}
    new = services.day_plan_replan_after_breakdown(
        plan=plan, vehicle=route.vehicle, after_stop=after, by=None, today=TODAY
    )
    plan.refresh_from_db()
    assert new.current and not plan.current and new.replaces == plan
    kept = new.routes.get(vehicle=route.vehicle)
    assert {s.point_id for s in kept.stops.all() if s.point_id} == served_before
    others = Stop.objects.filter(route__plan=new, kind=StopKind.POINT).exclude(route=kept)
    assert not served_before & set(others.values_list("point_id", flat=True))
    assert new.litres_ml <= new.allowance_ml
    assert VehicleBreakdown.objects.filter(vehicle=route.vehicle, start=TODAY).exists()


def test_the_distance_matrix_is_cached_and_computed_again_when_a_point_moves(
    fleet: Fleet, settings: Any, tmp_path: Path
) -> None:
    settings.COMUNA_HOME = tmp_path
    folder = tmp_path / "matrices"
    services.day_plan_make(enterprise=fleet.enterprise, date=TODAY, by=None, today=TODAY)
    after_first = set(folder.glob("*.npy"))
    services.day_plan_make(enterprise=fleet.enterprise, date=TODAY, by=None, today=TODAY)
    assert set(folder.glob("*.npy")) == after_first
    point = fleet.points[0]
    point.latitude += 0.0005
    point.save(update_fields=["latitude"])
    services.day_plan_make(enterprise=fleet.enterprise, date=TODAY, by=None, today=TODAY)
    assert len(after_first) == 1
    assert len(set(folder.glob("*.npy")) - after_first) == 1
