"""The circuit's registry in the browser's forms: products, producers, outlets, vehicles,
cycles, and a cycle's offers and needs; bad input changes nothing."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client

from comuna.circuits.models import Cycle, Need, Offer, Outlet, Producer, Product, Vehicle
from tests.circuits.conftest import Circuit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _post(client: Client, url: str, data: dict[str, object]) -> HttpResponse:
    client.get(url)
    answer: HttpResponse = client.post(
        url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    )
    return answer


def test_the_manager_fills_the_registry_and_a_cycle(circuit: Circuit) -> None:
    client = client_for(circuit.manager)
    commune = circuit.world.commune
    assert client.get("/circuitos/registro/").status_code == 200
    _post(client, "/circuitos/registro/productos/nuevo/", {"name": "Yuca", "price": "1.20"})
    assert Product.objects.of(commune).get(name="Yuca").price_cents_per_kg == 120
    _post(
        client,
        "/circuitos/registro/productores/nuevo/",
        {"name": "Conuco El Toco", "lat": "10.2", "lon": "-67.2"},
    )
    assert Producer.objects.of(commune).filter(name="Conuco El Toco").exists()
    _post(
        client,
        "/circuitos/registro/puntos/nuevo/",
        {"name": "Escuela Sucre", "kind": "school", "lat": "10.1", "lon": "-67.1"},
    )
    assert Outlet.objects.of(commune).filter(name="Escuela Sucre").exists()
    _post(client, "/circuitos/registro/vehiculos/nuevo/", {"name": "Moto", "capacity_kg": "80"})
    assert Vehicle.objects.of(commune).filter(name="Moto").exists()
    _post(
        client,
        "/circuitos/ciclos/nuevo/",
        {"name": "Abril", "starts_on": "2026-04-01", "ends_on": "2026-04-30", "cost": "0.05"},
    )
    cycle = Cycle.objects.of(commune).get(name="Abril")
    producer = Producer.objects.of(commune).get(name="Conuco El Toco")
    yuca = Product.objects.of(commune).get(name="Yuca")
    _post(
        client,
        f"/circuitos/ciclos/{cycle.pk}/ofertas/nueva/",
        {"producer": producer.pk, "product": yuca.pk, "kg": "300"},
    )
    assert Offer.objects.of(commune).get(cycle=cycle).quantity_g == 300_000
    outlet = Outlet.objects.of(commune).get(name="Escuela Sucre")
    _post(
        client,
        f"/circuitos/ciclos/{cycle.pk}/necesidades/nueva/",
        {"outlet": outlet.pk, "product": yuca.pk, "kg": "120", "priority": "2"},
    )
    assert Need.objects.of(commune).get(cycle=cycle).priority == 2


def test_a_negative_offer_is_refused_with_a_message_and_changes_nothing(circuit: Circuit) -> None:
    client = client_for(circuit.manager)
    before = Offer.objects.of(circuit.world.commune).count()
    answer = _post(
        client,
        f"/circuitos/ciclos/{circuit.cycle.pk}/ofertas/nueva/",
        {"producer": circuit.farm.pk, "product": circuit.beans.pk, "kg": "-4"},
    )
    assert answer.status_code == 400
    assert "A quantity cannot be negative." in answer.text
    assert Offer.objects.of(circuit.world.commune).count() == before


def test_the_comptroller_and_the_driver_cannot_fill_the_registry(circuit: Circuit) -> None:
    for user in (circuit.world.comptroller, circuit.driver):
        assert client_for(user).get("/circuitos/registro/productos/nuevo/").status_code == 403
