"""Who reaches which page, per role and level: officers of the level or above manage a
consultation, an officer of another level gets 404; a commune's administrator holds it, its
other members read it, a commune outside the level gets 404; anybody reads a published one."""

from __future__ import annotations

import pytest

from comuna.consultations.models import ConsultationStatus, HoldingStatus
from comuna.consultations.services import consultation_close, consultation_publish
from comuna.governance.models import Meeting
from tests.conftest import client_for
from tests.consultations.conftest import Federation, assembly_meeting, hold, post, question
from tests.pdf import pdf_text


def test_an_officer_of_the_level_or_above_manages_it_and_another_gets_404(
    federation: Federation,
) -> None:
    f = federation
    consultation = question(f, open_it=False)
    detail = f"/consultas/{consultation.pk}/"
    assert client_for(f.city_officer).get(detail).status_code == 200
    assert client_for(f.state_officer).get(detail).status_code == 200
    assert client_for(f.other_officer).get(detail).status_code == 404
    assert client_for(f.world.admin).get(detail).status_code == 404
    response = client_for(f.other_officer).post(f"/consultas/{consultation.pk}/abrir/")
    assert response.status_code in (403, 404)
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.DRAFT
    post(client_for(f.state_officer), f"/consultas/{consultation.pk}/abrir/", {})
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN


def test_an_officer_creates_one_only_for_the_levels_below_them(federation: Federation) -> None:
    f = federation
    client = client_for(f.city_officer)
    data = {
        "kind": "projects",
        "title": "Presupuesto",
        "opens_on": "2026-01-01",
        "closes_on": "2026-02-01",
        "budget": "1000",
        "options": "Cancha | 600\nBomba | 500,50",
    }
    refused = post(client, "/consultas/nueva/", {**data, "unit": f.state.pk})
    assert refused.status_code == 400
    post(client, "/consultas/nueva/", {**data, "unit": f.city.pk})
    created = f.city.consultations.get()
    assert [(o.label, str(o.cost)) for o in created.options.order_by("position")] == [
        ("Cancha", "600.00"),
        ("Bomba", "500.50"),
    ]
    assert client_for(f.world.admin).get("/consultas/nueva/").status_code == 404


def test_the_commune_admin_holds_it_in_the_assembly(federation: Federation) -> None:
    f = federation
    consultation = question(f)
    meeting = assembly_meeting(f, f.a, 5)
    client = client_for(f.world.admin)
    page = f"/consultas/{consultation.pk}/comuna/"
    assert client.get(page).status_code == 200
    post(client, f"{page}reunion/", {"meeting": meeting.pk})
    yes, no = consultation.options.order_by("position")
    post(client, f"{page}votos/", {f"option_{yes.pk}": 3, f"option_{no.pk}": 1, "blank": 1})
    holding = consultation.holdings.get()
    assert (holding.votes_cast, holding.blank, holding.present) == (4, 1, 5)
    # More votes than present: refused, nothing changed.
    post(client, f"{page}votos/", {f"option_{yes.pk}": 9, f"option_{no.pk}": 1, "blank": 0})
    holding.refresh_from_db()
    assert holding.votes_cast == 4
    post(client, f"/gobierno/reuniones/{meeting.pk}/cerrar/", {"notes": ""})
    assert Meeting.objects.of(f.a).get(pk=meeting.pk).status == "closed"
    post(client, f"{page}cerrar/", {})
    holding.refresh_from_db()
    assert holding.status == HoldingStatus.CLOSED
    assert holding.acta_head in client.get(page).content.decode()


def test_members_read_but_do_not_record_and_another_city_gets_404(
    federation: Federation,
) -> None:
    f = federation
    consultation = question(f)
    page = f"/consultas/{consultation.pk}/comuna/"
    assert client_for(f.world.resident).get(page).status_code == 200
    meeting = assembly_meeting(f, f.a, 3)
    response = post(client_for(f.world.resident), f"{page}reunion/", {"meeting": meeting.pk})
    assert response.status_code == 403
    assert client_for(f.admin_c).get(page).status_code == 404
    assert client_for(None).get(page).status_code == 302  # to the login
    assert not consultation.holdings.exists()


def test_a_draft_is_not_shown_to_the_communes(federation: Federation) -> None:
    f = federation
    consultation = question(f, open_it=False)
    assert client_for(f.world.admin).get(f"/consultas/{consultation.pk}/comuna/").status_code == 404


@pytest.mark.parametrize("published", [False, True])
def test_the_results_are_public_once_published(federation: Federation, published: bool) -> None:
    f = federation
    consultation = question(f)
    holding = hold(f, consultation, f.a, [3, 1])
    consultation_close(consultation=consultation, by=None)
    if published:
        consultation_publish(consultation=consultation, by=None)
    for path in (
        f"/consultas/{consultation.pk}/resultados/",
        f"/consultas/{consultation.pk}/resultados.pdf",
    ):
        response = client_for(None).get(path)
        assert response.status_code == (200 if published else 404)
    if published:
        page = client_for(None, "es").get(f"/consultas/{consultation.pk}/resultados/")
        text = page.content.decode()
        assert holding.acta_head in text
        assert "chart-totals" in text
        # Aggregates only: nobody's name.
        assert "Vecina" not in text
        pdf = pdf_text(
            client_for(None, "es").get(f"/consultas/{consultation.pk}/resultados.pdf").content
        )
        assert holding.acta_head[:32] in pdf and "Comuna El Panal" in pdf
        assert "Vecina" not in pdf
