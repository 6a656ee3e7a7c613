"""The yard over JSON: materials, stock, a weigh-in and a sale, role by role."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from comuna.recycling.models import Sale, WeighIn
from comuna.users.tokens import token_create
from tests.recycling.conftest import Yard


def _api(yard: Yard, user: Any) -> Client:
    _token, raw = token_create(actor=yard.world.actor(user))
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")


def _post(client: Client, path: str, body: dict[str, object]) -> tuple[int, Any]:
    response = client.post(path, json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def test_the_operator_posts_a_weigh_in_and_reads_the_stock(yard: Yard) -> None:
    client = _api(yard, yard.operator)
    status, body = _post(
        client,
        "/api/recycling/weighins",
        {"material": "200101", "gross_g": 12_000, "tare_g": 500, "reference": "Ana"},
    )
    assert status == 201 and body["net_g"] == 11_500 and body["entry_sequence"]
    stock = {row["code"]: row for row in client.get("/api/recycling/stock").json()}
    assert stock["20 01 01"]["stock_g"] == 11_500
    materials = client.get("/api/recycling/materials").json()
    assert {"code": "20 01 02", "name": "Glass"}.items() <= materials[1].items()


def test_a_tare_above_the_gross_is_400_and_records_nothing(yard: Yard) -> None:
    status, body = _post(
        _api(yard, yard.operator),
        "/api/recycling/weighins",
        {"material": "20 01 01", "gross_g": 1_000, "tare_g": 2_000, "reference": "Ana"},
    )
    assert status == 400 and body["code"] == "tare_above_gross"
    assert not WeighIn.objects.exists()


def test_an_unknown_material_is_400(yard: Yard) -> None:
    status, body = _post(
        _api(yard, yard.operator),
        "/api/recycling/weighins",
        {"material": "99 99 99", "gross_g": 1_000, "reference": "Ana"},
    )
    assert status == 400 and body["field"] == "material"


def test_the_manager_sells_within_the_stock_only(yard: Yard) -> None:
    client = _api(yard, yard.manager)
    _post(
        client,
        "/api/recycling/weighins",
        {"material": "20 01 40", "gross_g": 8_000, "reference": "Ana"},
    )
    body = {
        "material": "20 01 40",
        "weight_g": 9_000,
        "price_cents_per_kg": 300,
        "buyer": "Metales C.A.",
    }
    status, refused = _post(client, "/api/recycling/sales", body)
    assert status == 400 and refused["code"] == "beyond_stock"
    status, sold = _post(client, "/api/recycling/sales", {**body, "weight_g": 8_000})
    assert status == 201 and sold["amount_cents"] == 2_400 and sold["money_entry_sequence"]
    assert Sale.objects.count() == 1


def test_the_operator_may_not_sell_and_a_resident_sees_nothing(yard: Yard) -> None:
    body = {"material": "20 01 40", "weight_g": 1, "price_cents_per_kg": 300, "buyer": "X"}
    assert _post(_api(yard, yard.operator), "/api/recycling/sales", body)[0] == 403
    resident = _api(yard, yard.world.resident)
    assert resident.get("/api/recycling/stock").status_code == 404
    assert (
        _post(resident, "/api/recycling/weighins", {"material": "200101", "gross_g": 5})[0] == 404
    )
