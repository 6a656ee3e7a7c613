"""The statements of the commune's books, as an approval of accounts names them.

Self-government does not keep the books: the app that does registers here, from its
``AppConfig.ready()``, how to list the closed statements waiting for approval and how to
find the one a chain head and an entry count name (``books_register``). It lives in core so
that governance imports no app of the books and the books import nothing of governance.
Without one registered, nothing is offered and a statement is named by its facts alone, as
the books of another installation are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured

from comuna.core.models import Commune


class _Described(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def head(self) -> str: ...
    @property
    def entry_count(self) -> int: ...


@dataclass(frozen=True, slots=True)
class AccountsStatement:
    """The closed statement of the books that an accounts approval names.

    Governance keeps these three facts, not the books' row: the pages fill them from a
    statement closed in this installation (``of``); the books of another installation can
    still be named by their label, head and count.
    """

    label: str
    ledger_head: str
    entry_count: int

    @classmethod
    def of(cls, statement: _Described) -> AccountsStatement:
        return cls(statement.label, statement.head, statement.entry_count)


@dataclass(frozen=True, slots=True)
class BooksStatement:
    """A closed statement as the books describe it (``pk`` is its id in the books)."""

    pk: int
    label: str
    start: dt.date
    end: dt.date
    head: str
    entry_count: int
    is_approved: bool
    meeting_reference: str


class Books(Protocol):
    def awaiting_approval(self, commune: Commune) -> list[BooksStatement]:
        """The commune's closed statements that no meeting has approved yet, oldest first."""
        ...

    def statement_named(
        self, commune: Commune, statement: AccountsStatement
    ) -> BooksStatement | None:
        """The commune's closed statement whose head starts with the one named (16 hex
        digits at least) and whose entry count is the one named."""
        ...


_books: list[Books] = []


def books_register(books: Books) -> None:
    """Let self-government read the books (once, from the books' ``AppConfig.ready()``)."""
    if _books and _books[0] is not books:
        raise ImproperlyConfigured("Only one app keeps the commune's books.")
    _books[:] = [books]


def statements_to_approve(commune: Commune) -> list[BooksStatement]:
    return _books[0].awaiting_approval(commune) if _books else []


def statement_named(commune: Commune, statement: AccountsStatement) -> BooksStatement | None:
    return _books[0].statement_named(commune, statement) if _books else None
