"""The import page: upload, preview every bad row, post a good file once."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from comuna.core.models import Upload
from comuna.ledger.models import Entry
from tests import bombs
from tests.conftest import World, client_for

HEADER = "fecha;descripcion;debe;haber;monto;moneda;referencia"
GOOD = (
    "2025-01-02;Aporte inicial;1.1.01;3.1.01;1.500,00;VES;A-1",
    "02/01/2025;Venta de cartón;1.2.02;4.1.02;1200,50;Bs;F-12",
    "2025-01-03;Gasoil;5.1.02;1.2.02;100;VES;",
)
BAD = (
    "2025-13-02;Bad date;1.1.01;3.1.01;10;VES;",
    "2025-01-02;Good;1.1.01;3.1.01;10;VES;",
    "2025-01-02;Unknown;9.9.9;3.1.01;10;VES;",
)


def csv_file(*lines: str, name: str = "libro.csv") -> SimpleUploadedFile:
    content = "\n".join([HEADER, *lines]).encode()
    return SimpleUploadedFile(name, content, content_type="text/csv")


def csrf(client: Client, url: str = "/cuentas/libro/importar/") -> str:
    client.get(url)
    return client.cookies["csrftoken"].value


def upload(client: Client, file: SimpleUploadedFile) -> str:
    response = client.post(
        "/cuentas/libro/importar/", {"file": file, "csrfmiddlewaretoken": csrf(client)}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return str(response["Location"])


@pytest.fixture
def books(world: World) -> World:
    cache.clear()
    return world


def test_a_bad_file_names_every_bad_row_and_posts_nothing(books: World) -> None:
    client = client_for(books.treasurer)
    preview = client.get(upload(client, csv_file(*BAD))).content.decode()
    table = preview.split('data-testid="import-errors"')[1].split("</table>")[0]
    assert '<td class="num">2</td>' in table and "not a date" in table
    assert '<td class="num">4</td>' in table and "no account 9.9.9" in table
    assert '<td class="num">3</td>' not in table
    assert "confirm-import" not in preview
    assert not Entry.objects.exists()


def test_a_good_file_is_previewed_then_posted_once(books: World) -> None:
    client = client_for(books.admin)
    location = upload(client, csv_file(*GOOD))
    preview = client.get(location).content.decode()
    assert 'data-testid="import-rows">3<' in preview
    assert not Entry.objects.exists()

    token = client.cookies["csrftoken"].value
    response = client.post(location, {"csrfmiddlewaretoken": token}, follow=True)
    page = response.content.decode()
    assert "Posted 3 entries from the file, numbers 1 to 3." in page
    assert 'href="/cuentas/libro/"' in page
    assert Entry.objects.count() == 3
    stored = Upload.objects.get(kind="ledger")
    assert stored.applied_at is not None
    assert stored.summary == {"rows": 3, "first_sequence": 1, "last_sequence": 3}

    again = client.post(location, {"csrfmiddlewaretoken": token}, follow=True)
    page = again.content.decode()
    assert "This file has already been imported." in page
    assert 'data-testid="import-applied"' in page
    assert Entry.objects.count() == 3
    assert Upload.objects.filter(applied_at__isnull=False).count() == 1


def test_the_same_file_uploaded_again_is_refused_in_the_preview(books: World) -> None:
    client = client_for(books.admin)
    first = upload(client, csv_file(*GOOD))
    client.post(first, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    second = client.get(upload(client, csv_file(*GOOD, name="otra-vez.csv"))).content.decode()
    assert "already been imported" in second and "confirm-import" not in second
    assert Entry.objects.count() == 3


def test_the_template_has_the_header_and_an_example(books: World) -> None:
    response = client_for(books.treasurer).get("/cuentas/libro/importar/plantilla.csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == HEADER
    assert len(lines) == 2 and lines[1].count(";") == 6


def test_the_upload_page_lists_the_account_codes(books: World) -> None:
    page = client_for(books.admin).get("/cuentas/libro/importar/").content.decode()
    assert 'href="/cuentas/libro/cuenta/1.1.01/"' in page
    assert "/cuentas/libro/importar/plantilla.csv" in page


@pytest.mark.parametrize("persona", ["resident", "spokesperson", "outsider", None])
def test_only_book_keepers_import(books: World, persona: str | None) -> None:
    user = getattr(books, persona) if persona else None
    client = client_for(user)
    assert client.get("/cuentas/libro/importar/").status_code in (302, 403, 404)
    assert client.get("/cuentas/libro/importar/plantilla.csv").status_code in (302, 403, 404)


def test_an_upload_is_seen_and_confirmed_only_by_its_author(books: World) -> None:
    admin = client_for(books.admin)
    location = upload(admin, csv_file(*GOOD))
    other = client_for(books.treasurer)
    assert other.get(location).status_code == 404
    token = csrf(other)
    assert other.post(location, {"csrfmiddlewaretoken": token}).status_code == 404
    assert not Entry.objects.exists()


def test_the_nav_links_the_import_page_for_book_keepers(books: World) -> None:
    page = client_for(books.treasurer).get("/cuentas/libro/").content.decode()
    assert 'href="/cuentas/libro/importar/"' in page


def test_a_decompression_bomb_is_refused_with_the_limit_named_and_posts_nothing(
    books: World,
) -> None:
    client = client_for(books.admin)
    client.cookies["django_language"] = "es"
    bomb = SimpleUploadedFile("libro.xlsx", bombs.single_cell_bomb(), content_type="")
    preview_url = upload(client, bomb)
    for _reload in range(2):  # the refusal was kept with the upload: it is not read again
        preview = client.get(preview_url).content.decode()
        table = preview.split('data-testid="import-errors"')[1].split("</table>")[0]
        assert "Una parte del archivo se descomprime a más de 100 veces" in table
        assert "confirm-import" not in preview
    assert Upload.objects.get().refusal["code"] == "too_compressed"
    assert not Entry.objects.exists()
