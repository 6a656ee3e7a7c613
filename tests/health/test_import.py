"""A stock count from a spreadsheet: every bad row named, all or nothing, each count waiting
for its witness; and the command."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comuna.health.importing import counts_import
from comuna.health.models import StockCount
from tests.conftest import client_for
from tests.health.conftest import Clinic

pytestmark = pytest.mark.django_db

GOOD = "articulo,lote,contado\nAmoxicilina 500 mg,A-100,97\n"


def test_a_good_file_records_counts_that_wait_for_a_witness(clinic: Clinic) -> None:
    outcome = counts_import(
        commune=clinic.world.commune, content=GOOD.encode(), filename="c.csv", by=clinic.nurse
    )
    assert not outcome.problems and outcome.summary is not None
    count = StockCount.objects.get()
    assert count.counted == 97 and count.issuer == clinic.nurse and not count.is_confirmed


def test_every_bad_row_is_named_and_nothing_is_recorded(clinic: Clinic) -> None:
    content = (
        "articulo,lote,contado\n"
        "Amoxicilina 500 mg,A-100,97\n"
        "Aspirina,X-1,3\n"
        "Amoxicilina 500 mg,A-100,-4\n"
        "Amoxicilina 500 mg,A-100,90\n"
    )
    outcome = counts_import(
        commune=clinic.world.commune, content=content.encode(), filename="c.csv", by=clinic.nurse
    )
    rows = sorted(problem.row for problem in outcome.problems if problem.row)
    assert rows == [3, 4, 5]
    assert not StockCount.objects.exists()


def test_the_command_imports_as_the_login_given(clinic: Clinic, tmp_path: object) -> None:
    path = tmp_path / "conteo.csv"  # type: ignore[operator]
    path.write_text(GOOD, encoding="utf-8")
    call_command("health", "count", "import", str(path), "--by", "promotora")
    assert StockCount.objects.get().issuer == clinic.promoter
    with pytest.raises(CommandError):
        call_command("health", "count", "import", str(path), "--by", "nadie")


def test_the_upload_page_is_the_committees(clinic: Clinic) -> None:
    assert client_for(clinic.nurse).get("/salud/conteos/importar/").status_code == 200
    assert client_for(clinic.world.admin).get("/salud/conteos/importar/").status_code == 403
