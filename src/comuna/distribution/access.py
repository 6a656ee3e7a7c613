"""Who may do what in the distribution. Every view and API operation goes through here.

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

from comuna.census.access import AnyUser, households_readable
from comuna.census.models import Household
from comuna.distribution.models import Programme, Round
from comuna.users.models import Role, User


def _login(user: AnyUser) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def distribution_is_managed(user: AnyUser) -> bool:
    """Programmes and rounds (create, open, close) are the administrator's."""
    login = _login(user)
    return login is not None and login.is_admin


def distribution_is_readable(user: AnyUser) -> bool:
    """Round lists with names: the roles that keep the census and audit it."""
    login = _login(user)
    return login is not None and (
        login.is_admin or login.is_comptroller or login.role == Role.SPOKESPERSON
    )


def tables_are_workable(user: AnyUser) -> bool:
    login = _login(user)
    return login is not None and (login.is_admin or login.role == Role.SPOKESPERSON)


def reconciliation_is_readable(user: AnyUser) -> bool:
    login = _login(user)
    return login is not None and (login.is_admin or login.is_comptroller)


def programme_for_user(user: AnyUser, pk: int) -> Programme:
    if not distribution_is_managed(user):
        raise PermissionDenied(_("Only the administrator manages programmes."))
    programme = Programme.objects.filter(pk=pk).first()
    if programme is None:
        raise Http404(_("No such programme."))
    return programme


def round_for_user(user: AnyUser, pk: int, *, manage: bool = False, table: bool = False) -> Round:
    """A round to read (its list), to work a table of, or to manage; else 403 or 404."""
    if not distribution_is_readable(user):
        raise Http404(_("No such round in your reach."))
    try:
        round_ = Round.objects.select_related("programme", "programme__commune").get(pk=pk)
    except Round.DoesNotExist:
        raise Http404(_("No such round in your reach.")) from None
    if manage and not distribution_is_managed(user):
        raise PermissionDenied(_("Only the administrator opens and closes rounds."))
    if table and not tables_are_workable(user):
        raise PermissionDenied(_("You may read this round but not record deliveries."))
    return round_


def households_at_table(user: AnyUser) -> QuerySet[Household]:
    """The households a table worked by ``user`` may serve: a spokesperson's own council."""
    if not tables_are_workable(user):
        return Household.objects.none()
    return households_readable(user)


def household_at_table(user: AnyUser, household_id: int) -> Household:
    try:
        return households_at_table(user).select_related("council").get(pk=household_id)
    except Household.DoesNotExist:
        raise Http404(_("No such household in your reach.")) from None


def household_at_table_by_card(user: AnyUser, card_code: str) -> Household:
    code = card_code.strip().upper()
    try:
        return households_at_table(user).select_related("council").get(card_code=code)
    except Household.DoesNotExist:
        raise Http404(_("No household with that card in your reach.")) from None
