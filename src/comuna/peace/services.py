"""The writes of peace and mediation, each one named, in one transaction, with its checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from comuna.brigades.models import Brigade, BrigadeKind, BrigadeMember
from comuna.census.models import Person, Sector
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.peace.models import (
    Agreement,
    CaseParty,
    CaseRead,
    CaseStatus,
    FollowUp,
    MediationCase,
    MediationSession,
    Mediator,
    ReportCategory,
    Round,
    RoundReport,
)
from comuna.users.models import User


def round_record(
    *,
    brigade: Brigade,
    date: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    sector: Sector | None,
    route: str,
    members: Sequence[BrigadeMember],
    notes: str,
    by: User | None,
    reports: Sequence[tuple[str, Sector | None, str]] = (),
) -> Round:
    """Record a round of a security brigade, with what was seen on it (category, sector, what)."""
    if brigade.kind != BrigadeKind.SECURITY:
        raise Refusal(_("Rounds are walked by a security brigade."), field="brigade")
    if ends_at <= starts_at and ends_at != dt.time(0, 0):
        raise Refusal(_("A round ends after it starts."), field="ends_at")
    if sector is not None and sector.commune_id != brigade.commune_id:
        raise Refusal(_("No such sector."), field="sector")
    if any(m.brigade_id != brigade.pk or m.left_on is not None for m in members):
        raise Refusal(_("Those who went must be members of the brigade."), field="members")
    with transaction.atomic():
        walked = Round.objects.create(
            brigade=brigade,
            date=date,
            starts_at=starts_at,
            ends_at=ends_at,
            sector=sector,
            route=route,
            notes=notes,
            recorded_by=by,
        )
        walked.members.set(members)
        for category, report_sector, what in reports:
            round_report_add(round=walked, category=category, sector=report_sector, what=what)
    return walked


def round_report_add(
    *, round: Round, category: str, sector: Sector | None, what: str
) -> RoundReport:
    """Add what was seen on a round."""
    if category not in ReportCategory.values:
        raise Refusal(_("Choose a category."), field="category")
    if not what.strip():
        raise Refusal(_("Say what happened."), field="what")
    if sector is not None and sector.commune_id != round.commune_id:
        raise Refusal(_("No such sector."), field="sector")
    return RoundReport.objects.create(
        round=round, category=category, sector=sector or round.sector, what=what.strip()
    )


def mediator_save(
    *, commune: Commune, person: Person, login: User | None, active: bool = True
) -> Mediator:
    """Make a person of the census a peace mediator (or change their login or activity)."""
    if person.commune_id != commune.pk:
        raise Refusal(_("No such person."), field="person")
    with transaction.atomic():
        mediator, _created = Mediator.objects.of(commune).get_or_create(
            person=person, defaults={"commune": commune, "login": login, "active": active}
        )
        if not _created:
            mediator.login = login
            mediator.active = active
            mediator.save(update_fields=["login", "active"])
    return mediator


def case_open(
    *,
    commune: Commune,
    kind: str,
    opened_on: dt.date,
    mediators: Sequence[Mediator],
    by: User | None,
    summary: str = "",
    persons: Sequence[Person] = (),
    outsiders: Sequence[str] = (),
) -> MediationCase:
    """Open a case numbered in its commune, with the mediators assigned to it.

    The commune's row is locked while the next number is taken, so two cases opened at the
    same moment never share one (the unique constraint holds it besides).
    """
    if not mediators:
        raise Refusal(_("Assign at least one mediator."), field="mediators")
    if any(m.commune_id != commune.pk or not m.active for m in mediators):
        raise Refusal(_("Only active mediators of the commune are assigned."), field="mediators")
    if any(p.commune_id != commune.pk for p in persons):
        raise Refusal(_("No such person."), field="parties")
    with transaction.atomic():
        Commune.objects.select_for_update().filter(pk=commune.pk).first()
        last = MediationCase.objects.of(commune).aggregate(last=Max("number"))["last"] or 0
        case = MediationCase.objects.create(
            commune=commune,
            number=last + 1,
            kind=kind,
            opened_on=opened_on,
            summary=summary,
            opened_by=by,
        )
        case.mediators.set(mediators)
        CaseParty.objects.bulk_create(
            [CaseParty(case=case, person=p) for p in dict.fromkeys(persons)]
            + [CaseParty(case=case, name=n.strip()) for n in outsiders if n.strip()]
        )
    return case


def _case_lock(case: MediationCase) -> MediationCase:
    return MediationCase.objects.of(case.commune_id).select_for_update().get(pk=case.pk)


def session_record(
    *, case: MediationCase, date: dt.date, attended: str, notes: str
) -> MediationSession:
    """A session of the case's mediators with the parties."""
    if date < case.opened_on:
        raise Refusal(_("A session cannot come before the case was opened."), field="date")
    with transaction.atomic():
        locked = _case_lock(case)
        if locked.status != CaseStatus.OPEN:
            raise Refusal(_("The case is closed."))
        return MediationSession.objects.create(
            case=locked, date=date, attended=attended, notes=notes
        )


def agreement_record(*, case: MediationCase, agreed_on: dt.date, terms: str) -> Agreement:
    """The parties' agreement: the case closes with an agreement."""
    if agreed_on < case.opened_on:
        raise Refusal(_("An agreement cannot come before the case was opened."), field="agreed_on")
    if not terms.strip():
        raise Refusal(_("Write the terms agreed."), field="terms")
    with transaction.atomic():
        locked = _case_lock(case)
        if (
            locked.status != CaseStatus.OPEN
            or Agreement.objects.of(locked.commune_id).filter(case=locked).exists()
        ):
            raise Refusal(_("The case already has an outcome."), code="already_done", status=409)
        agreement = Agreement.objects.create(case=locked, agreed_on=agreed_on, terms=terms)
        locked.status = CaseStatus.AGREEMENT
        locked.closed_on = agreed_on
        locked.save(update_fields=["status", "closed_on"])
    return agreement


def case_close(*, case: MediationCase, status: str, closed_on: dt.date) -> MediationCase:
    """Close a case without an agreement: no agreement, withdrawn or referred."""
    if status not in (CaseStatus.NO_AGREEMENT, CaseStatus.WITHDRAWN, CaseStatus.REFERRED):
        raise Refusal(_("Choose how the case ends."), field="status")
    if closed_on < case.opened_on:
        raise Refusal(_("A case cannot close before it was opened."), field="closed_on")
    with transaction.atomic():
        locked = _case_lock(case)
        if locked.status != CaseStatus.OPEN:
            raise Refusal(_("The case already has an outcome."), code="already_done", status=409)
        locked.status = status
        locked.closed_on = closed_on
        locked.save(update_fields=["status", "closed_on"])
    return locked


def followup_record(*, case: MediationCase, date: dt.date, kept: bool, notes: str) -> FollowUp:
    """A later look at whether the agreement holds."""
    agreement = Agreement.objects.of(case.commune_id).filter(case=case).first()
    if agreement is None:
        raise Refusal(_("Only an agreement is followed up."))
    if date < agreement.agreed_on:
        raise Refusal(_("A follow-up comes after the agreement."), field="date")
    return FollowUp.objects.create(case=case, date=date, kept=kept, notes=notes)


def case_read_log(*, case: MediationCase, user: User | None, what: str) -> CaseRead:
    """Keep that ``user`` read ``what`` of the case (its page, its agreement, the API)."""
    return CaseRead.objects.create(case=case, user=user, what=what)
