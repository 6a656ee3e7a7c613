"""Trip logs over JSON: post one (once), read it back, the refusals and who may."""

from __future__ import annotations

import datetime as dt

import pytest

from comuna.ledger import chart
from comuna.ledger.models import Account
from comuna.users.models import Role
from comuna.waste.models import TripLog
from tests import factories
from tests.api.conftest import api_client, post_json
from tests.conftest import World
from tests.waste.factories_trips import Plan, diesel_stock_put, plan_make


@pytest.fixture
def plan(world: World) -> Plan:
    made = plan_make(world.council)
    diesel_stock_put(world.commune, 100, made.plan.date - dt.timedelta(days=2))
    return made


def _url(plan: Plan) -> str:
    return f"/api/waste/trips/routes/{plan.routes[0].pk}/log"


def _body(plan: Plan, **changes: object) -> dict[str, object]:
    stops = plan.point_stops(plan.routes[0])
    body: dict[str, object] = {
        "metres": 31_400,
        "litres_ml": 22_500,
        "weighings": [{"stop_id": stops[0].pk, "kg": 350}, {"stop_id": stops[1].pk, "kg": 410}],
        "token": "crew-phone-0001",
    }
    return {**body, **changes}


def test_the_crew_posts_a_trip_log_once_and_reads_it_back(world: World, plan: Plan) -> None:
    crew = factories.make_user("chofer", Role.ENTERPRISE_WORKER, commune=world.commune)
    client = api_client(crew)
    response = post_json(client, _url(plan), _body(plan))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kg"] == 760 and body["litres_ml"] == 22_500 and body["source"] == "api"
    assert [w["point"] for w in body["weighings"]] == ["P001", "P002"]
    again = post_json(client, _url(plan), _body(plan))
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    other = post_json(client, _url(plan), _body(plan, token="another-one-0002"))
    assert other.status_code == 409 and other.json()["code"] == "already_logged"
    assert TripLog.objects.count() == 1
    stock = Account.objects.of(world.commune).get(code=chart.STOCK_DIESEL)
    assert stock.debits_posted - stock.credits_posted == 100_000 - 22_500
    read = client.get(_url(plan))
    assert read.status_code == 200 and read.json()["id"] == body["id"]


def test_refusals_are_400_with_a_code(world: World, plan: Plan) -> None:
    client = api_client(world.admin)
    other_stop = plan.point_stops(plan.routes[1])[0]
    response = post_json(
        client, _url(plan), _body(plan, weighings=[{"stop_id": other_stop.pk, "kg": 1}])
    )
    assert response.status_code == 400 and response.json()["code"] == "stop_not_on_route"
    short = post_json(client, _url(plan), _body(plan, litres_ml=150_000))
    assert short.status_code == 400 and short.json()["code"] == "diesel_stock_short"
    negative = post_json(client, _url(plan), _body(plan, metres=-1))
    assert negative.status_code in (400, 422)
    assert not TripLog.objects.exists()


def test_a_route_that_does_not_exist_is_404_and_readers_may_not_post(
    world: World, plan: Plan
) -> None:
    assert (
        post_json(
            api_client(world.admin), "/api/waste/trips/routes/99999/log", _body(plan)
        ).status_code
        == 404
    )
    treasurer = api_client(world.treasurer)
    assert post_json(treasurer, _url(plan), _body(plan)).status_code == 403
    assert treasurer.get(_url(plan)).status_code == 404  # not logged yet
    assert api_client(world.resident).get(_url(plan)).status_code == 404
