"""The row locks of the brigades, and the order they are taken in.

Order: the brigade first, then the people of the census (by id). A shift's overlap check
locks the person, so two shifts of the same person (in any brigade) are written one after
the other; on SQLite the project's ``BEGIN IMMEDIATE`` transactions serialise writers already.
"""

from __future__ import annotations

from collections.abc import Iterable

from comuna.brigades.models import Brigade
from comuna.census.models import Person


def brigade_lock(brigade: Brigade) -> Brigade:
    return Brigade.objects.of(brigade.commune_id).select_for_update().get(pk=brigade.pk)


def people_lock(commune_id: int, person_ids: Iterable[int]) -> None:
    """Lock these people's rows, lowest id first (call after ``brigade_lock`` if both)."""
    ids = sorted(set(person_ids))
    people = Person.objects.of(commune_id).select_for_update().filter(pk__in=ids)
    list(people.order_by("pk").values_list("pk"))
