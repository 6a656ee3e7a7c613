"""The health pages through HTTP: who reads what, the two keys on the phone pages."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from comuna.health import selectors, services
from comuna.health.models import Dispensation
from tests.conftest import client_for, post_form
from tests.health.conftest import Clinic

pytestmark = pytest.mark.django_db


def _button(client: Client, url: str) -> HttpResponse:
    """Press a one-button form of the pending page, as its browser does."""
    client.get("/salud/pendientes/")
    answer: HttpResponse = client.post(
        url, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    )
    return answer


READ_PAGES = [
    "/salud/",
    "/salud/lotes/",
    "/salud/conteos/",
    "/salud/discrepancias/",
    "/salud/alertas/",
]


def test_the_committee_hands_over_medicine_and_a_second_member_confirms_it(clinic: Clinic) -> None:
    nurse = client_for(clinic.nurse)
    answer = post_form(
        nurse,
        "/salud/entregar/",
        {
            "batch": clinic.batch.pk,
            "national_id": "v12345678",
            "quantity": 7,
            "prescription": "R-77",
            "prescriber": "Dra. Medina",
            "date": timezone.localdate().isoformat(),
        },
    )
    assert answer.status_code == 302  # type: ignore[attr-defined]
    issue = Dispensation.objects.get()
    assert issue.person == clinic.world.head and issue.issuer == clinic.nurse
    assert "R-77" not in nurse.get("/salud/pendientes/").content.decode()
    promoter = client_for(clinic.promoter)
    assert "Pérez" in promoter.get("/salud/pendientes/").content.decode()
    _button(promoter, f"/salud/entregas/{issue.pk}/confirmar/")
    assert selectors.batch_stock(clinic.batch) == 93


def test_the_issuer_confirming_their_own_issue_is_refused_with_a_message(clinic: Clinic) -> None:
    issue = services.dispensation_record(
        commune=clinic.world.commune,
        batch=clinic.batch,
        person=clinic.world.head,
        quantity=3,
        prescription="R-1",
        prescriber="Dr. Pérez",
        date=timezone.localdate(),
        by=clinic.nurse,
    )
    nurse = client_for(clinic.nurse)
    _button(nurse, f"/salud/entregas/{issue.pk}/confirmar/")
    page = nurse.get("/salud/pendientes/").content.decode()
    assert "a second person must confirm it as witness" in page
    assert selectors.batch_stock(clinic.batch) == 100


def test_an_issue_beyond_the_stock_is_refused_on_the_form(clinic: Clinic) -> None:
    answer = post_form(
        client_for(clinic.nurse),
        "/salud/entregar/",
        {
            "batch": clinic.batch.pk,
            "national_id": "V12345678",
            "quantity": 500,
            "prescription": "R-1",
            "prescriber": "Dr. Pérez",
            "date": timezone.localdate().isoformat(),
        },
    )
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert "holds 100 on record" in answer.content.decode()  # type: ignore[attr-defined]
    assert not Dispensation.objects.exists()


@pytest.mark.parametrize("who", ["nurse", "admin", "comptroller"])
def test_the_stock_pages_are_read_by_the_committee_the_administrator_and_the_comptroller(
    clinic: Clinic, who: str
) -> None:
    user = {
        "nurse": clinic.nurse,
        "admin": clinic.world.admin,
        "comptroller": clinic.world.comptroller,
    }[who]
    client = client_for(user)
    for path in READ_PAGES:
        assert client.get(path).status_code == 200, path


def test_patients_names_are_for_the_committee_alone(clinic: Clinic) -> None:
    issue = services.dispensation_record(
        commune=clinic.world.commune,
        batch=clinic.batch,
        person=clinic.world.head,
        quantity=3,
        prescription="R-1",
        prescriber="Dr. Pérez",
        date=timezone.localdate(),
        by=clinic.nurse,
    )
    services.dispensation_confirm(dispensation=issue, by=clinic.promoter)
    assert "Pérez Rodríguez" in client_for(clinic.nurse).get("/salud/entregas/").content.decode()
    for user in (clinic.world.admin, clinic.world.comptroller):
        client = client_for(user)
        assert client.get("/salud/entregas/").status_code == 403
        assert client.get("/salud/pendientes/").status_code == 403
        for path in [*READ_PAGES, f"/salud/lotes/{clinic.batch.pk}/"]:
            assert "María José" not in client.get(path).content.decode()


def test_residents_and_strangers_see_only_the_public_counts(clinic: Clinic) -> None:
    for user in (clinic.world.resident, None):
        client = client_for(user)
        assert client.get("/salud/publico/").status_code == 200
        assert client.get("/salud/entregas/").status_code in (302, 404)
    assert client_for(clinic.world.resident).get("/salud/").status_code == 404


def test_the_api_gives_the_stock_by_item_as_counts(clinic: Clinic) -> None:
    rows = client_for(clinic.world.comptroller).get("/api/health/stock").json()
    assert rows[0]["name"] == "Amoxicilina 500 mg" and rows[0]["usable"] == 100
    assert client_for(clinic.world.resident).get("/api/health/stock").status_code in (403, 404)


def test_the_committee_books_a_clinic_day_and_prints_its_list(clinic: Clinic) -> None:
    from comuna.health.models import Appointment
    from comuna.health.models import Clinic as Place

    place = Place.objects.create(commune=clinic.world.commune, name="Ambulatorio")
    day = services.clinicday_create(clinic=place, date=timezone.localdate(), by=clinic.nurse)
    nurse = client_for(clinic.nurse)
    answer = post_form(
        nurse,
        f"/salud/consultas/{day.pk}/",
        {"national_id": "V12345678", "time": "08:20", "reason": "Control de tensión"},
    )
    assert answer.status_code == 302  # type: ignore[attr-defined]
    post_form(nurse, f"/salud/consultas/{day.pk}/", {"national_id": "V8765432", "reason": "Fiebre"})
    booked, waiting = Appointment.objects.order_by("pk")
    assert booked.time is not None and waiting.status == "waiting"
    pdf = nurse.get(f"/salud/consultas/{day.pk}/lista.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    for user in (clinic.world.admin, clinic.world.comptroller):
        assert client_for(user).get(f"/salud/consultas/{day.pk}/").status_code == 403


def test_the_committee_adds_an_item_and_receives_a_batch(clinic: Clinic) -> None:
    from comuna.health.models import Batch, Item

    nurse = client_for(clinic.nurse)
    post_form(nurse, "/salud/articulos/nuevo/", {"name": "Gasa estéril", "unit": "paquete"})
    item = Item.objects.get(name="Gasa estéril")
    answer = post_form(
        nurse,
        "/salud/lotes/recibir/",
        {
            "item": item.pk,
            "lot": "G-1",
            "expiry": "2030-01-01",
            "received": 40,
            "received_on": timezone.localdate().isoformat(),
            "supplier": "Donación",
        },
    )
    assert answer.status_code == 302  # type: ignore[attr-defined]
    assert selectors.batch_stock(Batch.objects.get(lot="G-1")) == 40
    assert client_for(clinic.world.admin).get("/salud/entregar/").status_code == 403


def test_the_committee_names_a_new_clinic_once(clinic: Clinic) -> None:
    from comuna.health.models import Clinic as Place

    nurse = client_for(clinic.nurse, language="es")
    answer = post_form(nurse, "/salud/ambulatorios/nuevo/", {"name": "  Escuela  Bolivariana "})
    assert answer.status_code == 302  # type: ignore[attr-defined]
    assert Place.objects.filter(name="Escuela Bolivariana").count() == 1
    again = post_form(nurse, "/salud/ambulatorios/nuevo/", {"name": "escuela bolivariana"})
    assert again.status_code == 400  # type: ignore[attr-defined]
    assert "ya tiene un ambulatorio" in again.content.decode()  # type: ignore[attr-defined]
    assert Place.objects.filter(name__iexact="escuela bolivariana").count() == 1
    outsider = client_for(clinic.world.resident)
    assert outsider.get("/salud/ambulatorios/nuevo/").status_code in (403, 404)


def test_the_home_page_tells_the_witness_and_the_comptroller_what_waits_for_them(
    clinic: Clinic,
) -> None:
    today = timezone.localdate()
    count = services.count_record(
        commune=clinic.world.commune, batch=clinic.batch, counted=97, date=today, by=clinic.nurse
    )
    witness_home = client_for(clinic.promoter).get("/").content.decode()
    assert "1 issue or count of the clinic waits for you as its witness." in witness_home
    # Not the one who recorded it: their own record waits for someone else.
    assert "waits for you" not in client_for(clinic.nurse).get("/").content.decode()
    services.count_confirm(count=count, by=clinic.promoter)  # 3 units missing
    comptroller_home = client_for(clinic.world.comptroller).get("/").content.decode()
    assert "1 difference in the clinic's stock waits for your finding." in comptroller_home
    assert "waits for your finding" not in client_for(clinic.world.admin).get("/").content.decode()
