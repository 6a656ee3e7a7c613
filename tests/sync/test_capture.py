"""The database's own change capture: every way of writing a communal row is recorded."""

from __future__ import annotations

import pytest
from django.db import connection

from comuna.census.models import Council, Person
from comuna.sync.models import Change
from tests.conftest import World


def _changes(table: str) -> list[tuple[str, str]]:
    return list(Change.objects.filter(table_name=table).order_by("id").values_list("op", "key"))


def test_save_update_delete_are_captured(world: World) -> None:
    before = Change.objects.count()
    council = Council.objects.create(commune=world.commune, code="CC09", name="Nuevo")
    council.name = "Otro"
    council.save()
    council.delete()
    ops = [op for op, key in _changes("census_council") if key.replace("-", "") == council.uuid.hex]
    assert ops == ["i", "u", "d"]
    assert Change.objects.count() == before + 3


def test_bulk_create_and_queryset_update_are_captured(world: World) -> None:
    made = Council.objects.bulk_create(
        [Council(commune=world.commune, code=f"B{i:02}", name=f"Bulk {i}") for i in range(30)]
    )
    inserted = {k.replace("-", "") for op, k in _changes("census_council") if op == "i"}
    assert {c.uuid.hex for c in made} <= inserted
    updated = Person.objects.of(world.commune).update(disability=True)
    assert updated >= 3
    keys = {k.replace("-", "") for op, k in _changes("census_person") if op == "u"}
    assert {p.uuid.hex for p in Person.objects.of(world.commune)} <= keys


def test_raw_sql_is_captured(world: World) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE census_council SET name = 'Crudo' WHERE id = %s", [world.council.pk])
    assert ("u", str(world.council.uuid)) in [
        (op, str(__import__("uuid").UUID(k))) for op, k in _changes("census_council")
    ]


def test_changes_carry_their_commune(world: World) -> None:
    Council.objects.create(commune=world.commune, code="CC10", name="X")
    last = Change.objects.order_by("-id").first()
    assert last is not None and last.commune_id == world.commune.pk


def test_ledger_entries_are_captured_by_sequence(world: World) -> None:
    from tests.sync.conftest import post

    entry = post(world.commune, 100)
    assert ("i", str(entry.sequence)) in _changes("ledger_entry")


def test_quiet_captures_nothing(world: World) -> None:
    from comuna.sync.capture import quiet

    before = Change.objects.count()
    with quiet():
        Council.objects.create(commune=world.commune, code="CC11", name="Q")
    assert Change.objects.count() == before


@pytest.mark.django_db
def test_install_is_idempotent() -> None:
    from comuna.sync.capture import install

    install()
    install()
