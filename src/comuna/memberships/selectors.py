from __future__ import annotations

from django.db.models import QuerySet

from comuna.core.models import Commune
from comuna.memberships.models import Membership
from comuna.users.actors import Actor, actor_nobody
from comuna.users.models import User


def actor_for(user: object, commune: Commune | None) -> Actor:
    """The actor ``user`` is in ``commune``: their memberships there, and nothing else."""
    if not isinstance(user, User) or not user.is_active or commune is None:
        return actor_nobody(commune)
    rows = (
        Membership.objects.of(commune)
        .filter(user=user)
        .values_list("role", "council_id", "household_id", "organ_id")
    )
    roles: set[str] = set()
    councils: set[int] = set()
    households: set[int] = set()
    organs: set[int] = set()
    for role, council_id, household_id, organ_id in rows:
        roles.add(role)
        if council_id is not None:
            councils.add(council_id)
        if household_id is not None:
            households.add(household_id)
        if organ_id is not None:
            organs.add(organ_id)
    return Actor(
        commune=commune,
        user=user,
        roles=frozenset(roles),
        council_ids=frozenset(councils),
        household_ids=frozenset(households),
        organ_ids=frozenset(organs),
    )


def communes_of(user: object) -> QuerySet[Commune]:
    """The communes where ``user`` holds a membership (every one, for a superuser)."""
    if not isinstance(user, User) or not user.is_active:
        return Commune.objects.none()
    if user.is_superuser:
        return Commune.objects.order_by("name")
    return Commune.objects.filter(
        pk__in=Membership.objects.all_communes().filter(user=user).values("commune_id")
    ).order_by("name")


def memberships_of_commune(commune: Commune) -> QuerySet[Membership]:
    return (
        Membership.objects.of(commune)
        .select_related("user", "council", "household__council", "organ")
        .order_by("user__username", "role")
    )
