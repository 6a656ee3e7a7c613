"""Four eyes: a proposed transfer is posted or voided by someone other than its author."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines import ledger as engine
from comuna.ledger import models
from comuna.ledger.errors import refusal_from_engine
from comuna.ledger.services.posting import _closed_period_check, _row, posting_lock


def _resolve(
    *,
    commune: Commune,
    pending_id: int,
    by: str,
    date: dt.date,
    reason: str | None,
) -> models.Entry:
    _closed_period_check(commune, [date])
    try:
        with posting_lock(commune) as ledger:
            if reason is None:
                entry = ledger.approve(pending_id, author=by, date=date)
            else:
                entry = ledger.void(pending_id, author=by, date=date, reason=reason)
            return _row(commune, entry)
    except engine.LedgerError as error:
        raise refusal_from_engine(error) from None


def proposal_approve(*, commune: Commune, pending_id: int, by: str, date: dt.date) -> models.Entry:
    """Post the reserved amount of proposal ``pending_id``; ``by`` must not be its author."""
    return _resolve(commune=commune, pending_id=pending_id, by=by, date=date, reason=None)


def proposal_void(
    *, commune: Commune, pending_id: int, by: str, date: dt.date, reason: str
) -> models.Entry:
    """Cancel proposal ``pending_id`` with a reason; ``by`` must not be its author."""
    if not reason.strip():
        raise Refusal(_("Say why the proposal is voided."), code="reason", field="reason")
    return _resolve(commune=commune, pending_id=pending_id, by=by, date=date, reason=reason)
