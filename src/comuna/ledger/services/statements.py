"""Statements: closing a period of the books, and recording the meeting that approved it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.ledger import locks, models
from comuna.ledger.errors import bad_entry_describe
from comuna.ledger.services.posting import posting_lock
from comuna.users.models import User


def statement_close(
    *,
    commune: Commune,
    start: dt.date,
    end: dt.date,
    label: str = "",
    by: User | None = None,
) -> models.Statement:
    """Close a period: snapshot its figures with the chain's head and entry count.

    Refused when the period is back to front, overlaps a closed one, or the books do not
    verify (a statement must never commit to a tampered chain).
    """
    from comuna.ledger.selectors import period_totals

    if end < start:
        raise Refusal(_("The period ends before it starts."), code="dates", field="end")
    label = label.strip() or _("%(start)s to %(end)s") % {
        "start": start.isoformat(),
        "end": end.isoformat(),
    }
    with posting_lock(commune) as ledger:
        overlap = models.Statement.objects.of(commune).filter(start__lte=end, end__gte=start)
        if overlap.exists():
            raise Refusal(
                _("That period overlaps a closed statement (%(label)s).")
                % {"label": overlap.first()},
                code="overlap",
            )
        check = ledger.verify()
        if not check.ok:
            raise Refusal(
                _("The books do not verify (%(detail)s): nothing can be closed.")
                % {"detail": bad_entry_describe(check.first_bad) if check.first_bad else ""},
                code="tampered",
            )
        return models.Statement.objects.create(
            commune=commune,
            label=label[:120],
            start=start,
            end=end,
            closed_at=timezone.now(),
            closed_by=by,
            head=check.head,
            entry_count=check.count,
            totals=period_totals(commune, start=start, end=end),
        )


@transaction.atomic
def statement_approve(
    *,
    statement: models.Statement,
    approved_on: dt.date,
    meeting_reference: str,
    meeting_id: int | None = None,
    by: str = "",
) -> models.Statement:
    """Record that the assembly (or parliament) approved the statement, and at which meeting."""
    locked = locks.statement_lock(statement)
    if locked.is_approved:
        raise Refusal(
            _("This statement was already approved on %(date)s.")
            % {"date": locked.approved_on.isoformat() if locked.approved_on else ""},
            code="approved",
        )
    reference = meeting_reference.strip()
    if not reference:
        raise Refusal(
            _("Name the meeting that approved the statement."),
            code="meeting",
            field="meeting_reference",
        )
    locked.approved_on = approved_on
    locked.meeting_reference = reference[:200]
    locked.meeting_id = meeting_id
    locked.approved_by = by[:150]
    locked.save(update_fields=["approved_on", "meeting_reference", "meeting_id", "approved_by"])
    return locked
