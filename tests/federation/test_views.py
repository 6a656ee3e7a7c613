"""The registration form as a commune sends it, the officers' review, and the level page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from comuna.core.once import ONCE_FIELD
from comuna.federation.models import Registration, RegistrationStatus
from tests.conftest import client_for
from tests.federation.conftest import ACTA, KEY_TEXT, Fed

pytestmark = pytest.mark.django_db


def _form(fed: Fed, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "comuna-web",
        "name": "Comuna Web",
        "municipality": "Iribarren",
        "state": "Lara",
        "city": fed.city.pk,
        "public_key": KEY_TEXT,
        "acta": SimpleUploadedFile("acta.pdf", ACTA, content_type="application/pdf"),
        "assembly_on": "2026-01-10",
        "registered_voters": "400",
        "present": "200",
        "votes_for": "180",
        "votes_against": "10",
        "abstentions": "10",
        "spokespeople": (
            "Ana Rivas; V9000001; CC Uno; Ejecutiva\nLuis Mora; V9000002; CC Dos; Banco"
        ),
    }
    data.update(changes)
    return data


def _post(client: object, url: str, data: dict[str, object]) -> object:
    client.get(url)  # type: ignore[attr-defined]
    token = client.cookies["csrftoken"].value  # type: ignore[attr-defined]
    return client.post(url, {**data, "csrfmiddlewaretoken": token})  # type: ignore[attr-defined]


def test_a_commune_registers_and_follows_its_registration(fed: Fed) -> None:
    client = client_for(None)
    response = _post(client, "/federacion/registro/", _form(fed, **{ONCE_FIELD: "a" * 32}))
    assert response.status_code == 302
    registration = Registration.objects.get(code="comuna-web")
    assert response["Location"] == f"/federacion/registro/{registration.uuid}/"
    assert registration.spokespeople.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for review" in page and "Ana Rivas" not in page
    # The same form sent twice makes one registration.
    again = _post(client, "/federacion/registro/", _form(fed, **{ONCE_FIELD: "a" * 32}))
    assert again.status_code == 302
    assert Registration.objects.filter(code="comuna-web").count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"public_key": "not base64!"}, "public_key"),
        ({"public_key": "AAAA"}, "public_key"),
        ({"acta": SimpleUploadedFile("acta.pdf", b"<html>", content_type="text/html")}, "acta"),
        ({"present": "500"}, "present"),
        ({"abstentions": "11"}, "votes_for"),
        ({"spokespeople": "Ana Rivas, sin punto y coma"}, "spokespeople"),
    ],
)
def test_a_bad_registration_is_shown_back_with_the_reason(
    fed: Fed, changes: dict[str, object], field: str
) -> None:
    before = Registration.objects.count()
    response = _post(client_for(None), "/federacion/registro/", _form(fed, **changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Registration.objects.count() == before


def test_an_officer_returns_then_accepts_the_corrected_registration(fed: Fed) -> None:
    officer = client_for(fed.city_officer)
    url = f"/federacion/registros/{fed.pending.pk}/"
    page = officer.get(url).content.decode()
    assert "Yelitza Mendoza" in page
    assert officer.get(url + "acta/").content.startswith(b"%PDF")
    _post(officer, url + "devolver/", {"reason": "Falta la firma de la comisión electoral."})
    fed.pending.refresh_from_db()
    assert fed.pending.status == RegistrationStatus.RETURNED
    commune = client_for(None)
    status_url = f"/federacion/registro/{fed.pending.uuid}/"
    assert "Falta la firma" in commune.get(status_url).content.decode()
    response = _post(commune, status_url, _form(fed, code="comuna-nueva"))
    assert response.status_code == 302
    fed.pending.refresh_from_db()
    assert fed.pending.status == RegistrationStatus.PENDING
    _post(officer, url + "aceptar/", {})
    fed.pending.refresh_from_db()
    assert fed.pending.status == RegistrationStatus.ACCEPTED
    assert fed.pending.commune is not None and fed.pending.commune.code == "comuna-nueva"


def test_the_city_page_shows_its_figures_and_opens_a_communes_public_page(fed: Fed) -> None:
    client = client_for(fed.city_officer, language="es")
    page = client.get("/federacion/turbio/").content.decode()
    assert "Comuna El Panal" in page
    assert 'data-testid="chart-pyramid"' in page
    opened = client.get(f"/federacion/comunas/{fed.a.code}/?ver=cuentas")
    assert opened.status_code == 302 and opened["Location"] == "/cuentas/"
    assert client.get("/publico/").status_code == 200


def test_the_nations_page_costs_a_few_queries_whatever_the_communes(
    fed: Fed, django_assert_max_num_queries: object
) -> None:
    client = client_for(fed.nation_officer)
    client.get("/federacion/turbio/")
    with django_assert_max_num_queries(30):  # type: ignore[operator]
        client.get("/federacion/venezuela/")


def test_a_big_acta_is_refused(fed: Fed) -> None:
    big = SimpleUploadedFile("acta.pdf", ACTA + b"0" * (5 * 1024 * 1024), "application/pdf")
    response = _post(client_for(None), "/federacion/registro/", _form(fed, acta=big))
    assert response.status_code == 400
