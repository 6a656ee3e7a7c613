"""Posting to the chain: one transfer or several, all or none, under the commune's posting
lock; proposals of four eyes recorded; reversals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Literal

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines import ledger as engine
from comuna.engines.ledger import ApprovalPolicy, Ledger, Transfer, reversal_of
from comuna.ledger import locks, models
from comuna.ledger.chart import chart_ensure
from comuna.ledger.errors import refusal_from_engine
from comuna.ledger.storage import DatabaseStorage, _to_entry

# A spend from the commune's money or stock above these amounts (minor units) needs four
# eyes: one person proposes it, another approves it.
APPROVAL_THRESHOLDS: dict[str, int] = {"VES": 200_000_00, "USD": 1_000_00}
POLICY = ApprovalPolicy(thresholds=APPROVAL_THRESHOLDS)


def ledger_for(commune: Commune) -> Ledger:
    """The engine over this commune's tables (to read; writes go through the services)."""
    return Ledger(DatabaseStorage(commune), policy=POLICY)


@contextmanager
def posting_lock(commune: Commune) -> Iterator[Ledger]:
    """Open a transaction holding the commune's posting lock and yield its ledger.

    Everything written inside commits together or not at all.
    """
    with transaction.atomic():
        if locks.head_lock(commune) is None:
            # A commune created before communes opened their chart when created gets it at its
            # first write; a read never opens it.
            chart_ensure(commune)
            locks.head_lock(commune)
        yield ledger_for(commune)


# The books record what has happened. One day of grace past today (in the commune's time
# zone): a phone whose clock is a little ahead, or a paper form filled in just before midnight,
# is not refused; a date further on (2099, a typo in the year) is.
FUTURE_DAYS_ALLOWED = 1


def entry_date_check(day: dt.date) -> None:
    """Refuse an entry dated after tomorrow, with a message that says the latest date."""
    latest = timezone.localdate() + dt.timedelta(days=FUTURE_DAYS_ALLOWED)
    if day > latest:
        raise Refusal(
            _(
                "%(date)s is in the future: the books record what has already happened "
                "(the latest date accepted today is %(latest)s)."
            )
            % {
                "date": formats.date_format(day, "SHORT_DATE_FORMAT"),
                "latest": formats.date_format(latest, "SHORT_DATE_FORMAT"),
            },
            code="future_date",
            field="date",
        )


def _dates_check(commune: Commune, transfers: Sequence[Transfer]) -> None:
    dates = sorted({t.date for t in transfers})
    for day in dates:
        entry_date_check(day)
    _closed_period_check(commune, dates)


def _closed_period_check(commune: Commune, dates: Sequence[dt.date]) -> None:
    periods = list(models.Statement.objects.of(commune).values_list("start", "end"))
    for day in dates:
        for start, end in periods:
            if start <= day <= end:
                raise Refusal(
                    _(
                        "%(date)s falls in a closed period (%(start)s to %(end)s): "
                        "post it with a date after the period."
                    )
                    % {"date": day.isoformat(), "start": start.isoformat(), "end": end.isoformat()},
                    code="closed_period",
                    field="date",
                )


def _row(commune: Commune, entry: engine.Entry) -> models.Entry:
    return models.Entry.objects.of(commune).get(sequence=entry.sequence)


def _apply(
    commune: Commune, transfers: Sequence[Transfer], action: Literal["post", "propose", "auto"]
) -> list[models.Entry]:
    """Post or propose ``transfers`` as one act, all or none, under the commune's posting lock.

    ``auto`` proposes each transfer that needs four eyes and posts the others, deciding under
    the lock so that the threshold is read with the balances it applies to.
    """
    _dates_check(commune, transfers)
    try:
        with posting_lock(commune) as ledger:
            entries = [
                ledger.propose(t)
                if action == "propose" or (action == "auto" and ledger.needs_approval(t))
                else ledger.post(t)
                for t in transfers
            ]
            return [_row(commune, entry) for entry in entries]
    except engine.LedgerError as error:
        raise refusal_from_engine(error) from None
    except IntegrityError:
        raise Refusal(
            _("Someone else posted at the same moment; nothing was saved. Try again."),
            code="storage_conflict",
        ) from None


def transfer_post(
    *,
    commune: Commune,
    debit: str,
    credit: str,
    amount: int,
    unit: str,
    date: dt.date,
    description: str,
    author: str,
    reference: str = "",
    idempotency_key: str = "",
) -> models.Entry:
    """Move ``amount`` minor units of ``unit`` from account ``credit`` to account ``debit``.

    Posting the same ``idempotency_key`` again returns the first entry and posts nothing.
    Refused (Refusal) on an unknown account, a unit that differs from the accounts', an
    amount that is not positive, a bounded account that would fall below its floor, a spend
    above the approval threshold (use ``transfer_propose``), or a date in a closed period.
    """
    return _apply(
        commune,
        [
            Transfer(
                debit=debit,
                credit=credit,
                amount=amount,
                unit=unit,
                date=date,
                description=description,
                author=author,
                reference=reference,
                idempotency_key=idempotency_key,
            )
        ],
        "post",
    )[0]


def transfer_propose(
    *,
    commune: Commune,
    debit: str,
    credit: str,
    amount: int,
    unit: str,
    date: dt.date,
    description: str,
    author: str,
    reference: str = "",
    idempotency_key: str = "",
) -> models.Entry:
    """Record a transfer waiting for another person's approval; its amount is reserved."""
    return _apply(
        commune,
        [
            Transfer(
                debit=debit,
                credit=credit,
                amount=amount,
                unit=unit,
                date=date,
                description=description,
                author=author,
                reference=reference,
                idempotency_key=idempotency_key,
            )
        ],
        "propose",
    )[0]


def transfer_post_or_propose(
    *,
    commune: Commune,
    debit: str,
    credit: str,
    amount: int,
    unit: str,
    date: dt.date,
    description: str,
    author: str,
    reference: str = "",
    idempotency_key: str = "",
) -> models.Entry:
    """Post the transfer, or propose it when it needs four eyes (what the forms do)."""
    transfer = Transfer(
        debit=debit,
        credit=credit,
        amount=amount,
        unit=unit,
        date=date,
        description=description,
        author=author,
        reference=reference,
        idempotency_key=idempotency_key,
    )
    return _apply(commune, [transfer], "auto")[0]


def transfers_post_many(*, commune: Commune, transfers: Sequence[Transfer]) -> list[models.Entry]:
    """Post several transfers together, all or none (a form that moves money and goods).

    Refused (``batch_rejected``) with ``items`` naming each refused transfer by its index.
    """
    _dates_check(commune, transfers)
    try:
        with posting_lock(commune) as ledger:
            entries = ledger.post_many(transfers)
            sequences = [e.sequence for e in entries]
            rows = models.Entry.objects.of(commune).filter(sequence__in=sequences)
            by_sequence = {r.sequence: r for r in rows}
            return [by_sequence[s] for s in sequences]
    except engine.BatchRejected as batch:
        items = [(item.index, refusal_from_engine(item.error)) for item in batch.errors]
        raise Refusal(
            "; ".join(refusal.message for _i, refusal in items),
            code="batch_rejected",
            items=items,
        ) from None
    except engine.LedgerError as error:
        raise refusal_from_engine(error) from None


def entry_reverse(
    *, commune: Commune, sequence: int, by: str, date: dt.date, description: str = ""
) -> models.Entry:
    """Correct a posted entry the right way: a new transfer that undoes it.

    Reversing the same entry twice posts once (the reversal's idempotency key names it).
    """
    original = models.Entry.objects.of(commune).filter(sequence=sequence).first()
    if original is None:
        raise Refusal(_("There is no entry %(id)s.") % {"id": sequence}, code="unknown_entry")
    try:
        transfer = reversal_of(
            _to_entry(original),
            author=by,
            date=date,
            description=description.strip() or None,
        )
    except engine.LedgerError as error:
        raise refusal_from_engine(error) from None
    return _apply(commune, [transfer], "post")[0]
