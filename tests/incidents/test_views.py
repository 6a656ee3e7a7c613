"""The incidents' pages through HTTP, role by role: who reads, who reports, who acts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from comuna.incidents import services
from comuna.incidents.models import Incident, IncidentStatus, WorkLog
from comuna.users.models import User
from tests.conftest import client_for
from tests.incidents.conftest import Services
from tests.incidents.test_services import png

pytestmark = pytest.mark.django_db


def post(client: Client, page: str, url: str, data: dict[str, Any]) -> Any:
    """POST the way a browser does from ``page``: read the CSRF cookie there first."""
    client.get(page)
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def report_data(svc: Services, **extra: Any) -> dict[str, Any]:
    return {
        "kind": svc.water.pk,
        "council": svc.world.council.pk,
        "sector": svc.sector.pk,
        "address": "Calle 1, casa 3",
        "description": "The pipe burst",
        "since": timezone.localdate().isoformat(),
        **extra,
    }


def test_a_resident_reports_for_their_household_with_a_photo(svc: Services) -> None:
    client = client_for(svc.world.resident)
    data = report_data(svc, photo=SimpleUploadedFile("p.png", png(), "image/png"))
    response = post(client, "/incidencias/reportar/", "/incidencias/reportar/", data)
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.household == svc.world.household
    assert incident.reported_by == svc.world.resident
    assert incident.households_affected == 2
    assert incident.photos.count() == 1
    assert client.get(f"/incidencias/{incident.pk}/").status_code == 200
    photo = incident.photos.get()
    assert client.get(f"/incidencias/{incident.pk}/fotos/{photo.pk}/").status_code == 200
    # Another resident meets neither the incident nor its photo.
    outsider = client_for(svc.world.outsider)
    assert outsider.get(f"/incidencias/{incident.pk}/").status_code == 404
    assert outsider.get(f"/incidencias/{incident.pk}/fotos/{photo.pk}/").status_code == 404


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_written(svc: Services) -> None:
    client = client_for(svc.world.resident)
    data = report_data(svc, photo=SimpleUploadedFile("p.png", b"not an image", "image/png"))
    response = post(client, "/incidencias/reportar/", "/incidencias/reportar/", data)
    assert response.status_code == 400
    assert not Incident.objects.exists()


def test_a_resident_cannot_report_for_another_council(svc: Services) -> None:
    client = client_for(svc.world.resident)
    data = report_data(svc, council=svc.world.other_council.pk, sector="")
    response = post(client, "/incidencias/reportar/", "/incidencias/reportar/", data)
    assert response.status_code == 400
    assert not Incident.objects.exists()


def test_the_spokesperson_reports_for_a_household_of_their_council(svc: Services) -> None:
    client = client_for(svc.world.spokesperson, language="es")
    data = report_data(svc, household=svc.world.household.pk, households="7")
    response = post(client, "/incidencias/reportar/", "/incidencias/reportar/", data)
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.household == svc.world.household
    assert incident.households_affected == 7
    page = client.get(f"/incidencias/{incident.pk}/").content.decode()
    assert 'data-testid="reporter"' in page
    # A household of another council is not theirs to speak for.
    data = report_data(svc, household=svc.world.other_household.pk)
    assert post(client, "/incidencias/reportar/", "/incidencias/reportar/", data).status_code == 400


def reported(svc: Services) -> Incident:
    return services.incident_report(
        commune=svc.world.commune,
        kind=svc.water,
        council=svc.world.council,
        sector=svc.sector,
        household=svc.world.household,
        address="Calle 1, casa 3",
        description="No water",
        since=timezone.localdate() - dt.timedelta(days=1),
        by=svc.world.resident,
    )


@pytest.mark.parametrize(
    ("who", "reads", "sees_reporter"),
    [
        ("admin", True, True),
        ("comptroller", True, True),
        ("spokesperson", True, True),
        ("resident", True, False),
        ("outsider", False, False),
        ("treasurer", False, False),
        ("brigadista", True, False),
        ("stranger", False, False),
    ],
)
def test_who_reads_an_incident_and_who_sees_who_reported(
    svc: Services, who: str, reads: bool, sees_reporter: bool
) -> None:
    incident = reported(svc)
    services.incident_assign(incident=incident, brigade=svc.brigade, by=svc.world.admin)
    user: User = getattr(svc.world, who, None) or getattr(svc, who)
    response = client_for(user).get(f"/incidencias/{incident.pk}/")
    assert response.status_code == (200 if reads else 404)
    if reads:
        assert ('data-testid="reporter"' in response.content.decode()) is sees_reporter


def test_only_the_administrator_triages_and_assigns(svc: Services) -> None:
    incident = reported(svc)
    page = f"/incidencias/{incident.pk}/"
    for user in (svc.world.spokesperson, svc.world.comptroller, svc.world.resident):
        response = post(client_for(user), page, f"{page}asignar/", {"brigade": svc.brigade.pk})
        assert response.status_code == 403
    admin = client_for(svc.world.admin)
    assert post(admin, page, f"{page}triaje/", {"priority": "urgent"}).status_code == 302
    assert post(admin, page, f"{page}asignar/", {"brigade": svc.brigade.pk}).status_code == 302
    incident.refresh_from_db()
    assert (incident.status, incident.priority, incident.brigade) == (
        IncidentStatus.ASSIGNED,
        "urgent",
        svc.brigade,
    )


def test_the_brigade_assigned_logs_work_and_resolves_and_another_brigade_cannot(
    svc: Services,
) -> None:
    incident = reported(svc)
    services.incident_assign(incident=incident, brigade=svc.brigade, by=svc.world.admin)
    page = f"/incidencias/{incident.pk}/"
    work = {"date": timezone.localdate().isoformat(), "hours": "2", "people": "3", "done": "Dug"}
    stranger = client_for(svc.stranger)
    assert post(stranger, "/", f"{page}trabajo/", work).status_code == 404
    brigade = client_for(svc.brigadista)
    assert post(brigade, page, f"{page}trabajo/", work).status_code == 302
    assert WorkLog.objects.get().hours == Decimal(2)
    assert post(brigade, page, f"{page}estado/", {"status": "resolved"}).status_code == 302
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.RESOLVED


def test_a_refused_work_log_shows_on_the_page_in_spanish(svc: Services) -> None:
    incident = reported(svc)
    services.incident_assign(incident=incident, brigade=svc.brigade, by=svc.world.admin)
    page = f"/incidencias/{incident.pk}/"
    work = {"date": timezone.localdate().isoformat(), "hours": "30", "people": "0", "done": ""}
    response = post(client_for(svc.brigadista, "es"), page, f"{page}trabajo/", work)
    assert response.status_code == 400
    assert not WorkLog.objects.exists()


def test_the_list_filters_and_shows_only_what_the_reader_may_read(svc: Services) -> None:
    mine = reported(svc)
    other = services.incident_report(
        commune=svc.world.commune,
        kind=svc.water,
        council=svc.world.other_council,
        address="Vereda 4",
        description="Dark street",
        since=timezone.localdate(),
        by=svc.world.outsider,
    )
    resident = client_for(svc.world.resident).get("/incidencias/").content.decode()
    assert mine.reference in resident and other.reference not in resident
    admin = client_for(svc.world.admin)
    both = admin.get("/incidencias/").content.decode()
    assert mine.reference in both and other.reference in both
    filtered = admin.get(f"/incidencias/?consejo={svc.world.other_council.pk}").content.decode()
    assert mine.reference not in filtered and other.reference in filtered
    assert client_for(svc.world.treasurer).get("/incidencias/").status_code == 404


def test_the_public_page_shows_counts_and_never_a_person_or_an_address(svc: Services) -> None:
    incident = reported(svc)
    services.incident_assign(incident=incident, brigade=svc.brigade, by=svc.world.admin)
    services.incident_status_set(incident=incident, status="resolved", by=svc.world.admin)
    reported(svc)
    response = Client(HTTP_ACCEPT_LANGUAGE="es").get("/incidencias/publico/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Calle 1" not in text
    assert svc.world.resident.username not in text
    assert svc.world.head.last_names not in text
    assert 'data-testid="chart-kinds"' in text


def test_the_public_figures_follow_every_change_though_they_are_counted_once(
    svc: Services,
) -> None:
    public = Client(HTTP_ACCEPT_LANGUAGE="es")

    def figures() -> str:
        text = public.get("/incidencias/publico/").content.decode()
        return text[text.index('data-testid="by-kind"') :]

    reported(svc)
    before = figures()
    assert figures() == before  # the second reader is served the same count
    incident = reported(svc)
    after_report = figures()
    assert after_report != before
    services.incident_assign(incident=incident, brigade=svc.brigade, by=svc.world.admin)
    services.incident_status_set(incident=incident, status="resolved", by=svc.world.admin)
    assert figures() != after_report
    svc.water.name = "Agua potable"
    svc.water.standard = False
    svc.water.save()
    assert "Agua potable" in figures()


def test_the_map_draws_what_the_reader_may_read_where_it_was_reported(svc: Services) -> None:
    placed = svc.report(latitude=Decimal("10.464000"), longitude=Decimal("-66.980000"))
    svc.report(latitude=Decimal("10.470000"), longitude=Decimal("-66.970000"))
    svc.report()  # reported without a point
    page = client_for(svc.world.admin).get("/incidencias/mapa/").content.decode()
    assert page.count("<circle") == 2
    assert f'href="/incidencias/{placed.pk}/"' in page
    assert 'data-testid="map-counts"' in page
    # A resident sees their own reports; one of another household sees none of them.
    assert (
        client_for(svc.world.outsider).get("/incidencias/mapa/").content.decode().count("<circle")
        == 0
    )
    assert client_for(svc.world.treasurer).get("/incidencias/mapa/").status_code == 404


def test_the_administrator_keeps_the_kinds_and_the_store(svc: Services) -> None:
    admin = client_for(svc.world.admin)
    assert (
        post(admin, "/incidencias/tipos/", "/incidencias/tipos/", {"name": "Drainage"}).status_code
        == 302
    )
    data = {"add": "1", "name": "Cement", "unit": "KG"}
    assert (
        post(admin, "/incidencias/materiales/", "/incidencias/materiales/", data).status_code == 302
    )
    assert client_for(svc.world.resident).get("/incidencias/materiales/").status_code == 404
