"""Offers and needs from spreadsheets: every bad row named, all of the file or nothing, in the
browser and from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from comuna.circuits.importing import NEEDS_KIND, OFFERS_KIND, rows_import
from comuna.circuits.models import Need, Offer
from tests.circuits.conftest import Circuit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _csv(header: str, *rows: str) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def test_offers_import_all_or_nothing(circuit: Circuit) -> None:
    before = Offer.objects.of(circuit.world.commune).count()
    bad = rows_import(
        kind=OFFERS_KIND,
        cycle=circuit.cycle,
        content=_csv(
            "productor,producto,kg",
            "Finca La Esperanza,Caraotas,40",
            "Finca Fantasma,Arroz,10",
            "Finca La Esperanza,Arroz,-3",
        ),
        filename="ofertas.csv",
        author="admin",
    )
    assert [(p.row, p.code) for p in bad.problems] == [(3, "producer"), (4, "negative")]
    assert Offer.objects.of(circuit.world.commune).count() == before
    good = rows_import(
        kind=OFFERS_KIND,
        cycle=circuit.cycle,
        content=_csv("productor,producto,kg", "Finca La Esperanza,Caraotas,40"),
        filename="ofertas2.csv",
        author="admin",
    )
    assert not good.problems
    assert Offer.objects.of(circuit.world.commune).count() == before + 1


def test_a_need_with_no_outlet_is_named(circuit: Circuit) -> None:
    outcome = rows_import(
        kind=NEEDS_KIND,
        cycle=circuit.cycle,
        content=_csv("punto,producto,kg,prioridad", "Comedor Inexistente,Arroz,10,1"),
        filename="necesidades.csv",
        author="admin",
    )
    assert [p.code for p in outcome.problems] == ["outlet"]
    assert "no outlet" in outcome.problems[0].message


def test_the_command_imports_needs_and_refuses_a_bad_file(circuit: Circuit, tmp_path: Path) -> None:
    good = tmp_path / "buenas.csv"
    good.write_bytes(_csv("punto,producto,kg,prioridad", "Comedor Escuela Bolívar,Caraotas,12.5,1"))
    call_command("circuits", "needs", "import", str(circuit.cycle.pk), str(good))
    need = Need.objects.of(circuit.world.commune).get(product=circuit.beans, outlet=circuit.canteen)
    assert (need.quantity_g, need.priority) == (12_500, 1)
    bad = tmp_path / "malas.csv"
    bad.write_bytes(_csv("punto,producto,kg,prioridad", "Comedor Escuela Bolívar,Arroz,5,0"))
    with pytest.raises(CommandError) as error:
        call_command("circuits", "needs", "import", str(circuit.cycle.pk), str(bad))
    assert error.value.returncode == 1
    with pytest.raises(CommandError) as error:
        call_command("circuits", "offers", "import", "999999", str(good))
    assert error.value.returncode == 2


def test_the_import_pages_preview_and_confirm(circuit: Circuit) -> None:
    client = client_for(circuit.manager)
    url = f"/circuitos/ciclos/{circuit.cycle.pk}/importar/ofertas/"
    assert client.get(url).status_code == 200
    token = client.cookies["csrftoken"].value
    upload = SimpleUploadedFile(
        "ofertas.csv", _csv("productor,producto,kg", "Finca La Esperanza,Caraotas,40")
    )
    answer = client.post(url, {"file": upload, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    preview = answer["Location"]
    assert client.get(preview).status_code == 200
    client.post(preview, {"csrfmiddlewaretoken": token})
    assert Offer.objects.of(circuit.world.commune).filter(product=circuit.beans).count() == 2
    assert client_for(circuit.world.comptroller).get(url).status_code == 403
