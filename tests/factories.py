"""Small builders for test data. Each makes one valid row and takes overrides."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from comuna.census.identity import person_search_text
from comuna.census.models import Council, Household, Person, Sector
from comuna.core.models import Commune
from comuna.core.services import commune_create
from comuna.memberships.models import Membership
from comuna.users.models import Role, User

_counter = itertools.count(1)


def make_commune(**fields: Any) -> Commune:
    n = next(_counter)
    return commune_create(**{"code": f"comuna-{n}", "name": f"Comuna de prueba {n}", **fields})


def make_council(commune: Commune, code: str, **fields: Any) -> Council:
    return Council.objects.create(
        commune=commune, code=code, **{"name": f"Consejo {code}", **fields}
    )


def make_sector(council: Council, name: str = "Sector 1") -> Sector:
    return Sector.objects.create(council=council, name=name)


def make_household(council: Council, **fields: Any) -> Household:
    n = next(_counter)
    values: dict[str, Any] = {"reference": f"H{n:04d}", "address": f"Calle {n}, casa {n}"}
    values.update(fields)
    return Household.objects.create(council=council, **values)


def make_person(household: Household, **fields: Any) -> Person:
    values: dict[str, Any] = {
        "first_names": "Ana",
        "last_names": "Pérez",
        "birth_date": dt.date(1980, 5, 17),
        "sex": "F",
    }
    values.update(fields)
    values["search_text"] = person_search_text(
        values["first_names"], values["last_names"], values.get("national_id")
    )
    return Person.objects.create(household=household, **values)


def make_user(
    username: str,
    role: Role | None = None,
    *,
    commune: Commune | None = None,
    council: Council | None = None,
    household: Household | None = None,
    organ: Any = None,
    **fields: Any,
) -> User:
    """A login; with a ``role``, also its membership in ``commune`` (or the commune of the
    council, household or organ it is given)."""
    user = User(username=username, **fields)
    user.set_password("correct horse battery")
    user.save()
    if role is not None:
        make_membership(
            user, role, commune=commune, council=council, household=household, organ=organ
        )
    return user


def make_membership(
    user: User,
    role: Role,
    *,
    commune: Commune | None = None,
    council: Council | None = None,
    household: Household | None = None,
    organ: Any = None,
) -> Membership:
    scope = council or household or organ
    if commune is None:
        commune = scope.commune if scope is not None else Commune.objects.order_by("id").first()
    assert commune is not None, "a membership needs a commune"
    return Membership.objects.create(
        commune=commune,
        user=user,
        role=role,
        council=council,
        household=household,
        organ=organ,
    )
