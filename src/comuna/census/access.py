"""Who may read and change which part of the census. Every view goes through these functions.

Each function asks an :class:`~comuna.users.actors.Actor`: a user as they stand in one
commune. Roles add up (a spokesperson who also lives in a household reads both):

- an administrator reads and changes everything of the commune;
- the comptroller reads everything of the commune and changes nothing;
- a council's spokesperson reads and changes that council only;
- a resident reads their own household only;
- anyone else reads aggregates only (the public pages), never a record.

Nothing of another commune is ever in reach. A record outside the actor's reach answers 404,
exactly like a missing one, so an id does not reveal whether it exists.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.census.models import Council, Household, Person, Sector
from comuna.core.refusals import Refusal
from comuna.users.actors import Actor

# Kept only for the other apps' access modules while they move to actors; census uses none.


def _reads_all(actor: Actor) -> bool:
    return actor.is_admin or actor.is_comptroller


def councils_readable(actor: Actor) -> QuerySet[Council]:
    """The councils whose records (households, people) the actor may read."""
    if actor.commune is None or not actor.is_authenticated:
        return Council.objects.none()
    councils = Council.objects.of(actor.commune)
    if _reads_all(actor):
        return councils
    reach = Q(pk__in=actor.council_ids) if actor.is_spokesperson else Q(pk__in=[])
    if actor.is_resident:
        # A subquery, not a join: a join would narrow the counts annotated on these councils.
        homes = Household.objects.of(actor.commune).filter(pk__in=actor.household_ids)
        reach |= Q(pk__in=homes.values("council_id"))
    return councils.filter(reach)


def households_readable(actor: Actor) -> QuerySet[Household]:
    if actor.commune is None or not actor.is_authenticated:
        return Household.objects.none()
    households = Household.objects.of(actor.commune)
    if _reads_all(actor):
        return households
    reach = Q(council_id__in=actor.council_ids) if actor.is_spokesperson else Q(pk__in=[])
    if actor.is_resident:
        reach |= Q(pk__in=actor.household_ids)
    return households.filter(reach)


def people_readable(actor: Actor) -> QuerySet[Person]:
    if actor.commune is None:
        return Person.objects.none()
    return Person.objects.of(actor.commune).filter(household__in=households_readable(actor))


def council_is_editable(actor: Actor, council: Council) -> bool:
    if actor.commune is None or council.commune_id != actor.commune.pk:
        return False
    if actor.is_admin:
        return True
    return actor.is_spokesperson and council.pk in actor.council_ids


def census_is_editable(actor: Actor) -> bool:
    """Whether the actor may change some part of the census (to show or hide the forms)."""
    return actor.is_admin or actor.is_spokesperson


def councils_editable(actor: Actor) -> QuerySet[Council]:
    """The councils whose census the actor may change (to offer them in a form)."""
    councils = councils_readable(actor)
    if actor.is_admin:
        return councils
    if not actor.is_spokesperson:
        return councils.none()
    return councils.filter(pk__in=actor.council_ids)


def census_is_exportable(actor: Actor) -> bool:
    """Exporting personal data is for the roles that keep the census; residents never."""
    return actor.is_admin or actor.is_comptroller or actor.is_spokesperson


def _check_write(actor: Actor, council: Council) -> None:
    if not council_is_editable(actor, council):
        raise PermissionDenied(_("You may read this council's census but not change it."))


def councils_are_editable(actor: Actor) -> bool:
    """Creating and renaming councils is the administrator's."""
    return actor.is_admin


def sector_for_user(actor: Actor, sector_id: int, *, write: bool = False) -> Sector:
    sector: Sector | None = (
        Sector.objects.of(actor.commune)
        .filter(council__in=councils_readable(actor))
        .select_related("council")
        .filter(pk=sector_id)
        .first()
        if actor.commune is not None
        else None
    )
    if sector is None:
        raise Http404(_("No such sector in your reach."))
    if write:
        _check_write(actor, sector.council)
    return sector


def council_for_user(actor: Actor, code: str, *, write: bool = False) -> Council:
    council = councils_readable(actor).filter(code=code).first()
    if council is None:
        raise Http404(_("No such council in your reach."))
    if write:
        _check_write(actor, council)
    return council


def council_for_aggregates(actor: Actor, code: str) -> Council:
    """Any council of the actor's commune, for any logged-in user: its statistics are counts,
    never records."""
    council: Council | None = (
        Council.objects.of(actor.commune).filter(code=code).first()
        if actor.is_authenticated and actor.commune is not None
        else None
    )
    if council is None:
        raise Http404(_("No such council."))
    return council


def household_for_user(actor: Actor, household_id: int, *, write: bool = False) -> Household:
    household = (
        households_readable(actor)
        .select_related("council", "sector")
        .filter(pk=household_id)
        .first()
    )
    if household is None:
        raise Http404(_("No such household in your reach."))
    if write:
        _check_write(actor, household.council)
    return household


def household_for_card(actor: Actor, card_code: str) -> Household:
    household = (
        households_readable(actor)
        .select_related("council", "sector")
        .filter(card_code=card_code.strip().upper())
        .first()
    )
    if household is None:
        raise Http404(_("No household with that card in your reach."))
    return household


def household_as_destination(actor: Actor, council_code: str, reference: str) -> Household:
    """A household that someone moves into, named as on its card (``CC03``, ``0123``), in a
    council whose census the actor keeps: a spokesperson moves people within her council
    only (the service checks it again); the administrator, anywhere in the commune.
    """
    household: Household | None = (
        Household.objects.of(actor.commune)
        .select_related("council")
        .filter(council__in=councils_editable(actor), council__code=council_code)
        .filter(reference=reference)
        .first()
        if actor.commune is not None
        else None
    )
    if household is None:
        raise Refusal(
            _("There is no household %(code)s-%(reference)s in the councils you keep.")
            % {"code": council_code, "reference": reference},
            field="household",
        )
    return household


def person_for_user(actor: Actor, person_id: int, *, write: bool = False) -> Person:
    person = (
        people_readable(actor)
        .select_related("household", "household__council")
        .filter(pk=person_id)
        .first()
    )
    if person is None:
        raise Http404(_("No such person in your reach."))
    if write:
        _check_write(actor, person.household.council)
    return person
