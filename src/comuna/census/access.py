"""Who may read and change which part of the census. Every view goes through these functions.

- an administrator reads and changes everything;
- the comptroller reads everything and changes nothing;
- a council's spokesperson reads and changes that council only;
- a resident reads their own household only;
- anyone else reads aggregates only (the public pages), never a record.

A record outside the user's reach answers 404, so an id does not reveal whether it exists.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.census.models import Council, Household, Person, Sector
from comuna.users.models import Role, User

AnyUser = User | AnonymousUser


def _login(user: AnyUser) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def councils_readable(user: AnyUser) -> QuerySet[Council]:
    """The councils whose records (households, people) the user may read."""
    login = _login(user)
    if login is None:
        return Council.objects.none()
    if login.is_admin or login.is_comptroller:
        return Council.objects.all()
    if login.role == Role.SPOKESPERSON and login.council_id is not None:
        return Council.objects.filter(pk=login.council_id)
    if login.role == Role.RESIDENT and login.household_id is not None:
        return Council.objects.filter(households__pk=login.household_id)
    return Council.objects.none()


def households_readable(user: AnyUser) -> QuerySet[Household]:
    login = _login(user)
    if login is None:
        return Household.objects.none()
    if login.is_admin or login.is_comptroller:
        return Household.objects.all()
    if login.role == Role.SPOKESPERSON and login.council_id is not None:
        return Household.objects.filter(council_id=login.council_id)
    if login.role == Role.RESIDENT and login.household_id is not None:
        return Household.objects.filter(pk=login.household_id)
    return Household.objects.none()


def people_readable(user: AnyUser) -> QuerySet[Person]:
    return Person.objects.filter(household__in=households_readable(user))


def council_is_editable(user: AnyUser, council: Council) -> bool:
    login = _login(user)
    if login is None:
        return False
    if login.is_admin:
        return True
    return login.role == Role.SPOKESPERSON and login.council_id == council.pk


def census_is_editable(user: AnyUser) -> bool:
    """Whether the user may change some part of the census (to show or hide the forms)."""
    login = _login(user)
    return login is not None and (login.is_admin or login.role == Role.SPOKESPERSON)


def councils_editable(user: AnyUser) -> QuerySet[Council]:
    """The councils whose census the user may change (to offer them in a form)."""
    councils = councils_readable(user)
    return councils.filter(pk__in=[c.pk for c in councils if council_is_editable(user, c)])


def census_is_exportable(user: AnyUser) -> bool:
    """Exporting personal data is for the roles that keep the census; residents never."""
    login = _login(user)
    return login is not None and (
        login.is_admin or login.is_comptroller or login.role == Role.SPOKESPERSON
    )


def _check_write(user: AnyUser, council: Council) -> None:
    if not council_is_editable(user, council):
        raise PermissionDenied(_("You may read this council's census but not change it."))


def councils_are_editable(user: AnyUser) -> bool:
    """Creating and renaming councils is the administrator's."""
    login = _login(user)
    return login is not None and login.is_admin


def sector_for_user(user: AnyUser, sector_id: int, *, write: bool = False) -> Sector:
    sector = (
        Sector.objects.filter(council__in=councils_readable(user))
        .select_related("council")
        .filter(pk=sector_id)
        .first()
    )
    if sector is None:
        raise Http404(_("No such sector in your reach."))
    if write:
        _check_write(user, sector.council)
    return sector


def council_for_user(user: AnyUser, code: str, *, write: bool = False) -> Council:
    council = councils_readable(user).filter(code=code).first()
    if council is None:
        raise Http404(_("No such council in your reach."))
    if write:
        _check_write(user, council)
    return council


def council_for_aggregates(user: AnyUser, code: str) -> Council:
    """Any council, for any logged-in user: its statistics are counts, never records."""
    council = Council.objects.filter(code=code).first() if _login(user) else None
    if council is None:
        raise Http404(_("No such council."))
    return council


def household_for_user(user: AnyUser, household_id: int, *, write: bool = False) -> Household:
    household = (
        households_readable(user)
        .select_related("council", "sector")
        .filter(pk=household_id)
        .first()
    )
    if household is None:
        raise Http404(_("No such household in your reach."))
    if write:
        _check_write(user, household.council)
    return household


def household_for_card(user: AnyUser, card_code: str) -> Household:
    household = (
        households_readable(user)
        .select_related("council", "sector")
        .filter(card_code=card_code.strip().upper())
        .first()
    )
    if household is None:
        raise Http404(_("No household with that card in your reach."))
    return household


def household_as_destination(council_code: str, reference: str) -> Household:
    """A household that someone moves into, named as on its card (``CC03``, ``0123``).

    Any household of the commune may receive a person: the caller must already have write
    access to the person who moves, which is what authorises the move.
    """
    from comuna.census.services import CensusError

    household = (
        Household.objects.select_related("council")
        .filter(council__code=council_code, reference=reference)
        .first()
    )
    if household is None:
        raise CensusError(
            _("There is no household %(code)s-%(reference)s.")
            % {"code": council_code, "reference": reference},
            field="household",
        )
    return household


def person_for_user(user: AnyUser, person_id: int, *, write: bool = False) -> Person:
    person = (
        people_readable(user)
        .select_related("household", "household__council")
        .filter(pk=person_id)
        .first()
    )
    if person is None:
        raise Http404(_("No such person in your reach."))
    if write:
        _check_write(user, person.household.council)
    return person
