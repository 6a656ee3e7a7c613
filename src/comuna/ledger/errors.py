"""The engine's refusals as the project's :class:`Refusal`, each with a message in the reader's
language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comuna.core.refusals import Refusal
from comuna.engines import ledger as engine
from comuna.engines.ledger import format_amount

if TYPE_CHECKING:
    from comuna.ledger.selectors import Integrity


def refusal_from_engine(error: engine.LedgerError) -> Refusal:
    """The engine's refusal as the project's: its code, a sentence, the form field to blame."""
    return Refusal(describe(error), code=error.code, field=_field(error))


def _amount(amount: int, unit: str) -> str:
    try:
        return f"{format_amount(amount, unit)} {unit}"
    except engine.UnknownUnit:
        return f"{amount} {unit}"


def _field(error: engine.LedgerError) -> str | None:
    if isinstance(error, engine.InvalidTransfer):
        return error.field
    if isinstance(error, engine.UnknownUnit):
        return "unit"
    if isinstance(error, engine.AccountExists):
        return "code"
    if isinstance(error, engine.InvalidAccount):
        return "code" if "code" in error.reason else None
    return None


def describe(error: engine.LedgerError) -> str:
    """A sentence for people, in the active language, for any refusal of the engine."""
    e = error
    if isinstance(e, engine.UnknownAccount):
        return _("There is no account %(code)s in the chart of accounts.") % {"code": e.account}
    if isinstance(e, engine.UnknownUnit):
        return _("“%(unit)s” is not a currency or unit the books know.") % {"unit": e.unit}
    if isinstance(e, engine.AccountExists):
        return _("There is already an account %(code)s in the chart.") % {"code": e.account}
    if isinstance(e, engine.InvalidAccount):
        return _("Account %(code)s cannot be opened: %(reason)s.") % {
            "code": e.account,
            "reason": e.reason,
        }
    if isinstance(e, engine.InvalidAmount):
        return _("“%(text)s” is not an amount.") % {"text": e.text}
    if isinstance(e, engine.InvalidTransfer):
        if e.field == "amount":
            if "greater" in e.reason:
                return _("The amount must be greater than zero.")
            return _("The amount is not a whole number of cents or is too large.")
        if e.field in ("debit", "credit") and "different" in e.reason:
            return _("Money cannot move from an account to itself.")
        if e.field in ("debit", "credit"):
            return _("Both accounts are required.")
        if e.field == "date":
            return _("The date is missing or is not a date.")
        if e.field == "description":
            return _("The description is missing or too long.")
        return _("The field %(field)s is not valid.") % {"field": e.field}
    if isinstance(e, engine.UnitMismatch):
        return _(
            "Accounts %(credit)s (%(credit_unit)s) and %(debit)s (%(debit_unit)s) do not count "
            "in %(unit)s: both sides of a transfer must count in the same unit."
        ) % {
            "credit": e.credit,
            "credit_unit": e.credit_unit,
            "debit": e.debit,
            "debit_unit": e.debit_unit,
            "unit": e.unit,
        }
    if isinstance(e, engine.BoundExceeded):
        return _("Account %(code)s does not have enough: it would be left with %(available)s.") % {
            "code": e.account,
            "available": _amount(e.available, e.unit),
        }
    if isinstance(e, engine.ApprovalRequired):
        return _(
            "A payment of %(amount)s is above %(threshold)s: it must be proposed and approved "
            "by another person."
        ) % {"amount": _amount(e.amount, e.unit), "threshold": _amount(e.threshold, e.unit)}
    if isinstance(e, engine.FourEyesViolation):
        return _("You proposed entry %(id)s: another person must approve or void it.") % {
            "id": e.pending_id
        }
    if isinstance(e, engine.UnknownPending):
        return _("Entry %(id)s is not a proposal waiting for approval.") % {"id": e.pending_id}
    if isinstance(e, engine.PendingAlreadyResolved):
        return _("Proposal %(id)s was already approved or voided (entry %(by)s).") % {
            "id": e.pending_id,
            "by": e.resolution,
        }
    if isinstance(e, engine.IdempotencyConflict):
        return _("This form was already sent with other data (entry %(id)s).") % {"id": e.sequence}
    if isinstance(e, engine.NotReversible):
        return _(
            "Entry %(id)s is not a posted transfer: only transfers and approvals are reversed."
        ) % {"id": e.sequence}
    if isinstance(e, engine.InvalidHead):
        return _("“%(head)s” is not a chain head (16 to 64 hexadecimal digits).") % {"head": e.head}
    if isinstance(e, engine.StorageConflict):
        return _("Someone else posted at the same moment; nothing was saved. Try again.")
    if isinstance(e, engine.BatchRejected):
        return ngettext(
            "%(count)s transfer was refused: nothing was posted.",
            "%(count)s transfers were refused: nothing was posted.",
            len(e.errors),
        ) % {"count": len(e.errors)}
    return str(e)


def bad_entry_describe(bad: engine.BadEntry) -> str:
    """Why an entry does not verify, in the reader's language (the engine says it in
    English, for anyone checking an export by hand)."""
    reasons = {
        engine.Problem.SEQUENCE: _(
            "its number is not the next one: an entry is missing, repeated or out of order"
        ),
        engine.Problem.LINK: _("it does not carry the hash of the entry before it"),
        engine.Problem.HASH: _("its contents do not match its hash: a field was changed"),
        engine.Problem.MALFORMED: _("one of its fields cannot be read"),
        engine.Problem.TRUNCATED: _("the chain ends before the entry of the printed head"),
        engine.Problem.CHECKPOINT: _(
            "its hash is not the printed head: the history up to it was rewritten"
        ),
    }
    return _("entry %(sequence)s: %(reason)s") % {
        "sequence": bad.sequence,
        "reason": reasons[bad.problem],
    }


def loss_describe(integrity: Integrity) -> str:
    """What is missing at the end of a chain that verifies but is shorter than recorded (or
    ends in another head), and where the longer record comes from; empty when nothing is."""
    expected = integrity.expected
    if expected.statement is not None:
        source = _("as the approved statement “%(label)s” printed it") % {
            "label": expected.statement_label
        }
    else:
        source = _("as the books recorded it at the last posting")
    if integrity.lost:
        return ngettext(
            "%(count)s entry is missing at the end of the books, number %(first)s: the chain "
            "should have %(expected)s entries and end in the head %(head)s (%(source)s).",
            "%(count)s entries are missing at the end of the books, from number %(first)s on: "
            "the chain should have %(expected)s entries and end in the head %(head)s "
            "(%(source)s).",
            integrity.lost,
        ) % {
            "count": integrity.lost,
            "first": integrity.first_lost,
            "expected": expected.count,
            "head": expected.head,
            "source": source,
        }
    if integrity.head_differs:
        return _(
            "The newest entries were replaced: the chain has %(count)s entries, as recorded, "
            "but ends in the head %(found)s instead of %(head)s (%(source)s)."
        ) % {
            "count": integrity.count,
            "found": integrity.head,
            "head": expected.head,
            "source": source,
        }
    return ""
