"""Who may do what with the co-managed enterprises. Every view and API operation asks here.

- In the **host** commune (whose books keep the enterprise): the administrator, the treasurer
  and the enterprise managers read everything of the enterprise and record its periods; the
  administrator and the treasurer apply the rule (it posts to several communes' books); the
  administrator registers enterprises, adds communes, seats and stages; the comptroller reads
  everything, to audit it.
- In a **served** commune: the administrator, the treasurer and the comptroller read the
  enterprise's registry, board, results and plan, and the report of **their own** commune
  (what it received); never another served commune's report.
- Anyone else, and every other commune: 404. The public page shows aggregates only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.comanaged.models import Comanaged, ServedCommune
from comuna.core.models import Commune
from comuna.users.actors import Actor


def host_reads(actor: Actor) -> bool:
    return (
        actor.is_admin or actor.is_treasurer or actor.is_enterprise_manager or actor.is_comptroller
    )


def served_reads(actor: Actor) -> bool:
    return actor.is_admin or actor.is_treasurer or actor.is_comptroller


def results_are_recorded(actor: Actor) -> bool:
    return actor.is_admin or actor.is_treasurer or actor.is_enterprise_manager


def rule_is_applied(actor: Actor) -> bool:
    return actor.is_admin or actor.is_treasurer


def comanaged_are_registered(actor: Actor) -> bool:
    return actor.is_admin


def comanaged_are_listed(actor: Actor) -> bool:
    return (
        actor.is_authenticated
        and actor.commune is not None
        and (host_reads(actor) or served_reads(actor))
    )


@dataclass(frozen=True)
class Reach:
    """An enterprise as the actor reaches it: as its host, or as a commune it serves."""

    comanaged: Comanaged
    host: bool
    actor: Actor

    @property
    def manage(self) -> bool:
        return self.host and comanaged_are_registered(self.actor)

    @property
    def record(self) -> bool:
        return self.host and results_are_recorded(self.actor)

    @property
    def apply(self) -> bool:
        return self.host and rule_is_applied(self.actor)

    def report_communes(self) -> list[Commune]:
        """The served communes whose report the actor reads: all for the host, else its own."""
        rows = ServedCommune.objects.of(self.comanaged.commune_id).filter(comanaged=self.comanaged)
        if not self.host:
            rows = rows.filter(served=self.actor.commune)
        return [row.served for row in rows.select_related("served")]


def comanaged_reachable(actor: Actor) -> list[Reach]:
    """Every enterprise the actor reads: hosted by its commune, or serving it."""
    commune = actor.commune
    if commune is None or not actor.is_authenticated:
        return []
    found: list[Reach] = []
    if host_reads(actor):
        hosted = Comanaged.objects.of(commune).select_related("enterprise")
        found += [Reach(c, True, actor) for c in hosted]
    if served_reads(actor):
        # The one query across communes, on purpose: the rows of the enterprises (of their
        # hosts) that serve the actor's commune.
        rows = (
            ServedCommune.objects.all_communes()
            .filter(served=commune)
            .exclude(commune=commune)
            .select_related("comanaged__enterprise")
        )
        found += [Reach(r.comanaged, False, actor) for r in rows]
    return sorted(found, key=lambda reach: reach.comanaged.name)


def comanaged_for_user(
    actor: Actor, pk: int, *, manage: bool = False, record: bool = False, apply: bool = False
) -> Reach:
    """An enterprise the actor reaches (else 404), and may manage, record or apply (else 403)."""
    reach = next((r for r in comanaged_reachable(actor) if r.comanaged.pk == pk), None)
    if reach is None:
        raise Http404(_("No such co-managed enterprise in your reach."))
    if manage and not reach.manage:
        raise PermissionDenied(_("Only the host commune's administrator does this."))
    if record and not reach.record:
        raise PermissionDenied(
            _("Only the host commune's administrator, treasurer and enterprise managers do this.")
        )
    if apply and not reach.apply:
        raise PermissionDenied(_("Only the host commune's administrator and treasurer do this."))
    return reach


def report_for_user(actor: Actor, pk: int, commune_id: int) -> tuple[Reach, Commune]:
    """A served commune's report: the host's readers read every one, a served commune's
    readers their own only (another's answers 404)."""
    reach = comanaged_for_user(actor, pk)
    commune = next((c for c in reach.report_communes() if c.pk == commune_id), None)
    if commune is None:
        raise Http404(_("No such report in your reach."))
    return reach, commune


def require_registered(actor: Actor) -> None:
    if not comanaged_are_registered(actor):
        raise PermissionDenied(_("Only the administrator registers co-managed enterprises."))
