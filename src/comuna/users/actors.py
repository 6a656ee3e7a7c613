"""Who is acting, and as what, in one commune.

An :class:`Actor` is a user as they stand in one commune: the roles their memberships there
give them, and the councils, households and organs those roles cover. Every access check
(``<app>/access.py``) asks an actor, never a bare user, so an administrator of commune A is
nobody in commune B. ``comuna.memberships`` builds actors from memberships; the request, the
API token and the commands each carry one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from comuna.core.models import Commune
from comuna.users.models import Role, User


@dataclass(frozen=True)
class Actor:
    commune: Commune | None
    user: User | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    # Whoever runs ``comuna`` on the machine: they hold the data folder and the database, so a
    # command acts as the commune's administrator (see ``actor_operator``).
    operator: bool = False
    council_ids: frozenset[int] = field(default_factory=frozenset)
    household_ids: frozenset[int] = field(default_factory=frozenset)
    organ_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.operator or (self.user is not None and self.user.is_active)

    @property
    def login(self) -> User | None:
        """The active user behind the actor, if any."""
        return self.user if self.is_authenticated else None

    def has(self, role: Role) -> bool:
        return self.is_authenticated and self.commune is not None and role in self.roles

    @property
    def is_admin(self) -> bool:
        """The commune's administrators; an installation's superuser administers every one."""
        if not self.is_authenticated or self.commune is None:
            return False
        return (
            self.operator or Role.ADMIN in self.roles or bool(self.user and self.user.is_superuser)
        )

    @property
    def is_comptroller(self) -> bool:
        return self.has(Role.COMPTROLLER)

    @property
    def is_treasurer(self) -> bool:
        """The communal bank's treasurer, who keeps the books with the administrator."""
        return self.has(Role.TREASURER)

    @property
    def is_spokesperson(self) -> bool:
        return self.has(Role.SPOKESPERSON) and bool(self.council_ids)

    @property
    def is_resident(self) -> bool:
        return self.has(Role.RESIDENT) and bool(self.household_ids)

    @property
    def is_enterprise_manager(self) -> bool:
        """Runs the commune's enterprises: fleet, plans, the yard, production plans."""
        return self.has(Role.ENTERPRISE_MANAGER)

    @property
    def is_enterprise_worker(self) -> bool:
        """Works in an enterprise: a truck's crew logs its trips, a scale operator weighs."""
        return self.has(Role.ENTERPRISE_WORKER)

    @property
    def is_member(self) -> bool:
        """Whether the actor holds any role in the commune (a superuser always does)."""
        return self.is_admin or (self.is_authenticated and bool(self.roles))


def actor_nobody(commune: Commune | None = None) -> Actor:
    """Someone not logged in, or not a member: reads the public figures and nothing else."""
    return Actor(commune=commune)


def actor_operator(commune: Commune, user: User | None = None) -> Actor:
    """The person at the machine's terminal, acting on ``commune`` through a command."""
    return Actor(commune=commune, user=user, roles=frozenset({Role.ADMIN}), operator=True)


def actor_of(request: object) -> Actor:
    """The actor the request acts as (set by the memberships middleware)."""
    actor = getattr(request, "actor", None)
    return actor if isinstance(actor, Actor) else actor_nobody()


def acting_user(request: HttpRequest) -> User:
    """The logged-in user behind a request (views behind ``login_required``)."""
    if not isinstance(request.user, User):  # login_required guarantees it; this tells mypy
        raise PermissionDenied
    return request.user
