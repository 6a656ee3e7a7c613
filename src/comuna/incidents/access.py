"""Who may do what with the incidents. Every view and API operation goes through here.

- a resident reports for their household and reads the incidents they reported;
- a council spokesperson reports for a household of their council and reads its incidents;
- the administrator triages, assigns and closes every incident, and keeps kinds and materials;
- a brigade member (their login on an active ``BrigadeMember`` of the assigned brigade) reads
  the brigade's incidents and records work and status on them;
- the comptroller reads everything and changes nothing;
- who reported: only the administrator, the council's spokesperson and the comptroller;
- anyone else, and the public: counts only (``/incidencias/publico/``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.brigades.models import Brigade
from comuna.brigades.selectors import brigades_of_login
from comuna.incidents.models import Incident, IncidentPhoto
from comuna.users.actors import Actor


def brigade_ids_of(actor: Actor) -> set[int]:
    """The working brigades in which the actor's login is an active member."""
    return set(brigades_of_login(actor).filter(active=True).values_list("pk", flat=True))


def incidents_are_reportable(actor: Actor) -> bool:
    return actor.is_admin or actor.is_spokesperson or actor.is_resident


def incidents_are_listed(actor: Actor) -> bool:
    """Whether the actor has a list of incidents to read (their own, at least)."""
    return incidents_are_reportable(actor) or actor.is_comptroller or bool(brigade_ids_of(actor))


def incidents_are_managed(actor: Actor) -> bool:
    """Triage, assignment, kinds and the store's materials."""
    return actor.is_admin


def incidents_readable(actor: Actor) -> QuerySet[Incident]:
    """The incidents of the actor's commune the actor may read."""
    if actor.commune is None or not actor.is_authenticated:
        return Incident.objects.none()
    everything = Incident.objects.of(actor.commune)
    if actor.is_admin or actor.is_comptroller:
        return everything
    reach = Q(pk__in=[])
    if actor.is_spokesperson:
        reach |= Q(council_id__in=actor.council_ids)
    if actor.login is not None:
        reach |= Q(reported_by=actor.login)
    brigades = brigade_ids_of(actor)
    if brigades:
        reach |= Q(brigade_id__in=brigades)
    return everything.filter(reach)


def incident_for_user(actor: Actor, pk: int) -> Incident:
    """An incident the actor may read; 404 for any other."""
    incident = (
        incidents_readable(actor)
        .filter(pk=pk)
        .select_related(
            "kind", "council", "sector", "brigade", "household", "reporter", "reported_by"
        )
        .first()
    )
    if incident is None:
        raise Http404(_("No such incident."))
    return incident


def reporter_is_visible(actor: Actor, incident: Incident) -> bool:
    """Who reported, only to the administrator, the council's spokesperson, the comptroller."""
    return (
        actor.is_admin
        or actor.is_comptroller
        or (actor.is_spokesperson and incident.council_id in actor.council_ids)
    )


def incident_works(actor: Actor, incident: Incident) -> bool:
    """Whether the actor records work and status on the incident: the administrator, or a
    member of the brigade it is assigned to."""
    return actor.is_admin or (
        incident.brigade_id is not None and incident.brigade_id in brigade_ids_of(actor)
    )


def incident_work_require(actor: Actor, incident: Incident) -> None:
    if not incident_works(actor, incident):
        raise PermissionDenied(_("Only the brigade assigned or the administrator does this."))


def incident_manage_require(actor: Actor) -> None:
    if not incidents_are_managed(actor):
        raise PermissionDenied(_("Only the administrator triages and assigns incidents."))


def incidents_manage_require(actor: Actor) -> None:
    """Pages of the administrator alone (kinds, materials): 404 to anyone else."""
    if not incidents_are_managed(actor):
        raise Http404(_("This page is not in your reach."))


def incident_report_require(actor: Actor) -> None:
    if not incidents_are_reportable(actor):
        raise Http404(_("Reporting incidents is for residents and spokespeople."))


def incidents_list_require(actor: Actor) -> None:
    if not incidents_are_listed(actor):
        raise Http404(_("The incidents are not in your reach."))


def photo_for_user(actor: Actor, incident_pk: int, pk: int) -> IncidentPhoto:
    """A photo of an incident the actor may read; 404 for any other."""
    incident = incident_for_user(actor, incident_pk)
    photo = IncidentPhoto.objects.of(incident.commune_id).filter(incident=incident, pk=pk).first()
    if photo is None:
        raise Http404(_("No such photo."))
    return photo


def brigades_for(actor: Actor) -> QuerySet[Brigade]:
    """The brigades an incident may be assigned to."""
    if actor.commune is None:
        return Brigade.objects.none()
    return Brigade.objects.of(actor.commune).filter(active=True)
