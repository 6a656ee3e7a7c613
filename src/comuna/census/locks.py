"""The row locks of the census, and the one order in which they are taken.

Each helper re-reads its rows under ``SELECT ... FOR UPDATE`` (PostgreSQL; on SQLite the
project's ``BEGIN IMMEDIATE`` transactions already serialise writers) and must be called
inside a transaction. A function that needs several takes them in this order, never the
other way round, so that two writers queue instead of deadlocking:

1. an uploaded census file (``census_import_lock``), confirmed by importing it;
2. households (``household_lock``; several at once by id, ``households_lock``);
3. a person (``person_lock``), after the household they live in or move to.
"""

from __future__ import annotations

from django.db.models import QuerySet

from comuna.census.models import CensusImport, Household, Person


def census_import_lock(upload: CensusImport) -> CensusImport:
    return (
        CensusImport.objects.select_for_update(of=("self",))
        .select_related("council")
        .get(pk=upload.pk)
    )


def household_lock(household: Household) -> Household:
    return (
        Household.objects.select_for_update(of=("self",))
        .select_related("council")
        .get(pk=household.pk)
    )


def households_lock(households: QuerySet[Household]) -> QuerySet[Household]:
    """``households`` locked in the order of their ids, as two importers take them."""
    return households.select_for_update().order_by("pk")


def person_lock(person: Person) -> Person:
    return (
        Person.objects.select_for_update(of=("self",)).select_related("household").get(pk=person.pk)
    )
