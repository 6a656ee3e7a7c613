"""Who may do what with the calendar and the gatherings. Every view and API call asks here.

- Anybody reads the calendar, each action with the participation each commune reported
  (people and hours; the notes only to the action's organisers and to the commune itself),
  the gatherings with their draft, amendments and results, and the adopted declarations.
- Federation officers of a level, or of a level above it, call actions and convene gatherings
  for that level and organise them: register delegates, open sessions, run the speakers'
  list, record amendments and votes. The installation's superuser stands for the whole
  federation. An officer of another level meets a 404 on a gathering's organisers' pages.
- Delegates' names, communes and national IDs are shown only to the gathering's organisers.
- A commune's administrator and its spokespeople report its participation in an action called
  to a level the commune is part of.
"""

from __future__ import annotations

from dataclasses import replace

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.federation.models import CommuneUnit, Officer, Unit
from comuna.gatherings.models import (
    Action,
    Amendment,
    Delegate,
    Gathering,
    Participation,
    Session,
)
from comuna.users.actors import Actor, actor_of
from comuna.users.models import User


def actor_federation(request: object) -> Actor:
    """The request's actor, with its login even where it holds no role in the request's
    commune (or no commune is chosen): a federation officer acts for a level, not for a
    commune. The commune's roles stay those of the actor (none, if it has none there)."""
    actor = actor_of(request)
    user = getattr(request, "user", None)
    if actor.user is None and isinstance(user, User) and user.is_active:
        return replace(actor, user=user)
    return actor


def unit_ancestry(unit_id: int) -> list[int]:
    """The level and every level above it, nearest first."""
    chain: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in chain:
        chain.append(current)
        current = Unit.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return chain


def _is_federation(actor: Actor) -> bool:
    return bool(actor.is_authenticated and actor.user is not None and actor.user.is_superuser)


def is_organiser(actor: Actor, unit_id: int) -> bool:
    """An officer of ``unit_id`` or of a level above it (or the superuser)."""
    if not actor.is_authenticated or actor.user is None:
        return False
    if _is_federation(actor):
        return True
    return Officer.objects.filter(user=actor.user, unit_id__in=unit_ancestry(unit_id)).exists()


def units_organised(actor: Actor) -> QuerySet[Unit]:
    """The levels the actor may call actions and gatherings for: its own and those below."""
    if _is_federation(actor):
        return Unit.objects.all()
    if not actor.is_authenticated or actor.user is None:
        return Unit.objects.none()
    found: set[int] = set(Officer.objects.filter(user=actor.user).values_list("unit_id", flat=True))
    frontier = set(found)
    while frontier:
        frontier = (
            set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        )
        found |= frontier
    return Unit.objects.filter(pk__in=found)


def is_officer(actor: Actor) -> bool:
    return _is_federation(actor) or (
        actor.is_authenticated
        and actor.user is not None
        and Officer.objects.filter(user=actor.user).exists()
    )


def officer_require(actor: Actor) -> None:
    if not is_officer(actor):
        raise PermissionDenied(_("Only the federation's officers do this."))


# ---------------------------------------------------------------- the calendar


def action_for(actor: Actor, pk: int) -> Action:
    """Any action (the calendar is public)."""
    found = Action.objects.select_related("unit").filter(pk=pk).first()
    if found is None:
        raise Http404(_("There is no such action."))
    return found


def commune_is_called(commune: Commune, action: Action) -> bool:
    """Whether ``action`` is called to a level ``commune`` is part of."""
    city = CommuneUnit.objects.filter(commune=commune).values_list("unit_id", flat=True).first()
    return city is not None and action.unit_id in unit_ancestry(city)


def participation_may_report(actor: Actor, action: Action) -> bool:
    return (
        actor.commune is not None
        and (actor.is_admin or actor.is_spokesperson)
        and commune_is_called(actor.commune, action)
    )


def participation_report_require(actor: Actor, action: Action) -> Commune:
    """The commune whose participation the actor reports; 403 otherwise."""
    if not participation_may_report(actor, action) or actor.commune is None:
        raise PermissionDenied(
            _(
                "Only the administrator or a spokesperson of a commune called to this action "
                "reports its participation."
            )
        )
    return actor.commune


def participation_of(actor: Actor, action: Action) -> Participation | None:
    """The report of the actor's commune in ``action``, if it has made one."""
    if actor.commune is None:
        return None
    return Participation.objects.of(actor.commune).filter(action=action).first()


def notes_readable(actor: Actor, action: Action) -> bool:
    return is_organiser(actor, action.unit_id)


# ---------------------------------------------------------------- gatherings


def gathering_for(actor: Actor, pk: int) -> Gathering:
    """Any gathering, for its public page."""
    found = Gathering.objects.select_related("unit").filter(pk=pk).first()
    if found is None:
        raise Http404(_("There is no such gathering."))
    return found


def gathering_organise(actor: Actor, pk: int) -> Gathering:
    """A gathering the actor organises; 404 to anyone else, so that its delegates' pages
    tell nothing."""
    found = Gathering.objects.select_related("unit").filter(pk=pk).first()
    if found is None or not is_organiser(actor, found.unit_id):
        raise Http404(_("There is no such gathering in your reach."))
    return found


def session_organise(actor: Actor, pk: int) -> Session:
    found = Session.objects.select_related("gathering__unit").filter(pk=pk).first()
    if found is None or not is_organiser(actor, found.gathering.unit_id):
        raise Http404(_("There is no such session in your reach."))
    return found


def amendment_organise(actor: Actor, pk: int) -> Amendment:
    found = (
        Amendment.objects.select_related("gathering__unit", "paragraph", "organisation")
        .filter(pk=pk)
        .first()
    )
    if found is None or not is_organiser(actor, found.gathering.unit_id):
        raise Http404(_("There is no such amendment in your reach."))
    return found


def delegate_of(gathering: Gathering, pk: int) -> Delegate:
    """A delegate of ``gathering`` (fetched through a gathering already organised)."""
    found = gathering.delegates.filter(pk=pk).first()
    if found is None:
        raise Http404(_("There is no such delegate at this gathering."))
    return found
