"""Who reads and writes letters, role by role, through the pages and the API: the
administrator writes; the comptroller reads all; a council's spokesperson reads the letters
about their council's incidents; a resident and the public see none (only the public counts).
No page, PDF or API answer names who reported an incident."""

from __future__ import annotations

import pytest

from comuna.letters.models import Letter
from tests.api.conftest import api_client
from tests.conftest import client_for, post_form
from tests.letters.conftest import Post, letter_write

pytestmark = pytest.mark.django_db


def _letters(post: Post) -> tuple[Letter, Letter]:
    ours = letter_write(post, post.pipe, subject="Pipe in Los Mangos")
    theirs = letter_write(post, post.far, subject="Pump in La Ceiba")
    assert isinstance(ours, Letter) and isinstance(theirs, Letter)
    return ours, theirs


def test_the_spokesperson_reads_only_their_councils_letters(post: Post) -> None:
    ours, theirs = _letters(post)
    client = client_for(post.world.spokesperson)
    listing = client.get("/oficios/").content.decode()
    assert "Pipe in Los Mangos" in listing and "Pump in La Ceiba" not in listing
    assert client.get(f"/oficios/{ours.pk}/").status_code == 200
    assert client.get(f"/oficios/{theirs.pk}/").status_code == 404
    assert client.get(f"/oficios/{theirs.pk}/imprimir/").status_code == 404
    api = api_client(post.world.spokesperson)
    assert [x["id"] for x in api.get("/api/letters/").json()] == [ours.pk]
    assert api.get(f"/api/letters/{theirs.pk}").status_code == 404


def test_the_spokesperson_and_the_comptroller_cannot_write(post: Post) -> None:
    ours, _theirs = _letters(post)
    for user in (post.world.spokesperson, post.world.comptroller):
        client = client_for(user)
        assert client.get("/oficios/nuevo/").status_code == 403
        response = post_form(
            client, f"/oficios/{ours.pk}/enviado/", {"sent_on": "2026-01-01", "sent_to": "X"}
        )
        assert response.status_code == 403  # type: ignore[attr-defined]
    ours.refresh_from_db()
    assert ours.status == "draft"


def test_the_comptroller_reads_every_letter(post: Post) -> None:
    ours, theirs = _letters(post)
    client = client_for(post.world.comptroller)
    for letter in (ours, theirs):
        assert client.get(f"/oficios/{letter.pk}/").status_code == 200
    assert len(api_client(post.world.comptroller).get("/api/letters/").json()) == 2


@pytest.mark.parametrize("who", ["resident", "treasurer", "outsider"])
def test_others_see_no_letter(post: Post, who: str) -> None:
    ours, _theirs = _letters(post)
    client = client_for(getattr(post.world, who))
    assert client.get("/oficios/").status_code == 404
    assert client.get(f"/oficios/{ours.pk}/").status_code == 404
    assert client.get("/oficios/instituciones/").status_code == 404
    assert api_client(getattr(post.world, who)).get("/api/letters/").json() == []


def test_nobody_logged_in_is_sent_to_log_in_but_reads_the_public_page(post: Post) -> None:
    ours, _theirs = _letters(post)
    client = client_for(None)
    assert client.get(f"/oficios/{ours.pk}/").status_code == 302
    public = client.get("/oficios/publico/")
    assert public.status_code == 200
    assert "Hidrolara" in public.content.decode()


def test_no_reporter_is_named_anywhere(post: Post) -> None:
    ours, _theirs = _letters(post)
    reporter = post.world.head
    client = client_for(post.world.admin)
    texts = [
        client.get(f"/oficios/{ours.pk}/").content.decode(),
        client.get("/oficios/").content.decode(),
        client.get("/oficios/publico/").content.decode(),
        api_client(post.world.admin).get(f"/api/letters/{ours.pk}").content.decode(),
    ]
    pdf = client.get(f"/oficios/{ours.pk}/imprimir/").content
    for text in texts:
        assert reporter.last_names not in text and "vecina" not in text
    assert reporter.last_names.encode() not in pdf
