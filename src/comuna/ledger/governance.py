"""What the books do for self-government: offer the closed statements an approval of accounts
can name, and record the approval when such a proposal carries.

Registered from ``LedgerConfig.ready()`` in core's registries (``comuna.core.books`` and
``comuna.core.decisions``): the books' models and services do not depend on it, governance
imports nothing of the books, and this module nothing of governance.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.core.books import AccountsStatement, BooksStatement
from comuna.core.language import records_language
from comuna.core.models import Commune
from comuna.ledger.models import Statement
from comuna.ledger.services import statement_approve


def _described(statement: Statement) -> BooksStatement:
    return BooksStatement(
        pk=statement.pk,
        label=statement.label,
        start=statement.start,
        end=statement.end,
        head=statement.head,
        entry_count=statement.entry_count,
        is_approved=statement.is_approved,
        meeting_reference=statement.meeting_reference,
    )


class LedgerBooks:
    def awaiting_approval(self, commune: Commune) -> list[BooksStatement]:
        statements = Statement.objects.of(commune).filter(approved_on__isnull=True)
        return [_described(s) for s in statements.order_by("start")]

    def statement_named(
        self, commune: Commune, statement: AccountsStatement
    ) -> BooksStatement | None:
        head = statement.ledger_head.strip().lower()
        if len(head) < 16:
            return None
        found = (
            Statement.objects.of(commune)
            .filter(
                entry_count=statement.entry_count,
                head__startswith=head,
            )
            .order_by("-id")
            .first()
        )
        return _described(found) if found is not None else None


BOOKS = LedgerBooks()


# Self-government's decision kind for an approval of the accounts (``DecisionKind.ACCOUNTS``).
ACCOUNTS = "accounts"


def accounts_approve(*, proposal: Any, decision: Any, by: Any) -> Promise:
    """An approval of accounts carried: the statement it names in these books is approved,
    with the meeting that approved it (a statement of other books is only named).

    ``proposal`` is self-government's row: its meeting (date, organ, id) and the statement
    it names (``ledger_statement``) are all that is read of it."""
    day = proposal.meeting.date
    books = proposal.ledger_statement
    if books is not None and not books.is_approved:
        with records_language():
            reference = _("%(organ)s, meeting of %(date)s") % {
                "organ": proposal.meeting.organ.name,
                "date": day.isoformat(),
            }
        statement_approve(
            statement=books,
            approved_on=day,
            meeting_reference=reference,
            meeting_id=proposal.meeting.pk,
            by=by.username if by is not None else "",
        )
    return gettext_lazy("The accounts were approved.")
