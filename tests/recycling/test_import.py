from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comuna.ledger.models import Entry
from comuna.recycling.models import SourceKind, WeighIn
from tests.conftest import client_for
from tests.recycling.conftest import Yard

HEADER = "fecha;material;bruto;tara;procedencia;referencia"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "pesajes.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def recycling(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("recycling", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_good_file_records_every_weigh_in_and_posts_it(yard: Yard, tmp_path: Path) -> None:
    card = yard.world.household.card_code
    path = write(
        tmp_path,
        "2026-11-02;20 01 01;25,5;0,5;hogar;" + card,
        "03/11/2026;200102;10;;persona;V12345678",
        "2026-11-04;20 01 39;3.250;0;;Ana Díaz",
    )
    out, _err = recycling("weighins", "import", str(path))
    assert "Recorded 3 weigh-ins, 38.25" in out or "Recorded 3 weigh-ins, 38,25" in out
    rows = list(WeighIn.objects.order_by("date"))
    assert [(w.material.code, w.net_g, w.source) for w in rows] == [
        ("20 01 01", 25_000, SourceKind.HOUSEHOLD),
        ("20 01 02", 10_000, SourceKind.PERSON),
        ("20 01 39", 3_250, SourceKind.NAMED),
    ]
    assert rows[1].person == yard.world.head and rows[2].source_name == "Ana Díaz"
    assert Entry.objects.count() == 3


def test_every_bad_row_is_named_and_nothing_is_recorded(yard: Yard, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "2026-11-02;20 01 01;25;0;nombre;Ana",
        "2026-11-02;20 01 01;5;6;nombre;Ana",
        "2026-11-02;99 99 99;5;0;nombre;Ana",
        "2026-11-02;20 01 01;-5;0;nombre;Ana",
        "2026-11-02;20 01 01;5;0;hogar;NOPE",
        "ayer;20 01 01;5;0;nombre;Ana",
    )
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("recycling", "weighins", "import", str(path), stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 1
    problems = err.getvalue()
    for row, words in [
        (3, "above the gross"),
        (4, "no material with code"),
        (5, "negative"),
        (6, "no household"),
        (7, "is not a date"),
    ]:
        assert f"Row {row}" in problems and words in problems, (row, problems)
    assert "Row 2" not in problems
    assert not WeighIn.objects.exists() and not Entry.objects.exists()


def test_a_dry_run_records_nothing(yard: Yard, tmp_path: Path) -> None:
    path = write(tmp_path, "2026-11-02;20 01 01;25;0;nombre;Ana")
    out, _err = recycling("weighins", "import", str(path), "--dry-run")
    assert "Nothing was recorded" in out
    assert not WeighIn.objects.exists()
    out, _err = recycling("stock")
    assert "20 01 01\t0" in out


def test_the_manager_imports_from_the_browser_once(yard: Yard, tmp_path: Path) -> None:
    client = client_for(yard.manager)
    client.get("/reciclaje/pesajes/importar/")
    token = client.cookies["csrftoken"].value
    content = (HEADER + "\n2026-11-02;20 01 01;25;1;nombre;Ana\n").encode()
    upload = io.BytesIO(content)
    upload.name = "pesajes.csv"
    response = client.post(
        "/reciclaje/pesajes/importar/", {"file": upload, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    preview = response["Location"]
    page = client.get(preview)
    assert page.status_code == 200 and b'data-testid="import-rows">1<' in page.content
    assert not WeighIn.objects.exists()
    response = client.post(preview, {"csrfmiddlewaretoken": token})
    assert WeighIn.objects.get().net_g == 24_000
    client.post(preview, {"csrfmiddlewaretoken": token})
    assert WeighIn.objects.count() == 1
    template = client.get("/reciclaje/pesajes/importar/plantilla.csv")
    assert template.content.decode("utf-8-sig").startswith("fecha;material;bruto;tara")


def test_the_operator_may_not_import(yard: Yard) -> None:
    assert client_for(yard.operator).get("/reciclaje/pesajes/importar/").status_code == 403
