"""Every change to a popular consultation: one function each, in one transaction.

The federation's (run on its server by its officers): ``consultation_create``, ``_open``,
``_close``, ``_publish``. The commune's (run on its own machine by its administrator):
``holding_start`` (the consultation goes on the agenda of a meeting of the citizens'
assembly), ``holding_record`` (the votes), ``holding_close`` (the result, with the
fingerprint of the closed meeting's minutes). Refusals say why and change nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.consultations import access, locks
from comuna.consultations.acta import acta_head, acta_record
from comuna.consultations.funding import Project, funded_projects
from comuna.consultations.models import (
    Consultation,
    ConsultationKind,
    ConsultationStatus,
    Holding,
    HoldingCount,
    HoldingStatus,
    Option,
    PublishedCount,
    PublishedResult,
)
from comuna.core.language import as_recorded
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.federation.models import Unit
from comuna.governance import locks as governance_locks
from comuna.governance import selectors as governance_selectors
from comuna.governance.models import Meeting, MeetingStatus, OrganKind
from comuna.governance.services import agenda_item_add, no_quorum_message
from comuna.users.models import User

MAX_OPTIONS = 50
YES = gettext_lazy("Yes")
NO = gettext_lazy("No")


# The federation ---------------------------------------------------------------------------


@transaction.atomic
def consultation_create(
    *,
    unit: Unit,
    kind: str,
    title: str,
    question: str = "",
    opens_on: dt.date,
    closes_on: dt.date,
    budget: Decimal | None = None,
    options: Sequence[tuple[str, Decimal | None]] = (),
    by: User | None,
) -> Consultation:
    """A draft consultation for ``unit``. A question with no options listed is answered yes
    or no; a list of projects needs a budget and a cost for each project."""
    title = " ".join(title.split())
    if not title:
        raise Refusal(_("Give the consultation a title."), field="title")
    if closes_on < opens_on:
        raise Refusal(
            _("The consultation must close on or after the day it opens."), field="closes_on"
        )
    kind = ConsultationKind(kind)
    cleaned = [(" ".join(label.split())[:200], cost) for label, cost in options]
    cleaned = [(label, cost) for label, cost in cleaned if label]
    if kind == ConsultationKind.PROJECTS:
        if budget is None or budget <= 0:
            raise Refusal(_("A list of projects needs a budget above zero."), field="budget")
        if not cleaned:
            raise Refusal(
                _("List the projects, one per line, each with its cost."), field="options"
            )
        for label, cost in cleaned:
            if cost is None or cost <= 0:
                raise Refusal(
                    _("The project %(project)s needs a cost above zero.") % {"project": label},
                    field="options",
                )
    else:
        budget = None
        if any(cost is not None for _label, cost in cleaned):
            raise Refusal(_("The answers of a question have no cost."), field="options")
        cleaned = cleaned or [(as_recorded(YES), None), (as_recorded(NO), None)]
    if len(cleaned) < 2:
        raise Refusal(_("A consultation needs at least two options."), field="options")
    if len(cleaned) > MAX_OPTIONS:
        raise Refusal(
            _("A consultation has at most %(most)s options.") % {"most": MAX_OPTIONS},
            field="options",
        )
    labels = [label for label, _cost in cleaned]
    if len(set(labels)) != len(labels):
        raise Refusal(_("Each option must be different."), field="options")
    consultation = Consultation.objects.create(
        unit=unit,
        kind=kind,
        title=title,
        question=question.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        budget=budget,
    )
    Option.objects.bulk_create(
        Option(consultation=consultation, position=n, label=label, cost=cost)
        for n, (label, cost) in enumerate(cleaned, start=1)
    )
    return consultation


def _check_status(consultation: Consultation, status: ConsultationStatus, message: str) -> None:
    if consultation.status != status:
        raise Refusal(message)


@transaction.atomic
def consultation_open(*, consultation: Consultation, by: User | None) -> Consultation:
    """From now on every commune below its level sees it and may hold it."""
    consultation = locks.consultation_lock(consultation)
    _check_status(consultation, ConsultationStatus.DRAFT, _("Only a draft can be opened."))
    consultation.status = ConsultationStatus.OPEN
    consultation.opened_at = timezone.now()
    consultation.save(update_fields=["status", "opened_at"])
    return consultation


@transaction.atomic
def consultation_close(*, consultation: Consultation, by: User | None) -> Consultation:
    """No commune may start holding it any more; the results already recorded are counted."""
    consultation = locks.consultation_lock(consultation)
    _check_status(
        consultation, ConsultationStatus.OPEN, _("Only an open consultation can be closed.")
    )
    consultation.status = ConsultationStatus.CLOSED
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["status", "closed_at"])
    return consultation


def results_arrived(consultation: Consultation) -> list[Holding]:
    """The communes' closed results that count: of communes below the consultation's level,
    held in an assembly between its first and last day (as the sync brought them here)."""
    communes = access.communes_below(consultation.unit)
    return list(
        Holding.objects.all_communes()
        .filter(
            consultation=consultation,
            status=HoldingStatus.CLOSED,
            commune__in=communes,
            meeting__date__gte=consultation.opens_on,
            meeting__date__lte=consultation.closes_on,
        )
        .select_related("commune", "meeting")
        .prefetch_related("counts")
        .order_by("commune__name")
    )


@transaction.atomic
def consultation_publish(*, consultation: Consultation, by: User | None) -> Consultation:
    """Publish each commune's result with its fingerprint, the totals and, for a list of
    projects, those funded (``comuna.consultations.funding``). Published once, for good."""
    consultation = locks.consultation_lock(consultation)
    _check_status(
        consultation, ConsultationStatus.CLOSED, _("Close the consultation before publishing it.")
    )
    options = list(consultation.options.order_by("position"))
    totals = {option.pk: 0 for option in options}
    for holding in results_arrived(consultation):
        result = PublishedResult.objects.create(
            consultation=consultation,
            commune_uuid=holding.commune.uuid,
            commune_code=holding.commune.code,
            commune_name=holding.commune.name,
            held_on=holding.meeting.date,
            electorate=holding.meeting.quorum_base or 0,
            present=holding.present or 0,
            blank=holding.blank,
            acta_head=holding.acta_head,
        )
        counts = {count.option_id: count.votes for count in holding.counts.all()}
        PublishedCount.objects.bulk_create(
            PublishedCount(result=result, option=option, votes=counts.get(option.pk, 0))
            for option in options
        )
        for option_id, votes in counts.items():
            if option_id in totals:
                totals[option_id] += votes
    funded: set[object] = set()
    if consultation.is_projects and consultation.budget is not None:
        projects = [
            Project(key=o.pk, position=o.position, cost=o.cost or Decimal(0), votes=totals[o.pk])
            for o in options
        ]
        funded = set(funded_projects(projects, consultation.budget))
    for option in options:
        option.votes = totals[option.pk]
        option.funded = (option.pk in funded) if consultation.is_projects else None
    Option.objects.bulk_update(options, ["votes", "funded"])
    consultation.status = ConsultationStatus.PUBLISHED
    consultation.published_at = timezone.now()
    consultation.save(update_fields=["status", "published_at"])
    return consultation


# The commune ------------------------------------------------------------------------------


def _check_open(consultation: Consultation) -> None:
    if consultation.status != ConsultationStatus.OPEN:
        raise Refusal(_("This consultation is not open: its assemblies can no longer be held."))


def _check_for_commune(consultation: Consultation, commune: Commune) -> None:
    if consultation.unit_id not in access.commune_units(commune):
        raise Refusal(_("This consultation is not for your commune."), status=404)


@transaction.atomic
def holding_start(
    *, commune: Commune, consultation: Consultation, meeting: Meeting, by: User | None
) -> Holding:
    """The consultation goes on the agenda of ``meeting``, a meeting of the commune's
    citizens' assembly within the consultation's dates. Doing it twice with the same meeting
    changes nothing."""
    _check_for_commune(consultation, commune)
    meeting = governance_locks.meeting_lock(meeting)
    if meeting.commune_id != commune.pk:
        raise Refusal(_("No such meeting."), field="meeting", status=404)
    existing = Holding.objects.of(commune).filter(consultation=consultation).first()
    if existing is not None:
        if existing.meeting_id == meeting.pk:
            return existing
        raise Refusal(
            _("Your commune already holds this consultation in the meeting of %(date)s.")
            % {"date": existing.meeting.date.isoformat()},
            field="meeting",
        )
    _check_open(consultation)
    organ = meeting.organ
    if organ.kind != OrganKind.ASSEMBLY or organ.council_id is not None:
        raise Refusal(
            _("A consultation is held in the citizens' assembly of the whole commune."),
            field="meeting",
        )
    if meeting.status == MeetingStatus.CLOSED:
        raise Refusal(
            _("This meeting is closed: choose one that has not been held yet."), field="meeting"
        )
    if not consultation.opens_on <= meeting.date <= consultation.closes_on:
        raise Refusal(
            _("The assembly must meet between %(first)s and %(last)s.")
            % {
                "first": consultation.opens_on.isoformat(),
                "last": consultation.closes_on.isoformat(),
            },
            field="meeting",
        )
    try:
        with transaction.atomic():
            holding = Holding.objects.create(
                commune=commune, consultation=consultation, meeting=meeting, recorded_by=by
            )
    except IntegrityError:
        raise Refusal(_("Your commune already holds this consultation."), field="meeting") from None
    title = as_recorded(gettext_lazy("Popular consultation: %(title)s"), title=consultation.title)
    agenda_item_add(meeting=meeting, title=title, by=by)
    return holding


@transaction.atomic
def holding_record(
    *, holding: Holding, counts: Mapping[int, int], blank: int = 0, by: User | None
) -> Holding:
    """The votes of the assembly, option by option (``counts``: option id → votes), while the
    meeting is in session with its quorum. Recording again replaces the count: the same
    numbers sent twice record them once."""
    meeting = governance_locks.meeting_lock(holding.meeting)
    holding = locks.holding_lock(holding)
    if holding.status != HoldingStatus.RECORDING:
        raise Refusal(_("This result is closed: its votes can no longer change."))
    _check_open(holding.consultation)
    if meeting.status != MeetingStatus.OPEN:
        raise Refusal(_("The assembly's meeting must be in session to record its votes."))
    quorum = governance_selectors.meeting_quorum(meeting)
    if not quorum.reached:
        raise Refusal(no_quorum_message(quorum, meeting))
    options = list(holding.consultation.options.order_by("position"))
    if set(counts) - {o.pk for o in options}:
        raise Refusal(_("An option of another consultation was sent."))
    values = {o.pk: counts.get(o.pk, 0) for o in options}
    if any(v < 0 for v in values.values()) or blank < 0:
        raise Refusal(_("Votes cannot be negative."))
    total = sum(values.values()) + blank
    if total > quorum.present:
        raise Refusal(
            _("%(votes)s votes, but only %(present)s present to vote.")
            % {"votes": total, "present": quorum.present}
        )
    for option in options:
        HoldingCount.objects.update_or_create(
            holding=holding, option=option, defaults={"votes": values[option.pk]}
        )
    holding.present = quorum.present
    holding.votes_cast = sum(values.values())
    holding.blank = blank
    holding.recorded_at = timezone.now()
    holding.recorded_by = by
    holding.save(update_fields=["present", "votes_cast", "blank", "recorded_at", "recorded_by"])
    return holding


@transaction.atomic
def holding_close(*, holding: Holding, by: User | None) -> Holding:
    """Close the commune's result once the assembly's meeting is closed with its quorum:
    the fingerprint of its minutes (``comuna.consultations.acta``) is stored with it, and
    the sync carries both to the federation."""
    meeting = governance_locks.meeting_lock(holding.meeting)
    holding = locks.holding_lock(holding)
    if holding.status == HoldingStatus.CLOSED:
        return holding
    if holding.consultation.status == ConsultationStatus.PUBLISHED:
        raise Refusal(_("This consultation is already published."))
    if holding.present is None:
        raise Refusal(_("Record the assembly's votes first."))
    if meeting.status != MeetingStatus.CLOSED:
        raise Refusal(
            _("Close the assembly's meeting first: the fingerprint is taken of its closed minutes.")
        )
    if not meeting.quorum_reached_at_close:
        raise Refusal(_("The assembly closed without its quorum: its result cannot count."))
    counts = {
        str(c.option.uuid): c.votes
        for c in HoldingCount.objects.of(holding.commune_id)
        .filter(holding=holding)
        .select_related("option")
    }
    holding.acta_head = acta_head(acta_record(meeting, holding.consultation, counts, holding.blank))
    holding.status = HoldingStatus.CLOSED
    holding.closed_at = timezone.now()
    holding.save(update_fields=["acta_head", "status", "closed_at"])
    return holding
