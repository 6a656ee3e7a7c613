"""Collection points from a spreadsheet: every bad row named, nothing written; or all of it."""

from __future__ import annotations

import pytest

from comuna.waste.importing import points_import
from comuna.waste.models import CollectionPoint
from tests.waste.conftest import Fleet

pytestmark = pytest.mark.django_db

HEADER = "codigo;lugar;consejo;sector;tipo;latitud;longitud;llenado_kg;obligatorio\n"


def _import(fleet: Fleet, body: str, dry_run: bool = False):  # type: ignore[no-untyped-def]
    return points_import(
        commune=fleet.world.commune,
        content=(HEADER + body).encode(),
        filename="puntos.csv",
        dry_run=dry_run,
    )


def test_every_bad_row_is_named_and_nothing_is_written(fleet: Fleet) -> None:
    before = CollectionPoint.objects.count()
    outcome = _import(
        fleet,
        "N-01;Bodega;CC01;;contenedor;10,4641;-66,9801;30;no\n"
        "N-02;Sin sitio;CC01;;contenedor;;-66,98;30;no\n"
        "N-03;Lejos;CC77;;mercado;10,46;-66,98;30;si\n"
        "N-04;Raro;CC02;;nave;10,46;-66,98;30;no\n"
        "N-01;Otra vez;CC02;;escuela;10,46;-66,98;30;no\n",
    )
    rows = {p.row for p in outcome.problems}
    assert rows == {3, 4, 5, 6}
    assert CollectionPoint.objects.count() == before


def test_a_good_file_adds_and_updates_points(fleet: Fleet) -> None:
    known = fleet.points[0]
    outcome = _import(
        fleet,
        f"{known.code};Movido;{known.council.code};;contenedor;10,47;-66,97;99;no\n"
        "N-01;Escuela nueva;CC02;;escuela;10,4641;-66,9801;30;sí\n",
    )
    assert outcome.ok, outcome.problems
    known.refresh_from_db()
    assert (known.latitude, known.fill_kg_per_day) == (10.47, 99)
    assert CollectionPoint.objects.get(code="N-01").required


def test_a_point_off_the_street_network_is_refused(fleet: Fleet, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from comuna.demo.street_extract import write_demo_extract
    from comuna.waste.services import network_import

    extract = write_demo_extract(tmp_path / "barrio.osm", councils=2)
    network_import(enterprise=fleet.enterprise, path=extract.path, filename="barrio.osm")
    centre = extract.council_centres[0]
    outcome = _import(
        fleet,
        f"N-01;Cerca;CC01;;contenedor;{centre.lat};{centre.lon};30;no\n"
        "N-02;En el mar;CC01;;contenedor;11,5;-66,98;30;no\n",
    )
    assert [p.row for p in outcome.problems] == [3]
    assert not CollectionPoint.objects.filter(code__startswith="N-").exists()
