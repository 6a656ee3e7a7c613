"""Every write to the books: one function each, in one transaction, checks beside it.

Posting is serialised per commune: each function first locks the commune's ``LedgerHead``
row (``posting_lock``; ``SELECT ... FOR UPDATE`` on PostgreSQL, and on SQLite the project's
``BEGIN IMMEDIATE`` transactions already hold the database's write lock), so two writers
queue instead of forking the chain. The unique (commune, sequence) constraint is the last
line of defence. Refusals raise ``LedgerError`` with a message in the reader's language and
change nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Literal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.engines import ledger as engine
from comuna.engines.ledger import ApprovalPolicy, Ledger, Transfer, reversal_of
from comuna.ledger import chart, models
from comuna.ledger.chart import chart_ensure
from comuna.ledger.errors import LedgerError, bad_entry_describe
from comuna.ledger.storage import DatabaseStorage, _to_entry
from comuna.users.models import User

__all__ = [
    "APPROVAL_THRESHOLDS",
    "LedgerError",
    "account_open",
    "entry_reverse",
    "ledger_for",
    "posting_lock",
    "proposal_approve",
    "proposal_void",
    "statement_approve",
    "statement_close",
    "transfer_post",
    "transfer_propose",
    "transfers_post_many",
]

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
        head = models.LedgerHead.objects.select_for_update().filter(commune=commune).first()
        if head is None:
            chart_ensure(commune)
            models.LedgerHead.objects.select_for_update().get(commune=commune)
        yield ledger_for(commune)


# Codes are groups of digits separated by dots, and the first digit says the kind (see
# ``comuna.ledger.chart``); the engine accepts letters too, the commune's chart does not.
_ACCOUNT_CODE = re.compile(r"[0-9]{1,4}(?:\.[0-9]{1,4}){0,5}")
_KIND_DIGIT = {
    models.AccountKind.ASSET: "1",
    models.AccountKind.LIABILITY: "2",
    models.AccountKind.FUND: "3",
    models.AccountKind.INCOME: "4",
    models.AccountKind.EXPENSE: "5",
}


def account_open(
    *,
    commune: Commune,
    code: str,
    name: str,
    kind: str,
    unit: str,
    floor: int | None = None,
) -> models.Account:
    """Open a new account in the commune's chart, through the engine (``Ledger.open_account``).

    ``floor`` 0 means "never below zero" (as every standard asset); ``None`` means no floor.
    Refused (LedgerError, nothing opened) on a code that is not digit groups separated by
    dots, a first digit that does not match the kind, a code already in the chart, an empty
    name, an unknown kind or an unknown unit. Takes the commune's posting lock, so that the
    chart does not change under a posting.
    """
    code, name, unit = code.strip(), " ".join(name.split()), unit.strip().upper()
    if not _ACCOUNT_CODE.fullmatch(code):
        raise LedgerError(
            _(
                "“%(code)s” is not an account code: write digit groups separated by dots, "
                "such as 2.1.02."
            )
            % {"code": code},
            code="invalid_account",
            field="code",
        )
    if kind not in models.AccountKind.values:
        raise LedgerError(_("Choose the kind of account."), code="invalid_account", field="kind")
    account_kind = models.AccountKind(kind)
    if not code.startswith(_KIND_DIGIT[account_kind]):
        raise LedgerError(
            _("The code of an account of kind “%(kind)s” starts with %(digit)s.")
            % {"kind": account_kind.label, "digit": _KIND_DIGIT[account_kind]},
            code="invalid_account",
            field="code",
        )
    if not name:
        raise LedgerError(_("Name the account."), code="invalid_account", field="name")
    try:
        with posting_lock(commune) as ledger:
            ledger.open_account(
                engine.Account(
                    code=code,
                    name=name,
                    kind=engine.AccountKind(kind),
                    unit=unit,
                    floor=floor,
                )
            )
            return models.Account.objects.get(commune=commune, code=code)
    except engine.LedgerError as error:
        raise LedgerError.from_engine(error) from None
    except IntegrityError:
        raise LedgerError(
            _("There is already an account %(code)s in the chart.") % {"code": code},
            code="account_exists",
            field="code",
        ) from None


def _closed_period_check(commune: Commune, dates: Sequence[dt.date]) -> None:
    periods = list(models.Statement.objects.filter(commune=commune).values_list("start", "end"))
    for day in dates:
        for start, end in periods:
            if start <= day <= end:
                raise LedgerError(
                    _(
                        "%(date)s falls in a closed period (%(start)s to %(end)s): "
                        "post it with a date after the period."
                    )
                    % {"date": day.isoformat(), "start": start.isoformat(), "end": end.isoformat()},
                    code="closed_period",
                    field="date",
                )


def _row(commune: Commune, entry: engine.Entry) -> models.Entry:
    return models.Entry.objects.get(commune=commune, sequence=entry.sequence)


def _apply(
    commune: Commune, transfers: Sequence[Transfer], action: Literal["post", "propose", "auto"]
) -> list[models.Entry]:
    """Post or propose ``transfers`` as one act, all or none, under the commune's posting lock.

    ``auto`` proposes each transfer that needs four eyes and posts the others, deciding under
    the lock so that the threshold is read with the balances it applies to.
    """
    _closed_period_check(commune, sorted({t.date for t in transfers}))
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
        raise LedgerError.from_engine(error) from None
    except IntegrityError:
        raise LedgerError(
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
    Refused (LedgerError) on an unknown account, a unit that differs from the accounts', an
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

    Raises ``BatchLedgerError`` naming each refused item by its index.
    """
    _closed_period_check(commune, sorted({t.date for t in transfers}))
    try:
        with posting_lock(commune) as ledger:
            entries = ledger.post_many(transfers)
            sequences = [e.sequence for e in entries]
            rows = models.Entry.objects.filter(commune=commune, sequence__in=sequences)
            by_sequence = {r.sequence: r for r in rows}
            return [by_sequence[s] for s in sequences]
    except engine.BatchRejected as batch:
        raise BatchLedgerError(
            [(item.index, LedgerError.from_engine(item.error)) for item in batch.errors]
        ) from None
    except engine.LedgerError as error:
        raise LedgerError.from_engine(error) from None


class BatchLedgerError(LedgerError):
    """Some items of a batch were refused; ``problems`` pairs each index with its reason."""

    def __init__(self, problems: list[tuple[int, LedgerError]]) -> None:
        super().__init__("; ".join(p.message for _i, p in problems), code="batch_rejected")
        self.problems = problems


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
        raise LedgerError.from_engine(error) from None


def proposal_approve(*, commune: Commune, pending_id: int, by: str, date: dt.date) -> models.Entry:
    """Post the reserved amount of proposal ``pending_id``; ``by`` must not be its author."""
    return _resolve(commune=commune, pending_id=pending_id, by=by, date=date, reason=None)


def proposal_void(
    *, commune: Commune, pending_id: int, by: str, date: dt.date, reason: str
) -> models.Entry:
    """Cancel proposal ``pending_id`` with a reason; ``by`` must not be its author."""
    if not reason.strip():
        raise LedgerError(_("Say why the proposal is voided."), code="reason", field="reason")
    return _resolve(commune=commune, pending_id=pending_id, by=by, date=date, reason=reason)


def entry_reverse(
    *, commune: Commune, sequence: int, by: str, date: dt.date, description: str = ""
) -> models.Entry:
    """Correct a posted entry the right way: a new transfer that undoes it.

    Reversing the same entry twice posts once (the reversal's idempotency key names it).
    """
    original = models.Entry.objects.filter(commune=commune, sequence=sequence).first()
    if original is None:
        raise LedgerError(_("There is no entry %(id)s.") % {"id": sequence}, code="unknown_entry")
    try:
        transfer = reversal_of(
            _to_entry(original),
            author=by,
            date=date,
            description=description.strip() or None,
        )
    except engine.LedgerError as error:
        raise LedgerError.from_engine(error) from None
    return _apply(commune, [transfer], "post")[0]


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
        raise LedgerError(_("The period ends before it starts."), code="dates", field="end")
    label = label.strip() or _("%(start)s to %(end)s") % {
        "start": start.isoformat(),
        "end": end.isoformat(),
    }
    with posting_lock(commune) as ledger:
        overlap = models.Statement.objects.filter(commune=commune, start__lte=end, end__gte=start)
        if overlap.exists():
            raise LedgerError(
                _("That period overlaps a closed statement (%(label)s).")
                % {"label": overlap.first()},
                code="overlap",
            )
        check = ledger.verify()
        if not check.ok:
            raise LedgerError(
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
    locked: models.Statement = models.Statement.objects.select_for_update().get(pk=statement.pk)
    if locked.is_approved:
        raise LedgerError(
            _("This statement was already approved on %(date)s.")
            % {"date": locked.approved_on.isoformat() if locked.approved_on else ""},
            code="approved",
        )
    reference = meeting_reference.strip()
    if not reference:
        raise LedgerError(
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


def _key(token: str, index: int) -> str:
    return f"form:{token}:{index}" if token else ""


def collection_record(
    *, commune: Commune, grams: int, material: str, date: dt.date, by: str, token: str = ""
) -> list[models.Entry]:
    """Recyclables collected: goods into the recycling stock (in kind, in grams)."""
    return _apply(
        commune,
        [
            Transfer(
                debit=chart.STOCK_RECYCLABLES,
                credit=chart.COLLECTED_RECYCLABLES,
                amount=grams,
                unit="KG",
                date=date,
                description=_("Collected: %(material)s") % {"material": material},
                author=by,
                idempotency_key=_key(token, 0),
            )
        ],
        "auto",
    )


def sale_record(
    *,
    commune: Commune,
    grams: int,
    cents: int,
    material: str,
    buyer: str,
    date: dt.date,
    by: str,
    token: str = "",
) -> list[models.Entry]:
    """A sale of recyclables: the money into the recycling enterprise's cash, the goods out
    of its stock. Refused if the stock does not hold what was sold."""
    text = _("Sale of %(material)s") % {"material": material}
    return _apply(
        commune,
        [
            Transfer(
                debit=chart.RECYCLING_CASH,
                credit=chart.INCOME_RECYCLING_SALES,
                amount=cents,
                unit="VES",
                date=date,
                description=text,
                author=by,
                reference=buyer,
                idempotency_key=_key(token, 0),
            ),
            Transfer(
                debit=chart.SOLD_RECYCLABLES,
                credit=chart.STOCK_RECYCLABLES,
                amount=grams,
                unit="KG",
                date=date,
                description=text,
                author=by,
                reference=buyer,
                idempotency_key=_key(token, 1),
            ),
        ],
        "auto",
    )


def diesel_record(
    *,
    commune: Commune,
    millilitres: int,
    cents: int,
    paid_from: str,
    vehicle: str,
    date: dt.date,
    by: str,
    token: str = "",
) -> list[models.Entry]:
    """Diesel bought and put in a truck: the money as an expense, the litres in kind."""
    if paid_from not in chart.CASH_ACCOUNTS:
        raise LedgerError(_("Choose where the money came from."), field="paid_from")
    text = _("Diesel") + (f" ({vehicle})" if vehicle else "")
    return _apply(
        commune,
        [
            Transfer(
                debit=chart.EXPENSE_DIESEL,
                credit=paid_from,
                amount=cents,
                unit="VES",
                date=date,
                description=text,
                author=by,
                idempotency_key=_key(token, 0),
            ),
            Transfer(
                debit=chart.USED_DIESEL,
                credit=chart.RECEIVED_DIESEL,
                amount=millilitres,
                unit="L",
                date=date,
                description=text,
                author=by,
                idempotency_key=_key(token, 1),
            ),
        ],
        "auto",
    )


def emergency_aid_record(
    *, commune: Commune, cents: int, what: str, case: str, date: dt.date, by: str, token: str = ""
) -> list[models.Entry]:
    """The emergency fund pays for a family's need (surgery supplies, medicines...)."""
    return _apply(
        commune,
        [
            Transfer(
                debit=chart.EXPENSE_EMERGENCY_AID,
                credit=chart.EMERGENCY_FUND,
                amount=cents,
                unit="VES",
                date=date,
                description=what,
                author=by,
                reference=case,
                idempotency_key=_key(token, 0),
            )
        ],
        "auto",
    )


def transfer_record(
    *,
    commune: Commune,
    debit: str,
    credit: str,
    amount: int,
    date: dt.date,
    description: str,
    reference: str,
    by: str,
    token: str = "",
) -> models.Entry:
    """Any double entry from the book-keepers' form (proposed when above the threshold)."""
    account = models.Account.objects.filter(commune=commune, code=debit).first()
    unit = account.unit if account is not None else "VES"
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
                author=by,
                reference=reference,
                idempotency_key=_key(token, 0),
            )
        ],
        "auto",
    )[0]


@transaction.atomic
def budget_line_set(
    *,
    commune: Commune,
    organ: str,
    start: dt.date,
    end: dt.date,
    account: models.Account,
    amount: int,
) -> models.Budget:
    """Set what an organ plans on one account over a period (replaces the same line)."""
    organ = organ.strip()
    if not organ:
        raise LedgerError(_("Name the organ."), field="organ")
    if end < start:
        raise LedgerError(_("The period ends before it starts."), field="end")
    if amount <= 0:
        raise LedgerError(_("The amount must be greater than zero."), field="amount")
    if account.commune_id != commune.pk or account.kind not in ("income", "expense"):
        raise LedgerError(_("Budgets are set on income and expense accounts."), field="account")
    line, _created = models.Budget.objects.update_or_create(
        commune=commune,
        organ=organ[:150],
        start=start,
        end=end,
        account=account,
        defaults={"amount": amount},
    )
    return line


@transaction.atomic
def sharing_rule_create(
    *, commune: Commune, name: str, source: models.Account
) -> models.SharingRule:
    name = name.strip()
    if not name:
        raise LedgerError(_("Name the rule."), field="name")
    if source.commune_id != commune.pk or source.kind != "asset":
        raise LedgerError(_("The surplus comes from a cash account."), field="source")
    if models.SharingRule.objects.filter(commune=commune, name=name).exists():
        raise LedgerError(_("There is already a rule with that name."), field="name")
    return models.SharingRule.objects.create(commune=commune, name=name[:150], source=source)


@transaction.atomic
def sharing_share_set(
    *,
    rule: models.SharingRule,
    destination: models.Account,
    basis_points: int,
    label: str,
) -> models.SharingShare:
    """Add or change one share of a rule; all shares together never exceed 100%."""
    locked = models.SharingRule.objects.select_for_update().get(pk=rule.pk)
    if destination.commune_id != locked.commune_id or destination.unit != locked.source.unit:
        raise LedgerError(_("The share must go to an account in the same unit."))
    if destination.pk == locked.source_id:
        raise LedgerError(_("A share cannot go back to where the surplus is."))
    if destination.kind not in (models.AccountKind.ASSET, models.AccountKind.EXPENSE):
        # The share leaves the source's cash: it lands in a pot (an asset) or is spent (an
        # expense). Debiting a debt or a fund would shrink it instead of filling it.
        raise LedgerError(
            _(
                "A share goes to a pot (an asset, such as a fund or money set aside for a "
                "commune) or to an expense."
            ),
            field="destination",
        )
    if not 0 < basis_points <= 10000:
        raise LedgerError(_("A share is between 0.01% and 100%."), field="percent")
    others = sum(s.basis_points for s in locked.shares.exclude(destination=destination))
    if others + basis_points > 10000:
        raise LedgerError(
            _("The shares would add up to more than 100%% (%(total)s%%).")
            % {"total": (others + basis_points) / 100},
            field="percent",
        )
    share, _created = models.SharingShare.objects.update_or_create(
        rule=locked,
        destination=destination,
        defaults={"basis_points": basis_points, "label": label.strip()[:150] or destination.name},
    )
    return share


def sharing_preview(
    *, rule: models.SharingRule, start: dt.date, end: dt.date
) -> tuple[int, list[dict[str, object]]]:
    """The period's surplus on the rule's source account and what each share gets.

    The surplus is what the source account gained over the period (money in less money
    out, leaving out earlier sharing of this rule). Each share is rounded down to the cent;
    what rounding leaves stays in the source, and the explanation says so: ``exact_e4`` is
    surplus × basis points (the exact share in ten-thousandths of a cent) and
    ``remainder_e4`` what rounding down left of it, in the same ten-thousandths.
    """
    from comuna.ledger.selectors import account_change

    source = rule.source
    gained = account_change(source, start=start, end=end, exclude_reference=f"sharing:{rule.pk}:")
    surplus = max(gained, 0)
    lines: list[dict[str, object]] = []
    for share in rule.shares.select_related("destination"):
        amount, remainder = divmod(surplus * share.basis_points, 10000)
        lines.append(
            {
                "label": share.label,
                "destination": share.destination.code,
                "destination_name": share.destination.name,
                "basis_points": share.basis_points,
                "amount": amount,
                "exact_e4": surplus * share.basis_points,
                "remainder_e4": remainder,
                "kept_in": source.code,
                "how": f"{surplus} × {share.basis_points / 100:g}% = {amount}",
            }
        )
    return surplus, lines


def sharing_apply(
    *, rule: models.SharingRule, start: dt.date, end: dt.date, by: str, date: dt.date
) -> models.SharingRun:
    """Share out a period's surplus by the rule: one transfer per share, all or none,
    once per rule and period; the run keeps how every figure came about."""
    if end < start:
        raise LedgerError(_("The period ends before it starts."), field="end")
    if models.SharingRun.objects.filter(rule=rule, start=start, end=end).exists():
        raise LedgerError(_("This rule was already applied to that period."))
    surplus, lines = sharing_preview(rule=rule, start=start, end=end)
    if surplus <= 0:
        raise LedgerError(_("There is no surplus in that period to share."))
    transfers = [
        Transfer(
            debit=str(line["destination"]),
            credit=rule.source.code,
            amount=int(str(line["amount"])),
            unit=rule.source.unit,
            date=date,
            description=_("%(rule)s: %(label)s") % {"rule": rule.name, "label": line["label"]},
            author=by,
            reference=f"sharing:{rule.pk}:{start.isoformat()}",
            idempotency_key=f"sharing:{rule.pk}:{start.isoformat()}:{end.isoformat()}:{i}",
        )
        for i, line in enumerate(lines)
        if int(str(line["amount"])) > 0
    ]
    with transaction.atomic():
        entries = _apply(rule.commune, transfers, "auto")
        for line, entry in zip(
            [ln for ln in lines if int(str(ln["amount"])) > 0], entries, strict=True
        ):
            line["entry"] = entry.sequence
        return models.SharingRun.objects.create(
            rule=rule, start=start, end=end, surplus=surplus, explanation=lines, applied_by=by
        )
