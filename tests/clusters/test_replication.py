"""The national server receives each city's communes by PostgreSQL's logical replication."""

from __future__ import annotations

import uuid

import pytest

from tests.clusters.conftest import Clusters

pytestmark = pytest.mark.clusters

RANGE = 10**12  # scripts/pg-clusters: server n owns the ids n*10^12 to (n+1)*10^12-1


def _on_national(clusters: Clusters, table: str, ids: list[int]) -> int:
    rows = clusters.query(
        "national",
        f"SELECT count(*) FROM {table} WHERE id = ANY(%s)",  # noqa: S608 (the tests' own names)
        (ids,),
    )
    return int(rows[0][0])


def test_a_commune_written_on_each_city_reaches_the_national_without_collisions(
    clusters: Clusters,
) -> None:
    tag = uuid.uuid4().hex[:8]
    written = {
        city: clusters.probe("write-commune", f"{city}-{tag}", DATABASE_URL=clusters.url(city))
        for city in ("city1", "city2")
    }
    for n, city in ((1, "city1"), (2, "city2")):
        ids = written[city]
        # Each city gives ids from its own range: the same table on two cities never shares one.
        for key in ("commune", "council", "household", *ids["people"], *ids["events"]):
            value = ids[key] if isinstance(key, str) else key
            assert n * RANGE <= value < (n + 1) * RANGE
        clusters.wait_for(
            lambda ids=ids: _on_national(clusters, "census_person", ids["people"]) == 2
        )
        assert _on_national(clusters, "core_commune", [ids["commune"]]) == 1
        assert _on_national(clusters, "census_council", [ids["council"]]) == 1
        assert _on_national(clusters, "census_household", [ids["household"]]) == 1
        clusters.wait_for(
            lambda ids=ids: (
                _on_national(clusters, "census_censusevent", ids["events"]) == len(ids["events"])
            )
        )
    # The national holds both cities' communes, each with its own people.
    rows = clusters.query(
        "national",
        "SELECT c.code, count(p.id) FROM core_commune c JOIN census_person p ON p.commune_id = c.id"
        " WHERE c.code LIKE %s GROUP BY c.code ORDER BY c.code",
        (f"%-{tag}",),
    )
    assert rows == [(f"city1-{tag}", 2), (f"city2-{tag}", 2)]


def test_the_national_receives_partitioned_tables_into_its_own_partitions(
    clusters: Clusters,
) -> None:
    tag = uuid.uuid4().hex[:8]
    ids = clusters.probe("write-commune", f"part-{tag}", DATABASE_URL=clusters.url("city2"))
    clusters.wait_for(
        lambda: _on_national(clusters, "census_censusevent", ids["events"]) == len(ids["events"])
    )
    kinds = clusters.query(
        "national", "SELECT relkind FROM pg_class WHERE oid = 'census_censusevent'::regclass"
    )
    assert kinds == [("p",)]
    partitions = clusters.query(
        "national",
        "SELECT DISTINCT tableoid::regclass::text FROM census_censusevent WHERE commune_id = %s",
        (ids["commune"],),
    )
    assert len(partitions) == 1
    assert partitions[0][0].startswith("census_censusevent_p")


def test_the_script_is_idempotent_and_reports_every_cluster_up(clusters: Clusters) -> None:
    import os
    import subprocess
    import sys

    from tests.clusters.conftest import ROOT, SCRIPT, _pg_bin

    env = {
        **os.environ,
        "COMUNA": f"{sys.executable} -m comuna",
        "PYTHONPATH": str(ROOT / "src"),
        "PG_BIN": str(_pg_bin()),
    }
    again = subprocess.run(
        [str(SCRIPT), "start", str(clusters.base)], env=env, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    status = subprocess.run(
        [str(SCRIPT), "status", str(clusters.base)], env=env, capture_output=True, text=True
    )
    assert status.returncode == 0
    assert "replica\t" in status.stdout and "in recovery: t" in status.stdout
    assert "from_city1 (receiving)" in status.stdout
    assert "from_city2 (receiving)" in status.stdout
