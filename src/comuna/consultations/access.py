"""Who may read and do what with popular consultations. Every view and API operation asks here.

- **Federation officers** (``federation.Officer``) act for one level and the levels below it:
  they create a consultation for their level or one below, open, close and publish it, and
  read every consultation of those levels with each commune's result as it arrives. A
  consultation of a level they do not act for (a sibling city, a level above theirs) answers
  404, like one that does not exist. The installation's superuser stands for every level.
- **A commune's members** read the consultations their commune must hold: those of its
  communal city and of the levels above it, from the moment they open. Its **administrator**
  holds them in the citizens' assembly: links the meeting, records the votes, closes the
  result. What a commune recorded is read only in that commune (and by the officers above it);
  a consultation of a level the commune is not part of answers 404.
- **Anybody**, logged in or not, reads a published consultation: its totals per commune and
  overall, with each commune's fingerprint of the minutes. Aggregates only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.consultations.models import Consultation, ConsultationStatus, Holding
from comuna.core.models import Commune
from comuna.federation.models import CommuneUnit, Officer, Unit
from comuna.users.actors import Actor
from comuna.users.models import User


def _below(unit_ids: set[int]) -> set[int]:
    """The units given and every unit below them (the federation has three levels)."""
    found = set(unit_ids)
    frontier = set(unit_ids)
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier -= found
        found |= frontier
    return found


def units_governed(user: object) -> set[int]:
    """The levels ``user`` (a request's user: an officer's pages are about no commune, so
    there is no actor to ask) acts for as a federation officer: theirs and those below."""
    if not isinstance(user, User) or not user.is_active:
        return set()
    if user.is_superuser:
        return set(Unit.objects.values_list("pk", flat=True))
    return _below(set(Officer.objects.filter(user=user).values_list("unit_id", flat=True)))


def is_officer(user: object) -> bool:
    return bool(units_governed(user))


def officer_require(user: object) -> set[int]:
    units = units_governed(user)
    if not units:
        raise Http404(_("Only an officer of the federation opens consultations."))
    return units


def consultations_governed(user: object) -> QuerySet[Consultation]:
    units = units_governed(user)
    if not units:
        return Consultation.objects.none()
    return Consultation.objects.filter(unit_id__in=units)


def consultation_for_officer(user: object, consultation_id: int) -> Consultation:
    """A consultation of a level the officer acts for; any other answers 404."""
    found = consultations_governed(user).select_related("unit").filter(pk=consultation_id).first()
    if found is None:
        raise Http404(_("No such consultation."))
    return found


def communes_below(unit: Unit) -> QuerySet[Commune]:
    """The communes that must hold a consultation of ``unit``."""
    cities = _below({unit.pk})
    return Commune.objects.filter(
        pk__in=CommuneUnit.objects.filter(unit_id__in=cities).values("commune_id")
    ).order_by("name")


def commune_units(commune: Commune) -> set[int]:
    """The commune's communal city and every level above it."""
    unit_id = CommuneUnit.objects.filter(commune=commune).values_list("unit_id", flat=True).first()
    found: set[int] = set()
    while unit_id is not None and unit_id not in found:
        found.add(unit_id)
        unit_id = Unit.objects.filter(pk=unit_id).values_list("parent_id", flat=True).first()
    return found


def consultations_of_commune(actor: Actor) -> QuerySet[Consultation]:
    """The consultations the actor's commune must hold (or held), for its members."""
    commune = actor.commune
    if commune is None or not actor.is_member:
        return Consultation.objects.none()
    return Consultation.objects.filter(unit_id__in=commune_units(commune)).exclude(
        status=ConsultationStatus.DRAFT
    )


def consultation_for_commune(actor: Actor, consultation_id: int) -> Consultation:
    found = (
        consultations_of_commune(actor).select_related("unit").filter(pk=consultation_id).first()
    )
    if found is None:
        raise Http404(_("No such consultation."))
    return found


def holding_is_manageable(actor: Actor) -> bool:
    return actor.commune is not None and actor.is_admin


def holding_manage_require(actor: Actor) -> None:
    if not holding_is_manageable(actor):
        raise PermissionDenied(
            _("Only the commune's administrator records how its assembly held a consultation.")
        )


def holding_of(actor: Actor, consultation: Consultation) -> Holding | None:
    """The actor's commune's holding of ``consultation``, if it has one."""
    if actor.commune is None:
        return None
    return (
        Holding.objects.of(actor.commune)
        .select_related("meeting__organ")
        .filter(consultation=consultation)
        .first()
    )


def consultation_published(consultation_id: int) -> Consultation:
    """A published consultation, for anybody; any other answers 404."""
    found = (
        Consultation.objects.select_related("unit")
        .filter(pk=consultation_id, status=ConsultationStatus.PUBLISHED)
        .first()
    )
    if found is None:
        raise Http404(_("No such consultation."))
    return found


def consultations_published() -> QuerySet[Consultation]:
    return Consultation.objects.filter(status=ConsultationStatus.PUBLISHED).select_related("unit")
