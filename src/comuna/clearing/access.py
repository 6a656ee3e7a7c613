"""Who may do what in the exchange between communes. Every view and API operation asks here.

- The federation (for now the installation's superuser, who stands for it until the
  federation has its own officers) defines the units of account and runs the clearings, and
  reads every agreement, obligation and run.
- A commune's administrator, treasurer and comptroller read the agreements and obligations of
  their commune's parties (the commune, its enterprises, its councils) and each run's lines
  and positions of those parties; a record with no party of their commune answers 404.
- The administrator and the treasurer record an agreement one of whose parties is of their
  commune, and an obligation whose debtor is of their commune (a debt is acknowledged by whoever
  owes it: no commune can put a debt in another's books).
- Anybody signed in reads the units of account (they are the federation's, public to all).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.clearing.models import ClearingRun, ExchangeAgreement, Obligation, Party, RunPosition
from comuna.users.actors import Actor


def is_federation(actor: Actor) -> bool:
    return bool(actor.user is not None and actor.user.is_superuser)


def exchange_is_readable(actor: Actor) -> bool:
    if not actor.is_authenticated:
        return False
    if is_federation(actor):
        return True
    return actor.commune is not None and (
        actor.is_admin or actor.is_treasurer or actor.is_comptroller
    )


def exchange_read_require(actor: Actor) -> None:
    if not exchange_is_readable(actor):
        raise Http404(_("The exchange between communes is not in your reach."))


def obligations_are_recordable(actor: Actor) -> bool:
    if not actor.is_authenticated:
        return False
    return is_federation(actor) or (
        actor.commune is not None and (actor.is_admin or actor.is_treasurer)
    )


def obligations_record_require(actor: Actor) -> None:
    if not obligations_are_recordable(actor):
        raise PermissionDenied(
            _("Only the administrator or the treasurer records agreements and obligations.")
        )


def federation_require(actor: Actor) -> None:
    if not is_federation(actor):
        raise PermissionDenied(_("Only the federation (the installation's superuser) does this."))


def parties_own(actor: Actor) -> QuerySet[Party]:
    """The parties the actor records for: its commune's (all, for the federation)."""
    if is_federation(actor):
        return Party.objects.all_communes()
    if actor.commune is None:
        return Party.objects.none()
    return Party.objects.of(actor.commune)


def agreements_readable(actor: Actor) -> QuerySet[ExchangeAgreement]:
    if not exchange_is_readable(actor):
        return ExchangeAgreement.objects.none()
    if is_federation(actor):
        return ExchangeAgreement.objects.all()
    c = actor.commune
    return ExchangeAgreement.objects.filter(Q(first__commune=c) | Q(second__commune=c))


def obligations_readable(actor: Actor) -> QuerySet[Obligation]:
    if not exchange_is_readable(actor):
        return Obligation.objects.none()
    if is_federation(actor):
        return Obligation.objects.all()
    c = actor.commune
    return Obligation.objects.filter(Q(debtor__commune=c) | Q(creditor__commune=c))


def runs_readable(actor: Actor) -> QuerySet[ClearingRun]:
    if not exchange_is_readable(actor):
        return ClearingRun.objects.none()
    if is_federation(actor):
        return ClearingRun.objects.all()
    ids = RunPosition.objects.of(actor.commune).values("run_id")
    return ClearingRun.objects.filter(pk__in=ids)


def positions_readable(actor: Actor, run: ClearingRun) -> QuerySet[RunPosition]:
    if is_federation(actor):
        return RunPosition.objects.all_communes().filter(run=run)
    return RunPosition.objects.of(actor.commune).filter(run=run)


def agreement_for(actor: Actor, pk: int) -> ExchangeAgreement:
    found = agreements_readable(actor).filter(pk=pk).first()
    if found is None:
        raise Http404(_("There is no such agreement in your reach."))
    return found


def obligation_for(actor: Actor, pk: int) -> Obligation:
    found = obligations_readable(actor).filter(pk=pk).first()
    if found is None:
        raise Http404(_("There is no such obligation in your reach."))
    return found


def run_for(actor: Actor, pk: int) -> ClearingRun:
    found = runs_readable(actor).filter(pk=pk).first()
    if found is None:
        raise Http404(_("There is no such clearing run in your reach."))
    return found
