"""What the cluster tests ask of a ``comuna`` pointed at one of the clusters, in a process of
its own (the test run's own database is another one): ``python -m tests.clusters.probe
ACTION ARG`` with ``DATABASE_URL`` (and ``DATABASE_REPLICA_URL``) set. Prints JSON."""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def write_commune(code: str) -> dict[str, Any]:
    """A commune with a council, a household registered through the census (its event), and
    two people, written through the census's services as a city's server writes them."""
    import datetime as dt

    from comuna.census.models import CensusEvent
    from comuna.census.services import household_create, person_create
    from comuna.core.services import commune_create
    from tests import factories

    commune = commune_create(code=code, name=f"Comuna {code}")
    council = factories.make_council(commune, "CC01")
    household = household_create(council=council, reference="0001", address="Calle 1, casa 1")
    people = [
        person_create(
            household=household,
            first_names=name,
            last_names="Prueba",
            birth_date=dt.date(1990, 1, 1),
            is_head=head,
        )
        for name, head in (("Ana", True), ("Luis", False))
    ]
    events = list(CensusEvent.objects.of(commune).values_list("id", flat=True))
    return {
        "commune": commune.pk,
        "council": council.pk,
        "household": household.pk,
        "people": [p.pk for p in people],
        "events": events,
    }


def read_through_replica(code: str) -> dict[str, Any]:
    """Where a read inside ``replica_reading`` and one outside are served, and what they see."""
    from django.db import connections, router

    from comuna.core.models import Commune
    from comuna.core.replica import replica_reading

    def served_by() -> dict[str, Any]:
        alias = router.db_for_read(Commune)
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            in_recovery = cursor.fetchone()[0]
        return {
            "alias": alias,
            "in_recovery": in_recovery,
            "sees_commune": Commune.objects.filter(code=code).exists(),
        }

    with replica_reading():
        inside = served_by()
        write_alias = router.db_for_write(Commune)
    return {"inside": inside, "outside": served_by(), "write_alias": write_alias}


def write_inside_replica_block(code: str) -> dict[str, Any]:
    """A write made inside ``replica_reading`` still goes to the primary."""
    from comuna.core.replica import replica_reading
    from comuna.core.services import commune_create

    with replica_reading():
        commune = commune_create(code=code, name=f"Comuna {code}")
    return {"commune": commune.pk}


ACTIONS = {
    "write-commune": write_commune,
    "read-through-replica": read_through_replica,
    "write-inside-replica-block": write_inside_replica_block,
}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
    import django

    django.setup()
    action, argument = sys.argv[1], sys.argv[2]
    print(json.dumps(ACTIONS[action](argument)))


if __name__ == "__main__":
    main()
