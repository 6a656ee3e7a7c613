"""The administrator's pages: a letter from incidents, edited, printed, sent, answered, a
reminder; bad input is shown on the form and changes nothing; the institutions' counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from comuna.letters.models import Institution, Letter, LetterStatus
from tests.conftest import client_for, post_form
from tests.letters.conftest import Post, letter_write

pytestmark = pytest.mark.django_db


def test_the_administrator_writes_prints_sends_and_records_the_answer(post: Post) -> None:
    client = client_for(post.world.admin)
    form = client.get("/oficios/nuevo/", {"incident": [post.pipe.pk]}).content.decode()
    assert "INC-00001" in form and "INC-00003" in form
    response = post_form(
        client,
        "/oficios/nuevo/",
        {
            "institution": post.utility.pk,
            "subject": "Seven days without water",
            "incidents": [post.pipe.pk, post.pump.pk],
            "body": "Dear sirs,\n\nWe write about the water.",
            "needed": "A new pump.",
            "brigade_work": "Valves changed.",
        },
    )
    letter = Letter.objects.get()
    assert response["Location"] == f"/oficios/{letter.pk}/"  # type: ignore[index]
    page = client.get(f"/oficios/{letter.pk}/").content.decode()
    assert "65" in page and "Valves changed." in page
    pdf = client.get(f"/oficios/{letter.pk}/imprimir/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    today = timezone.localdate()
    post_form(
        client,
        f"/oficios/{letter.pk}/enviado/",
        {"sent_on": today.isoformat(), "sent_to": "Ana Pérez, reception"},
    )
    letter.refresh_from_db()
    assert (letter.status, letter.sent_to) == (LetterStatus.SENT, "Ana Pérez, reception")
    post_form(
        client,
        f"/oficios/{letter.pk}/respuesta/",
        {"answered_on": today.isoformat(), "summary": "The pump arrives next week."},
    )
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ANSWERED


def test_a_letter_with_no_incident_is_refused_on_the_form(post: Post) -> None:
    response = post_form(
        client_for(post.world.admin),
        "/oficios/nuevo/",
        {"institution": post.utility.pk, "subject": "s", "body": "b", "needed": "n"},
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert not Letter.objects.exists()


def test_an_overdue_letter_heads_the_list_and_the_home_page_with_a_reminder(post: Post) -> None:
    from comuna.letters import services

    letter = letter_write(post)
    assert isinstance(letter, Letter)
    services.letter_send(
        letter=letter,
        sent_on=timezone.localdate() - dt.timedelta(days=30),
        sent_to="Office",
        by=None,
    )
    client = client_for(post.world.admin)
    listing = client.get("/oficios/").content.decode()
    assert 'data-testid="overdue"' in listing and letter.reference in listing
    assert 'data-testid="letters-overdue"' in client.get("/").content.decode()
    assert client.get("/oficios/", {"status": "overdue"}).status_code == 200
    post_form(client, f"/oficios/{letter.pk}/recordatorio/", {"sent_on": timezone.localdate()})
    assert letter.reminders.count() == 1
    reminder = client.get(f"/oficios/{letter.pk}/recordatorio/1/imprimir/")
    assert reminder.content.startswith(b"%PDF")
    assert client.get(f"/oficios/{letter.pk}/recordatorio/2/imprimir/").status_code == 404


def test_the_institutions_page_counts_and_charts(post: Post) -> None:
    letter_write(post)
    client = client_for(post.world.admin)
    post_form(
        client,
        "/oficios/instituciones/nueva/",
        {"name": "Corpoelec", "kind": "utility"},
    )
    assert Institution.objects.filter(name="Corpoelec").exists()
    refused = post_form(
        client, "/oficios/instituciones/nueva/", {"name": "hidrolara", "kind": "utility"}
    )
    assert refused.status_code == 400  # type: ignore[attr-defined]
    page = client.get("/oficios/instituciones/").content.decode()
    assert 'data-testid="chart-sent"' in page and "Corpoelec" in page


def test_the_pages_are_in_spanish(post: Post) -> None:
    letter = letter_write(post)
    assert isinstance(letter, Letter)
    client = client_for(post.world.admin, language="es")
    page = client.get(f"/oficios/{letter.pk}/").content.decode()
    assert "Imprimir el oficio" in page
    assert "Oficios a instituciones" in client.get("/oficios/publico/").content.decode()
