"""Trip logs: what they post, once, and what they refuse."""

from __future__ import annotations

import datetime as dt

import pytest

from comuna.core.refusals import Refusal
from comuna.ledger import chart
from comuna.ledger.models import Account, Entry
from comuna.waste.models import CollectionPoint, StopWeighing, TripLog
from comuna.waste.trips import services
from comuna.waste.trips.services import Weighing, trip_log_record
from tests.conftest import World
from tests.waste.factories_trips import diesel_stock_put, fees_set, plan_make


def _balance(world: World, code: str) -> int:
    account = Account.objects.of(world.commune).get(code=code)
    return int(account.debits_posted - account.credits_posted)


def _weighings(plan, route, kgs):  # type: ignore[no-untyped-def]
    return [Weighing(stop=s.pk, kg=kg) for s, kg in zip(plan.point_stops(route), kgs, strict=True)]


@pytest.fixture
def plan(world: World):  # type: ignore[no-untyped-def]
    made = plan_make(world.council)
    diesel_stock_put(world.commune, 100, made.plan.date - dt.timedelta(days=2))
    return made


def test_a_trip_log_posts_the_diesel_out_of_the_stock_and_the_fees_in(world, plan) -> None:
    fees_set(plan.enterprise, per_kg=50, per_point=1000)
    route = plan.routes[0]
    log = trip_log_record(
        route=route,
        metres=31_400,
        litres_ml=22_500,
        weighings=_weighings(plan, route, [350, 420, 0]),
        by=world.admin,
    )
    assert log.fee_cents == 50 * 770 + 1000 * 3
    assert _balance(world, chart.STOCK_DIESEL) == 100_000 - 22_500
    assert _balance(world, chart.USED_DIESEL) == 22_500
    assert _balance(world, chart.WASTE_CASH) == 50 * 770 + 3000
    assert -_balance(world, chart.INCOME_WASTE_FEES) == 50 * 770 + 3000
    assert StopWeighing.objects.filter(trip=log).count() == 3


def test_no_fee_set_posts_no_fee_entry(world, plan) -> None:
    before = Entry.objects.of(world.commune).count()
    route = plan.routes[0]
    log = trip_log_record(
        route=route,
        metres=1000,
        litres_ml=1000,
        weighings=_weighings(plan, route, [1, 2, 3]),
        by=None,
    )
    assert log.fee_cents == 0
    assert Entry.objects.of(world.commune).count() == before + 1
    assert _balance(world, chart.WASTE_CASH) == 0


def test_a_route_is_logged_once_and_the_same_token_gets_the_same_log(world, plan) -> None:
    route = plan.routes[0]
    first = trip_log_record(
        route=route, metres=1000, litres_ml=5000, weighings=[], by=None, token="t" * 20
    )
    again = trip_log_record(
        route=route, metres=9999, litres_ml=9999, weighings=[], by=None, token="t" * 20
    )
    assert again.pk == first.pk
    with pytest.raises(Refusal) as refused:
        trip_log_record(route=route, metres=1, litres_ml=1, weighings=[], by=None, token="x" * 20)
    assert refused.value.code == "already_logged"
    assert TripLog.objects.count() == 1
    assert _balance(world, chart.STOCK_DIESEL) == 100_000 - 5000


def test_a_race_past_the_check_is_stopped_by_the_database(world, plan, monkeypatch) -> None:
    route = plan.routes[0]
    trip_log_record(route=route, metres=1000, litres_ml=5000, weighings=[], by=None)
    # The second request read "not logged yet" before the first committed.
    real_of = TripLog.objects.of
    calls = {"n": 0}

    def stale_of(commune):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return TripLog.objects.none() if calls["n"] == 1 else real_of(commune)

    monkeypatch.setattr(TripLog.objects, "of", stale_of)
    with pytest.raises(Refusal) as refused:
        trip_log_record(route=route, metres=1, litres_ml=1, weighings=[], by=None)
    assert refused.value.code == "already_logged"
    assert _balance(world, chart.STOCK_DIESEL) == 100_000 - 5000


def test_the_stock_cannot_go_below_zero(world, plan) -> None:
    route = plan.routes[0]
    with pytest.raises(Refusal) as refused:
        trip_log_record(route=route, metres=1000, litres_ml=100_001, weighings=[], by=None)
    assert refused.value.code == "diesel_stock_short"
    assert "100.0 L" in refused.value.message
    assert not TripLog.objects.exists()


@pytest.mark.parametrize(
    ("metres", "litres", "kg", "code"),
    [(-1, 0, 0, "negative"), (0, -1, 0, "negative"), (0, 0, -5, "negative")],
)
def test_negatives_are_refused(world, plan, metres, litres, kg, code) -> None:
    route = plan.routes[0]
    stop = plan.point_stops(route)[0]
    with pytest.raises(Refusal) as refused:
        trip_log_record(
            route=route,
            metres=metres,
            litres_ml=litres,
            weighings=[Weighing(stop.pk, kg)],
            by=None,
        )
    assert refused.value.code == code
    assert not TripLog.objects.exists()


def test_a_stop_of_another_route_is_refused(world, plan) -> None:
    other = plan.point_stops(plan.routes[1])[0]
    with pytest.raises(Refusal) as refused:
        trip_log_record(
            route=plan.routes[0], metres=1, litres_ml=1, weighings=[Weighing(other.pk, 3)], by=None
        )
    assert refused.value.code == "stop_not_on_route"


def test_a_route_that_does_not_exist_is_refused(world, plan) -> None:
    with pytest.raises(Refusal) as refused:
        services.route_find(world.commune, 999_999)
    assert refused.value.code == "no_such_route"
    assert refused.value.status == 404


def test_served_points_get_their_day_and_a_corrected_fill(world, plan) -> None:
    route = plan.routes[0]
    stops = plan.point_stops(route)
    trip_log_record(
        route=route,
        metres=1,
        litres_ml=1,
        weighings=[Weighing(stops[0].pk, 700), Weighing(stops[1].pk, 0, served=False)],
        by=None,
    )
    served = CollectionPoint.objects.get(pk=stops[0].point_id)
    missed = CollectionPoint.objects.get(pk=stops[1].point_id)
    assert served.last_served == plan.plan.date
    # Waited 4 days for 700 kg (175 a day): a third of the way from 100 towards 175.
    assert served.fill_kg_per_day == 125
    assert missed.last_served == plan.plan.date - dt.timedelta(days=4)
    assert missed.fill_kg_per_day == 100


def test_the_database_holds_the_rules_the_service_checks(world, plan) -> None:
    from django.db import IntegrityError, transaction

    route = plan.routes[0]
    log = trip_log_record(route=route, metres=1, litres_ml=1, weighings=[], by=None)
    stop = plan.point_stops(route)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        StopWeighing.objects.create(trip=log, stop=stop, kg=5, served=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        TripLog.objects.filter(pk=log.pk).update(source="fax")
    with pytest.raises(IntegrityError), transaction.atomic():
        TripLog.objects.create(route=route, metres=1, litres_ml=1)
