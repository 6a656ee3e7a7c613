"""Who reads what of the federation. Every view, API operation and command asks here.

- An officer of a level reads that level and every level and commune below it: a communal
  city's officer, its communes; a state's, its cities and their communes; the nation's,
  everything. Nothing beside or above: another city, the state above, answer 404.
- The installation's superuser reads everything (the federation's server is theirs).
- A role in a commune (its administrator, a spokesperson) gives no federation access: the
  commune's administrators read only their commune's identity flags, on their own page.
- Registrations, with the spokespeople's personal data, are read only by the officers of the
  communal city they ask to join, or of a level above it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.federation.models import CommuneUnit, IdentityFlag, Registration, Unit
from comuna.users.actors import Actor


def _user(user: Any) -> Any | None:
    """The active, logged-in user, or None."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return user


def is_installation_superuser(user: Any) -> bool:
    found = _user(user)
    return bool(found is not None and found.is_superuser)


def units_readable(user: Any) -> QuerySet[Unit]:
    """The levels ``user`` reads: those they are an officer of and every level below them."""
    found = _user(user)
    if found is None:
        return Unit.objects.none()
    if found.is_superuser:
        return Unit.objects.all()
    own = Unit.objects.filter(officers__user=found).values("pk")
    # Three levels at most: the nation, a state, a communal city.
    return Unit.objects.filter(Q(pk__in=own) | Q(parent__in=own) | Q(parent__parent__in=own))


def is_officer(user: Any) -> bool:
    return units_readable(user).exists()


def unit_for(user: Any, code: str) -> Unit:
    found = units_readable(user).filter(code=code).first()
    if found is None:
        raise Http404(_("There is no such level of the federation in your reach."))
    return found


def communes_readable(user: Any) -> QuerySet[Commune]:
    """The communes of the communal cities ``user`` reads (every commune, for the superuser)."""
    if is_installation_superuser(user):
        return Commune.objects.all()
    cities = units_readable(user).filter(level=Unit.Level.CITY).values("pk")
    return Commune.objects.filter(
        pk__in=CommuneUnit.objects.filter(unit__in=cities).values("commune_id")
    )


def registrations_readable(user: Any) -> QuerySet[Registration]:
    """The registrations ``user`` reviews: those asking to join a city they read."""
    cities = units_readable(user).filter(level=Unit.Level.CITY).values("pk")
    return Registration.objects.filter(city__in=cities)


def registration_for(user: Any, pk: int) -> Registration:
    found = registrations_readable(user).filter(pk=pk).first()
    if found is None:
        raise Http404(_("There is no such registration in your reach."))
    return found


def flags_of_commune(actor: Actor) -> QuerySet[IdentityFlag]:
    """The identity flags of the actor's commune, for its administrators only."""
    if actor.commune is None or not actor.is_admin:
        return IdentityFlag.objects.none()
    c = actor.commune
    return IdentityFlag.objects.filter(Q(first=c) | Q(second=c))


def flags_readable(user: Any) -> QuerySet[IdentityFlag]:
    """The identity flags an officer counts: those whose two communes both lie below them."""
    communes = communes_readable(user).values("pk")
    if not is_officer(user) and not is_installation_superuser(user):
        return IdentityFlag.objects.none()
    return IdentityFlag.objects.filter(first__in=communes, second__in=communes)
