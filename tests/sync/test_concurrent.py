"""Two laptops of different communes pushing at the same moment (PostgreSQL: on SQLite one
writer waits for the other anyway)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections, transaction

from comuna.census.models import Council
from comuna.engines.sync import bundle_verify, key_public
from comuna.sync import services
from comuna.sync.keys import server_private_key
from comuna.sync.models import Receipt
from comuna.sync.selectors import commune_rows_digest
from tests import factories
from tests.sync.conftest import post, server_fresh


@pytest.mark.django_db(transaction=True)
def test_two_communes_pushing_at_once(settings: Any, tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL")
    from comuna.engines.sync import key_public
    from comuna.federation.models import CommuneKey
    from comuna.sync.keys import commune_private_key

    settings.COMUNA_HOME = tmp_path
    communes = [factories.make_commune(name=f"Comuna {n}") for n in range(2)]
    bundles: dict[int, list[bytes]] = {}
    expected: dict[int, str] = {}
    for commune in communes:
        CommuneKey.objects.create(
            commune=commune, public_key=key_public(commune_private_key(commune))
        )
        for n in range(40):
            Council.objects.create(commune=commune, code=f"C{n:03}", name=f"Consejo {n}")
        post(commune, 100)
        post(commune, 200)
        made = []
        while (data := services.bundle_next(commune, limit=15)) is not None:
            made.append(data)
        bundles[commune.pk] = made
        expected[commune.pk] = commune_rows_digest(commune)
        server_fresh(commune)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def push(commune: Any) -> None:
        try:
            barrier.wait()
            for data in bundles[commune.pk]:
                services.bundle_apply(data=data)
        except BaseException as error:  # noqa: BLE001 (reported by the main thread)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=push, args=(c,)) for c in communes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for commune in communes:
        assert Receipt.objects.filter(commune=commune).count() == len(bundles[commune.pk])
        assert commune_rows_digest(commune, on_server=True) == expected[commune.pk]


@pytest.mark.django_db(transaction=True)
def test_a_pull_waits_for_a_published_write_in_flight(settings: Any, tmp_path: Path) -> None:
    """A write of published rows numbered before another but committed after it is not
    skipped by a pull that read in between: the pull waits for it."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL")
    from comuna.federation import services as federation_services
    from comuna.federation.models import Unit

    settings.COMUNA_HOME = tmp_path
    commune = factories.make_commune(name="Comuna que baja")
    written = threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def officer() -> None:
        try:
            with transaction.atomic():
                federation_services.unit_create(code="venezuela", name="Venezuela", level="nation")
                written.set()
                release.wait(timeout=30)
        except BaseException as error:  # noqa: BLE001 (reported by the main thread)
            errors.append(error)
        finally:
            connections.close_all()

    pulled: list[bytes] = []

    def laptop_pull() -> None:
        try:
            pulled.append(services.published_bundle(commune=commune, since=0))
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    writer = threading.Thread(target=officer)
    writer.start()
    assert written.wait(timeout=30)
    reader = threading.Thread(target=laptop_pull)
    reader.start()
    reader.join(timeout=1)
    waited = reader.is_alive()  # still waiting for the officer's write to commit
    release.set()
    writer.join()
    reader.join()
    assert errors == [] and waited
    unit = Unit.objects.get(code="venezuela")
    body = bundle_verify(pulled[0], key_public(server_private_key())).body
    keys = {
        row[body["rows"]["federation_unit"]["columns"].index("uuid")]
        for row in body["rows"]["federation_unit"]["rows"]
    }
    assert str(unit.uuid) in keys
