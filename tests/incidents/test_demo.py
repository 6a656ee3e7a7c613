"""The demo's incidents: a year of them, most resolved, assigned to brigades, in Spanish."""

from __future__ import annotations

from typing import Any

import pytest

from comuna.incidents.models import Incident, IncidentEvent, IncidentStatus, WorkLog
from comuna.incidents.selectors import public_figures
from tests.pages import client_of

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_year_of_incidents_mostly_resolved(demo_module: Any) -> None:
    commune = demo_module.commune
    incidents = Incident.objects.of(commune)
    assert incidents.count() >= 200
    resolved = incidents.filter(status=IncidentStatus.RESOLVED).count()
    assert resolved > incidents.count() / 2
    assert incidents.exclude(
        status__in=[IncidentStatus.RESOLVED, IncidentStatus.DISMISSED]
    ).exists()
    assert incidents.filter(brigade__isnull=False).exists()
    assert WorkLog.objects.of(commune).filter(entry__isnull=False).exists()
    # Every incident's timeline starts with its report.
    assert IncidentEvent.objects.of(commune).filter(status="reported").count() == incidents.count()
    numbers = sorted(incidents.values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
    figures = public_figures(commune)
    assert any(k.median_days is not None for k in figures.kinds)


def test_the_public_page_in_spanish_has_the_chart(demo_module: Any) -> None:
    page = client_of(demo_module, None).get("/incidencias/publico/").content.decode()
    assert "Incidencias por tipo" in page
    assert 'data-testid="chart-kinds"' in page


def test_the_resident_sees_their_own_reports(demo_module: Any) -> None:
    page = client_of(demo_module, "vecino").get("/incidencias/?estado=all").content.decode()
    assert "INC-" in page


def test_most_reports_have_a_point_and_the_map_draws_them(demo_module: Any) -> None:
    incidents = Incident.objects.of(demo_module.commune)
    placed = incidents.filter(latitude__isnull=False).count()
    assert incidents.count() * 0.6 < placed < incidents.count()
    page = client_of(demo_module, "admin").get("/incidencias/mapa/?estado=all").content.decode()
    assert 'data-testid="incident-map"' in page
    assert page.count("<circle") == min(placed, 1000)
