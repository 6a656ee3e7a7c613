"""The distribution over JSON: recording a delivery, listing rounds, the OpenAPI document."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from comuna.distribution.models import Delivery
from comuna.users.tokens import token_create
from tests.distribution.conftest import Day

pytestmark = pytest.mark.django_db


def _api(day: Day, user: object = None) -> Client:
    _token, raw = token_create(actor=day.world.actor(user or day.world.spokesperson))  # type: ignore[arg-type]
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")


def _deliver(client: Client, day: Day, body: dict[str, object]) -> tuple[int, dict[str, object]]:
    response = client.post(
        f"/api/distribution/rounds/{day.round.pk}/deliveries",
        json.dumps(body),
        content_type="application/json",
    )
    return response.status_code, response.json()


def test_it_records_a_delivery_named_by_household_id(day: Day) -> None:
    status, body = _deliver(_api(day), day, {"household_id": day.world.household.pk, "table": 2})
    assert status == 201
    assert body["household"] == day.world.household.label and body["quantity"] == 1


def test_it_records_a_delivery_named_by_the_cards_code_or_the_scanned_address(day: Day) -> None:
    client = _api(day, day.world.admin)
    status, _body = _deliver(client, day, {"card_code": day.world.household.card_code.lower()})
    assert status == 201
    scanned = f"http://10.0.0.2:8000/censo/carnet/?code={day.world.other_household.card_code}"
    assert _deliver(client, day, {"card_code": scanned})[0] == 201


def test_a_second_delivery_is_409_with_a_clear_message(day: Day) -> None:
    client = _api(day)
    _deliver(client, day, {"household_id": day.world.household.pk})
    status, body = _deliver(client, day, {"household_id": day.world.household.pk})
    assert status == 409
    assert "already received in this round" in str(body["detail"])
    assert Delivery.objects.count() == 1


def test_a_household_not_on_the_list_is_400(day: Day) -> None:
    day.round.entitlements.filter(household=day.world.household).update(awarded=0)
    status, body = _deliver(_api(day), day, {"household_id": day.world.household.pk})
    assert status == 400 and "not served in this round" in str(body["detail"])


def test_a_spokesperson_cannot_deliver_to_another_councils_household(day: Day) -> None:
    status, _body = _deliver(_api(day), day, {"household_id": day.world.other_household.pk})
    assert status == 404
    assert not Delivery.objects.exists()


def test_residents_and_the_comptroller_cannot_record_deliveries(day: Day) -> None:
    assert _deliver(_api(day, day.world.comptroller), day, {"household_id": 1})[0] == 403
    assert _deliver(_api(day, day.world.resident), day, {"household_id": 1})[0] == 404


def test_it_lists_rounds_with_stock_and_delivered(day: Day) -> None:
    client = _api(day)
    _deliver(client, day, {"household_id": day.world.household.pk})
    rounds = client.get("/api/distribution/rounds").json()
    assert rounds[0]["id"] == day.round.pk
    assert rounds[0]["stock"] == 10 and rounds[0]["delivered"] == 1


def test_the_endpoint_is_in_the_openapi_document(db: None) -> None:
    document = Client().get("/api/openapi.json").json()
    operation = document["paths"]["/api/distribution/rounds/{round_id}/deliveries"]["post"]
    assert {"201", "400", "409"} <= set(operation["responses"])
