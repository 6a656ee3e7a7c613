"""Reads inside ``replica_reading`` are served by the streaming replica; writes by the primary;
a replica that is down or behind is passed over for the primary."""

from __future__ import annotations

import uuid

import pytest

from tests.clusters.conftest import Clusters

pytestmark = pytest.mark.clusters


def _replica_has(clusters: Clusters, code: str) -> bool:
    rows = clusters.query("replica", "SELECT count(*) FROM core_commune WHERE code = %s", (code,))
    return rows[0][0] == 1


def test_reads_in_a_replica_block_are_served_by_the_replica_and_writes_by_the_primary(
    clusters: Clusters,
) -> None:
    code = f"replica-{uuid.uuid4().hex[:8]}"
    env = {"DATABASE_URL": clusters.url("city1"), "DATABASE_REPLICA_URL": clusters.url("replica")}
    # A write made inside the block goes to the primary, and streams to the replica.
    clusters.probe("write-inside-replica-block", code, **env)
    assert clusters.query("city1", "SELECT count(*) FROM core_commune WHERE code = %s", (code,))[
        0
    ] == (1,)
    clusters.wait_for(lambda: _replica_has(clusters, code))

    seen = clusters.probe("read-through-replica", code, **env)

    assert seen["inside"] == {"alias": "replica", "in_recovery": True, "sees_commune": True}
    assert seen["outside"] == {"alias": "default", "in_recovery": False, "sees_commune": True}
    assert seen["write_alias"] == "default"


def test_a_replica_that_does_not_answer_leaves_the_reads_to_the_primary(
    clusters: Clusters,
) -> None:
    code = f"down-{uuid.uuid4().hex[:8]}"
    clusters.probe("write-commune", code, DATABASE_URL=clusters.url("city1"))
    nobody = "postgres://postgres@127.0.0.1:1/comuna?connect_timeout=2"

    seen = clusters.probe(
        "read-through-replica",
        code,
        DATABASE_URL=clusters.url("city1"),
        DATABASE_REPLICA_URL=nobody,
    )

    assert seen["inside"] == {"alias": "default", "in_recovery": False, "sees_commune": True}


def test_a_replica_further_behind_than_allowed_leaves_the_reads_to_the_primary(
    clusters: Clusters,
) -> None:
    env = {"DATABASE_URL": clusters.url("city1"), "DATABASE_REPLICA_URL": clusters.url("replica")}
    clusters.query("replica", "SELECT pg_wal_replay_pause()")
    try:
        code = f"behind-{uuid.uuid4().hex[:8]}"
        clusters.probe("write-commune", code, DATABASE_URL=clusters.url("city1"))
        # The replica has received the write but not replayed it: it is behind.
        clusters.wait_for(
            lambda: clusters.query(
                "replica", "SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()"
            )[0][0]
        )
        assert not _replica_has(clusters, code)

        strict = clusters.probe("read-through-replica", code, COMUNA_REPLICA_MAX_LAG="0", **env)
        lenient = clusters.probe(
            "read-through-replica", code, COMUNA_REPLICA_MAX_LAG="86400", **env
        )
    finally:
        clusters.query("replica", "SELECT pg_wal_replay_resume()")

    assert strict["inside"] == {"alias": "default", "in_recovery": False, "sees_commune": True}
    # Allowed to be a day behind, the block reads the replica, which does not have it yet.
    assert lenient["inside"] == {"alias": "replica", "in_recovery": True, "sees_commune": False}
