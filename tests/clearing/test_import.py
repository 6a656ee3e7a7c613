"""Obligations from a spreadsheet: every bad row named, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from comuna.clearing.importing import HEADER, OBLIGATIONS
from comuna.clearing.models import Obligation
from comuna.core.imports import file_import
from comuna.ledger.models import Entry
from tests.clearing.conftest import Exchange

pytestmark = pytest.mark.django_db


def _csv(*rows: str) -> bytes:
    return ("\n".join([",".join(HEADER), *rows]) + "\n").encode()


def _import(x: Exchange, content: bytes, dry_run: bool = False):  # type: ignore[no-untyped-def]
    return file_import(
        importer=OBLIGATIONS,
        commune=x.world.commune,
        filename="obligaciones.csv",
        content=content,
        author="admin",
        dry_run=dry_run,
    )


def test_a_good_file_records_every_obligation_in_both_books(exchange: Exchange) -> None:
    x = exchange
    a, b = x.world.commune.code, x.other.code
    due = (x.today + dt.timedelta(days=30)).isoformat()
    outcome = _import(
        x,
        _csv(
            f'{a},{b},CESTA,"125,50",harina,,{due}',
            f"{a}/Panadería El Panal,{b}/Finca Ataroa,cesta,80,pan,,{due}",
            f"{a}/CC01,{a},CESTA,3.25,limpieza,,{due}",
        ),
    )
    assert not outcome.problems
    assert sorted(Obligation.objects.values_list("amount", flat=True)) == [325, 8_000, 12_550]


def test_every_bad_row_is_named_and_nothing_is_recorded(exchange: Exchange) -> None:
    x = exchange
    a, b = x.world.commune.code, x.other.code
    due = (x.today + dt.timedelta(days=30)).isoformat()
    entries = Entry.objects.count()
    outcome = _import(
        x,
        _csv(
            f"{a},{b},CESTA,10,bien,,{due}",  # fine on its own
            f"{a},{a},CESTA,10,a sí misma,,{due}",
            f"{a},{b},CESTA,-5,negativo,,{due}",
            f"{a},{b},ORO,10,unidad desconocida,,{due}",
            f"{b},{a},CESTA,10,deudor de otra comuna,,{due}",
            f"{a}/Nadie,{b},CESTA,10,parte desconocida,,{due}",
        ),
    )
    assert sorted(p.row for p in outcome.problems if p.row is not None) == [3, 4, 5, 6, 7]
    assert Obligation.objects.count() == 0
    assert Entry.objects.count() == entries
