"""The circuits' pages, role by role: organisers plan and approve, the comptroller reads, a
spokesperson sees their council's outlets, a driver records on their sheet."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client

from comuna.circuits import services
from comuna.circuits.models import CycleStatus, Delivery, PlanLine
from comuna.users.models import Role
from tests import factories
from tests.circuits.conftest import Circuit, approved
from tests.conftest import client_for
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def _post(client: Client, page: str, url: str, data: dict[str, object]) -> HttpResponse:
    """POST from ``page`` (whose GET sets the CSRF cookie), as a browser would."""
    client.get(page)
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
    answer: HttpResponse = client.post(url, {**data, "csrfmiddlewaretoken": token})
    return answer


def _cycle_url(circuit: Circuit) -> str:
    return f"/circuitos/ciclos/{circuit.cycle.pk}/"


def test_the_manager_drafts_and_approves_the_plan(circuit: Circuit) -> None:
    client = client_for(circuit.manager)
    url = _cycle_url(circuit)
    _post(client, url, url + "planificar/", {})
    page = client.get(url)
    assert page.status_code == 200
    assert "supply_ran_out" not in page.text and "ran out after" not in page.text
    assert "Rice" not in page.text and "Mercado Comunal La Ceiba" in page.text
    assert "the Arroz within reach ran out" in page.text
    _post(client, url, url + "aprobar/", {})
    circuit.cycle.refresh_from_db()
    assert circuit.cycle.status == CycleStatus.APPROVED


def test_the_comptroller_reads_but_does_not_approve(circuit: Circuit) -> None:
    services.plan_solve(cycle=circuit.cycle)
    client = client_for(circuit.world.comptroller)
    assert client.get(_cycle_url(circuit)).status_code == 200
    answer = _post(client, _cycle_url(circuit), _cycle_url(circuit) + "aprobar/", {})
    assert answer.status_code == 403
    circuit.cycle.refresh_from_db()
    assert circuit.cycle.status == CycleStatus.DRAFT


def test_a_spokesperson_sees_only_their_councils_outlets(circuit: Circuit) -> None:
    services.plan_solve(cycle=circuit.cycle)
    page = client_for(circuit.world.spokesperson).get(_cycle_url(circuit))
    assert page.status_code == 200
    assert "Comedor Escuela Bolívar" in page.text
    assert "Mercado Comunal La Ceiba" not in page.text


def test_a_resident_and_another_commune_get_nothing(circuit: Circuit) -> None:
    assert client_for(circuit.world.resident).get(_cycle_url(circuit)).status_code == 404
    other = factories.make_commune(name="Comuna Vecina")
    stranger = factories.make_user("ajeno", Role.ADMIN, commune=other)
    assert client_for(stranger).get(_cycle_url(circuit)).status_code == 404


def test_the_driver_records_a_delivery_on_their_sheet_once(circuit: Circuit) -> None:
    approved(circuit)
    client = client_for(circuit.driver, language="es")
    sheet = f"{_cycle_url(circuit)}hojas/{circuit.truck.pk}/"
    page = client.get(sheet)
    assert page.status_code == 200 and "Registrar entrega" in page.text
    line = PlanLine.objects.of(circuit.world.commune).filter(cycle=circuit.cycle).first()
    url = f"/circuitos/lineas/{line.pk}/entregar/"
    data = {f"l{line.pk}-kg": "10.5", f"l{line.pk}-key": "abc"}
    _post(client, sheet, url, data)
    _post(client, sheet, url, data)
    line.refresh_from_db()
    assert line.delivered_g == 10_500
    assert Delivery.objects.of(circuit.world.commune).count() == 1
    _post(client, sheet, url, {f"l{line.pk}-kg": "-3", f"l{line.pk}-key": "neg"})
    assert Delivery.objects.of(circuit.world.commune).count() == 1


def test_a_driver_cannot_record_on_another_vehicles_line(circuit: Circuit) -> None:
    approved(circuit)
    line = PlanLine.objects.of(circuit.world.commune).filter(cycle=circuit.cycle).first()
    other = factories.make_user("otro", Role.ENTERPRISE_WORKER, commune=circuit.world.commune)
    services.vehicle_create(
        commune=circuit.world.commune, name="Camión 2", capacity_kg=10, driver=other
    )
    response = _post(
        client_for(other),
        "/circuitos/",
        f"/circuitos/lineas/{line.pk}/entregar/",
        {f"l{line.pk}-kg": "1", f"l{line.pk}-key": "z"},
    )
    assert response.status_code in (403, 404)
    assert not Delivery.objects.of(circuit.world.commune).exists()


def test_the_delivery_sheet_prints(circuit: Circuit) -> None:
    approved(circuit)
    answer = client_for(circuit.world.admin).get(
        f"{_cycle_url(circuit)}hojas/{circuit.truck.pk}/pdf/"
    )
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert "Comedor Escuela" in pdf_text(answer.content)


def test_the_public_page_shows_aggregates_without_outlets(circuit: Circuit) -> None:
    approved(circuit)
    page = client_for(None).get("/circuitos/publico/")
    assert page.status_code == 200
    assert "Arroz" in page.text and "Comedor Escuela Bolívar" not in page.text
    assert "/circuitos/publico/" in client_for(None).get("/publico/").text
