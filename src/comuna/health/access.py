"""Who may do what of the health work. Every view and API operation goes through here.

- the health committee (Role HEALTH_COMMITTEE) keeps the clinic days, the stock, the issues,
  the counts and the help cases, and alone reads anything that names a patient;
- the administrator and the comptroller read counts: the stock by item, issues per month, the
  counts and discrepancies with the movements behind them, never a patient's name; the
  comptroller closes discrepancies; the administrator pays help cases from the emergency fund
  (it reads their amount and what is needed, not who);
- anyone: the public page's counts.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.health.models import (
    Appointment,
    Batch,
    ClinicDay,
    Discrepancy,
    Dispensation,
    HelpCase,
    StockCount,
)
from comuna.users.actors import Actor
from comuna.users.models import Role


def health_is_committee(actor: Actor) -> bool:
    """The health committee: records and reads the patients' data."""
    return actor.has(Role.HEALTH_COMMITTEE)


def stock_is_readable(actor: Actor) -> bool:
    """The stock, the counts and the discrepancies, without patients' names."""
    return health_is_committee(actor) or actor.is_admin or actor.is_comptroller


def discrepancy_is_closable(actor: Actor) -> bool:
    return actor.is_comptroller


def helpcase_is_payable(actor: Actor) -> bool:
    return actor.is_admin


def stock_read_require(actor: Actor) -> None:
    if not stock_is_readable(actor):
        raise Http404(_("The health records are not in your reach."))


def committee_require(actor: Actor) -> None:
    stock_read_require(actor)
    if not health_is_committee(actor):
        raise PermissionDenied(_("Only the health committee does this."))


def helpcases_read_require(actor: Actor) -> None:
    stock_read_require(actor)
    if not (health_is_committee(actor) or helpcase_is_payable(actor)):
        raise PermissionDenied(_("Only the health committee reads the help cases."))


def _commune_id(actor: Actor) -> int:
    if actor.commune is None:
        raise Http404(_("No such record."))
    return actor.commune.pk


def batch_for_user(actor: Actor, pk: int) -> Batch:
    stock_read_require(actor)
    found = Batch.objects.of(_commune_id(actor)).filter(pk=pk).select_related("item").first()
    if found is None:
        raise Http404(_("No such batch."))
    return found


def dispensation_for_witness(actor: Actor, pk: int) -> Dispensation:
    """An issue of the actor's commune, to confirm (the committee only)."""
    stock_read_require(actor)
    found = (
        Dispensation.objects.of(_commune_id(actor))
        .filter(pk=pk)
        .select_related("batch__item")
        .first()
    )
    if found is None:
        raise Http404(_("No such issue."))
    committee_require(actor)  # after the lookup: another commune's record is not found
    return found


def count_for_witness(actor: Actor, pk: int) -> StockCount:
    stock_read_require(actor)
    found = (
        StockCount.objects.of(_commune_id(actor))
        .filter(pk=pk)
        .select_related("batch__item")
        .first()
    )
    if found is None:
        raise Http404(_("No such count."))
    committee_require(actor)  # after the lookup: another commune's record is not found
    return found


def discrepancy_for_user(actor: Actor, pk: int) -> Discrepancy:
    stock_read_require(actor)
    found = (
        Discrepancy.objects.of(_commune_id(actor))
        .filter(pk=pk)
        .select_related("count__batch__item", "count__issuer", "count__witness", "closed_by")
        .first()
    )
    if found is None:
        raise Http404(_("No such discrepancy."))
    return found


def helpcase_for_user(actor: Actor, pk: int) -> HelpCase:
    stock_read_require(actor)
    found = HelpCase.objects.of(_commune_id(actor)).filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such help case."))
    helpcases_read_require(actor)
    return found


def clinicday_for_user(actor: Actor, pk: int) -> ClinicDay:
    """A clinic day with its appointments: the committee's alone."""
    stock_read_require(actor)
    found = ClinicDay.objects.of(_commune_id(actor)).filter(pk=pk).select_related("clinic").first()
    if found is None:
        raise Http404(_("No such clinic day."))
    committee_require(actor)  # after the lookup: another commune's record is not found
    return found


def appointment_for_user(actor: Actor, pk: int) -> Appointment:
    stock_read_require(actor)
    found = Appointment.objects.of(_commune_id(actor)).filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such appointment."))
    committee_require(actor)  # after the lookup: another commune's record is not found
    return found
