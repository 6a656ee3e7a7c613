"""The circuits over JSON: a cycle's plan within the caller's reach, and recording a delivery."""

from __future__ import annotations

import pytest

from comuna.circuits.models import Delivery, PlanLine
from tests.api.conftest import api_client, post_json
from tests.circuits.conftest import Circuit, approved

pytestmark = pytest.mark.django_db


def test_the_plan_reads_with_every_needs_reason(circuit: Circuit) -> None:
    approved(circuit)
    body = (
        api_client(circuit.world.comptroller)
        .get(f"/api/circuits/cycles/{circuit.cycle.pk}/plan")
        .json()
    )
    assert body["status"] == "approved"
    reasons = {(n["outlet"], n["product"]): n["reason"] for n in body["needs"]}
    assert reasons[("Mercado Comunal La Ceiba", "Arroz")] == "supply_ran_out"
    assert reasons[("Comedor Escuela Bolívar", "Arroz")] == "met"
    spokesperson = (
        api_client(circuit.world.spokesperson)
        .get(f"/api/circuits/cycles/{circuit.cycle.pk}/plan")
        .json()
    )
    assert "Mercado Comunal La Ceiba" not in {n["outlet"] for n in spokesperson["needs"]}
    assert (
        api_client(circuit.world.resident)
        .get(f"/api/circuits/cycles/{circuit.cycle.pk}/plan")
        .status_code
        == 404
    )


def test_the_driver_records_a_delivery_once(circuit: Circuit) -> None:
    approved(circuit)
    line = PlanLine.objects.of(circuit.world.commune).filter(cycle=circuit.cycle).first()
    assert line is not None
    client = api_client(circuit.driver)
    url = f"/api/circuits/lines/{line.pk}/deliveries"
    answer = post_json(client, url, {"grams": 5000, "key": "api-1"})
    assert answer.status_code == 201
    assert answer.json()["left_g"] == line.quantity_g - 5000
    again = post_json(client, url, {"grams": 5000, "key": "api-1"})
    assert again.status_code == 409
    too_much = post_json(client, url, {"grams": line.quantity_g, "key": "api-2"})
    assert too_much.status_code == 400
    negative = post_json(client, url, {"grams": -5, "key": "api-3"})
    assert negative.status_code == 400
    assert Delivery.objects.of(circuit.world.commune).count() == 1
    refused = post_json(api_client(circuit.world.comptroller), url, {"grams": 1, "key": "c"})
    assert refused.status_code == 404
