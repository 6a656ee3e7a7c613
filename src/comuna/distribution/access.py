"""Who may do what in the distribution. Every view and API operation goes through here.

Each function asks an :class:`~comuna.users.actors.Actor`: a user as they stand in one
commune. Nothing of another commune is in reach: its rounds, programmes and households answer
404 exactly like missing ones. Roles add up.

- the administrator manages programmes and rounds and works any table;
- a council's spokesperson works the tables for the households of their council and prints
  their council's list;
- the comptroller reads everything, including the reconciliation, and changes nothing;
- a resident sees only their own household's place in each round and why;
- anyone sees the public aggregates (households served per round).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.census.models import Household
from comuna.distribution.models import Programme, Round
from comuna.users.actors import Actor


def distribution_is_managed(actor: Actor) -> bool:
    """Programmes and rounds (create, open, close) are the administrator's."""
    return actor.is_admin


def distribution_is_readable(actor: Actor) -> bool:
    """Round lists with names: the roles that keep the census and audit it."""
    return actor.is_admin or actor.is_comptroller or actor.is_spokesperson


def tables_are_workable(actor: Actor) -> bool:
    return actor.is_admin or actor.is_spokesperson


def reconciliation_is_readable(actor: Actor) -> bool:
    return actor.is_admin or actor.is_comptroller


def reports_are_readable(actor: Actor) -> bool:
    """The reports name households that were left out: for the roles that serve them."""
    return reconciliation_is_readable(actor) or actor.is_spokesperson


def programme_for_user(actor: Actor, pk: int) -> Programme:
    if not distribution_is_managed(actor):
        raise PermissionDenied(_("Only the administrator manages programmes."))
    programme: Programme | None = (
        Programme.objects.of(actor.commune).filter(pk=pk).first()
        if actor.commune is not None
        else None
    )
    if programme is None:
        raise Http404(_("No such programme."))
    return programme


def round_for_user(actor: Actor, pk: int, *, manage: bool = False, table: bool = False) -> Round:
    """A round to read (its list), to work a table of, or to manage; else 403 or 404."""
    if not distribution_is_readable(actor) or actor.commune is None:
        raise Http404(_("No such round in your reach."))
    rounds = Round.objects.of(actor.commune).select_related("programme", "programme__commune")
    try:
        round_: Round = rounds.get(pk=pk)
    except Round.DoesNotExist:
        raise Http404(_("No such round in your reach.")) from None
    if manage and not distribution_is_managed(actor):
        raise PermissionDenied(_("Only the administrator opens and closes rounds."))
    if table and not tables_are_workable(actor):
        raise PermissionDenied(_("You may read this round but not record deliveries."))
    return round_


def households_at_table(actor: Actor) -> QuerySet[Household]:
    """The households a table worked by ``actor`` may serve: every household of the commune
    for the administrator, a spokesperson's own councils' otherwise."""
    if not tables_are_workable(actor) or actor.commune is None:
        return Household.objects.none()
    households = Household.objects.of(actor.commune)
    if actor.is_admin:
        return households
    return households.filter(council_id__in=actor.council_ids)


def household_at_table(actor: Actor, household_id: int) -> Household:
    try:
        return households_at_table(actor).select_related("council").get(pk=household_id)
    except Household.DoesNotExist:
        raise Http404(_("No such household in your reach.")) from None


def household_at_table_by_card(actor: Actor, card_code: str) -> Household:
    code = card_code.strip().upper()
    try:
        return households_at_table(actor).select_related("council").get(card_code=code)
    except Household.DoesNotExist:
        raise Http404(_("No household with that card in your reach.")) from None
