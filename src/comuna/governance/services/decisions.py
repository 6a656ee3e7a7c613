"""Decisions: written when a proposal carries, carried out at once by the effect registered
for their kind (``comuna.core.decisions``), then followed up until done."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from comuna.core import decisions as effects
from comuna.core.language import records_language
from comuna.core.refusals import Refusal
from comuna.governance import locks
from comuna.governance.models import (
    Decision,
    DecisionSpending,
    DecisionStatus,
    DecisionUpdate,
    Proposal,
)
from comuna.governance.services.base import _check_text, _today
from comuna.users.models import User


def _decide(proposal: Proposal, by: User | None) -> Decision:
    day = proposal.meeting.date
    decision = Decision.objects.create(
        proposal=proposal,
        title=proposal.title,
        kind=proposal.kind,
        decided_on=day,
        responsible_organ=proposal.responsible_organ,
        due_date=proposal.due_date,
        status=DecisionStatus.PENDING,
        status_on=day,
        statement_label=proposal.statement_label,
        ledger_head=proposal.ledger_head,
        ledger_entry_count=proposal.ledger_entry_count,
    )
    with records_language():
        note = _("Decided by %(organ)s.") % {"organ": proposal.meeting.organ.name}
    DecisionUpdate.objects.create(
        decision=decision,
        status=DecisionStatus.PENDING,
        note=note,
        on=day,
        recorded_by=by,
    )
    return decision


def _mark_done(decision: Decision, note: str | Promise, by: User | None) -> None:
    with records_language():
        note = str(note)
    decision.status, decision.status_on = DecisionStatus.DONE, decision.decided_on
    decision.save(update_fields=["status", "status_on"])
    DecisionUpdate.objects.create(
        decision=decision, status=DecisionStatus.DONE, note=note, on=decision.decided_on,
        recorded_by=by,
    )  # fmt: skip


def _carry_out(proposal: Proposal, decision: Decision, by: User | None) -> None:
    """What a carried proposal changes at once, done by the effect registered for its kind
    (a seat's holder, a petition, the books). A kind without one, or an effect that had
    nothing to do, leaves the decision pending for its follow-up."""
    effect = effects.effect_for(proposal.kind)
    note = effect(proposal=proposal, decision=decision, by=by) if effect is not None else None
    if note is not None:
        _mark_done(decision, note, by)


@transaction.atomic
def decision_update_status(
    *, decision: Decision, status: DecisionStatus, note: str, on: dt.date, by: User | None
) -> DecisionUpdate:
    """A step in the follow-up: the decision's new status, what happened, and when."""
    decision = locks.decision_lock(decision)
    status = DecisionStatus(status)
    if on > _today():
        raise Refusal(_("The date is in the future."), field="on")
    if on < decision.decided_on:
        raise Refusal(_("The date is before the decision was taken."), field="on")
    note = " ".join(note.split())
    if status == decision.status and not note:
        raise Refusal(_("Say what happened, or choose a new status."), field="note")
    if status in (DecisionStatus.BLOCKED, DecisionStatus.CANCELLED) and not note:
        raise Refusal(_("Say why."), field="note")
    decision.status, decision.status_on = status, on
    decision.save(update_fields=["status", "status_on"])
    return DecisionUpdate.objects.create(
        decision=decision, status=status, note=note[:500], on=on, recorded_by=by
    )


@transaction.atomic
def decision_spending_link(
    *,
    decision: Decision,
    entry_reference: str,
    description: str,
    amount: Decimal,
    unit: str,
    spent_on: dt.date,
    by: User | None,
) -> DecisionSpending:
    """Link a ledger entry to the decision it was spent on. An entry is linked once."""
    reference = _check_text(entry_reference, "entry_reference", _("Name the ledger entry."))
    description = _check_text(description, "description", _("Say what was spent on."))
    unit = _check_text(unit, "unit", _("Say the currency or unit."))
    if amount <= 0:
        raise Refusal(_("The amount must be more than zero."), field="amount")
    if spent_on > _today():
        raise Refusal(_("The date is in the future."), field="spent_on")
    try:
        with transaction.atomic():
            return DecisionSpending.objects.create(
                decision=decision,
                entry_reference=reference[:64],
                description=description[:200],
                amount=amount,
                unit=unit[:12],
                spent_on=spent_on,
                recorded_by=by,
            )
    except IntegrityError:
        raise Refusal(
            _("The ledger entry %(entry)s is already linked to this decision.")
            % {"entry": reference},
            field="entry_reference",
        ) from None
