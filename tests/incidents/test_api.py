"""The incidents' API: report, read with or without the reporter, record work."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from comuna.incidents import services
from comuna.incidents.models import Incident, WorkLog
from tests.conftest import client_for
from tests.incidents.conftest import Services

pytestmark = pytest.mark.django_db


def send(client: object, url: str, body: dict) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")  # type: ignore[attr-defined]


def csrf_client(user: object) -> object:
    client = client_for(user)  # type: ignore[arg-type]
    client.handler.enforce_csrf_checks = False
    return client


def test_a_resident_reports_and_reads_it_without_their_own_name(svc: Services) -> None:
    client = csrf_client(svc.world.resident)
    body = {
        "kind": "water",
        "council": svc.world.council.code,
        "sector": svc.sector.pk,
        "address": "Calle 1",
        "description": "No water",
        "since": timezone.localdate().isoformat(),
    }
    response = send(client, "/api/incidents/", body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["households_affected"] == 2
    assert data["reported_by"] is None
    assert [e["status"] for e in data["timeline"]] == ["reported"]
    incident = Incident.objects.get()
    admin = csrf_client(svc.world.admin).get(f"/api/incidents/{incident.pk}").json()
    assert admin["reported_by"] == svc.world.resident.username
    assert csrf_client(svc.world.outsider).get(f"/api/incidents/{incident.pk}").status_code == 404


def test_a_report_for_another_council_is_refused(svc: Services) -> None:
    body = {
        "kind": "water",
        "council": svc.world.other_council.code,
        "address": "x",
        "description": "y",
        "since": timezone.localdate().isoformat(),
    }
    assert send(csrf_client(svc.world.resident), "/api/incidents/", body).status_code == 400
    assert not Incident.objects.exists()


def test_the_brigade_records_work_over_the_api(svc: Services) -> None:
    incident = svc.report()
    services.incident_assign(incident=incident, brigade=svc.brigade, by=None)
    url = f"/api/incidents/{incident.pk}/worklogs"
    body = {"minutes": 150, "people": 2, "done": "Fixed"}
    assert send(csrf_client(svc.stranger), url, body).status_code == 404
    response = send(csrf_client(svc.brigadista), url, body)
    assert response.status_code == 201, response.content
    assert WorkLog.objects.count() == 1
