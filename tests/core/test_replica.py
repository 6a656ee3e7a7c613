"""Without a replica configured, every read stays on the one database (the laptop's case).
The replica itself is tested against real clusters in ``tests/clusters/test_replica.py``."""

from __future__ import annotations

import pytest

from comuna.core.models import Commune
from comuna.core.replica import ReplicaRouter, replica_configured, replica_reading, replica_usable


@pytest.mark.skipif(replica_configured(), reason="this run has DATABASE_REPLICA_URL set")
def test_without_a_replica_reads_in_a_replica_block_stay_on_the_database() -> None:
    router = ReplicaRouter()
    assert replica_usable() is False
    with replica_reading():
        assert router.db_for_read(Commune) == "default"
        assert router.db_for_write(Commune) == "default"
    assert router.db_for_read(Commune) == "default"


def test_the_replica_is_never_migrated() -> None:
    router = ReplicaRouter()
    assert router.allow_migrate("replica", "census") is False
    assert router.allow_migrate("default", "census") is True
