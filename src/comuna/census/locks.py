"""The row locks of the census, and the one order in which they are taken.

Each helper re-reads its rows under ``SELECT ... FOR UPDATE`` (PostgreSQL; on SQLite the
project's ``BEGIN IMMEDIATE`` transactions already serialise writers), scoped to the row's
own commune, and must be called inside a transaction. A function that needs several takes
them in this order, never the other way round, so that two writers queue instead of
deadlocking:

1. households (``household_lock``; several at once by id, ``households_lock``);
2. a person (``person_lock``), after the household they live in or move to.

An uploaded census file is locked by the import pipeline (``comuna.core.imports``) before any
of these.
"""

from __future__ import annotations

from django.db.models import QuerySet

from comuna.census.models import Household, Person


def household_lock(household: Household) -> Household:
    locked: Household = (
        Household.objects.of(household.commune_id)
        .select_for_update(of=("self",))
        .select_related("council")
        .get(pk=household.pk)
    )
    return locked


def households_lock(households: QuerySet[Household]) -> QuerySet[Household]:
    """``households`` locked in the order of their ids, as two importers take them."""
    return households.select_for_update().order_by("pk")


def person_lock(person: Person) -> Person:
    locked: Person = (
        Person.objects.of(person.commune_id)
        .select_for_update(of=("self",))
        .select_related("household")
        .get(pk=person.pk)
    )
    return locked
