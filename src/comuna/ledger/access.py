"""Who may read and change which part of the books. Every view goes through these.

Each function asks an :class:`~comuna.users.actors.Actor`: a user as they stand in one
commune; nothing of another commune's books is ever in reach. Roles add up.

- the administrator and the treasurer (the communal bank's) keep the books: they see every
  account and entry, post any transfer, open accounts, approve or void proposals (someone
  else's), reverse entries, import, close and approve statements, edit budgets and sharing
  rules;
- the comptroller audits: it reads everything the book-keepers read, runs the verification
  and records its findings (``/cuentas/hallazgos/``), and changes nothing in the books (a
  write answers 403 with the reason);
- a council's spokesperson records the everyday forms (collected and sold recyclables,
  diesel, emergency aid); a large spend becomes a proposal that a book-keeper approves;
- residents and anyone else see the public accounts page and the statements: aggregates
  only (entry descriptions may name a family that got aid, so entries stay with the
  book-keepers).

A record outside the actor's reach, or of another commune, answers 404 like a missing one.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.ledger.models import Account, Entry, SharingRule, Statement
from comuna.users.actors import Actor
from comuna.users.models import User


def keeps_books(actor: Actor) -> bool:
    """Who writes in the books: the administrator and the treasurer."""
    return actor.is_admin or actor.is_treasurer


def reads_books(actor: Actor) -> bool:
    """Who reads every account and entry: the book-keepers and the comptroller, who audits."""
    return keeps_books(actor) or actor.is_comptroller


def records_findings(actor: Actor) -> bool:
    """Who records the comptroller's findings: the comptroller (and the administrator)."""
    return actor.is_comptroller or actor.is_admin


def require_findings(actor: Actor) -> User:
    user = require_books_read(actor)
    if not records_findings(actor):
        raise PermissionDenied(_("Findings are recorded by the comptroller."))
    return user


def records_forms(actor: Actor) -> bool:
    """Who records the everyday short forms: the book-keepers and the spokespeople."""
    return keeps_books(actor) or actor.is_spokesperson


def _commune(actor: Actor) -> Commune:
    if actor.commune is None:
        raise Http404
    return actor.commune


def require_books_read(actor: Actor) -> User:
    """Whoever reads the books (a book-keeper or the comptroller), or 404: the books' pages
    do not exist for others."""
    if not reads_books(actor) or actor.login is None:
        raise Http404
    return actor.login


def require_books(actor: Actor) -> User:
    """The book-keeper acting, for a write; 403 with the reason for the comptroller, who
    reads the same pages; 404 for everyone else."""
    user = require_books_read(actor)
    if not keeps_books(actor):
        raise PermissionDenied(
            _(
                "The comptroller reads and verifies the books but does not change them: "
                "the treasurer or the administrator records this."
            )
        )
    return user


def require_forms(actor: Actor) -> User:
    if not records_forms(actor) or actor.login is None:
        raise PermissionDenied(
            _("The short forms are for the treasurer, the administrator and the spokespeople.")
        )
    return actor.login


def account_for_user(actor: Actor, code: str) -> Account:
    require_books_read(actor)
    account: Account | None = Account.objects.of(_commune(actor)).filter(code=code).first()
    if account is None:
        raise Http404
    return account


def entry_for_user(actor: Actor, sequence: int) -> Entry:
    require_books_read(actor)
    entry: Entry | None = Entry.objects.of(_commune(actor)).filter(sequence=sequence).first()
    if entry is None:
        raise Http404
    return entry


def statement_for_user(actor: Actor, pk: int) -> Statement:
    """Statements are public: the assembly approves them and anyone may check them."""
    statement: Statement | None = Statement.objects.of(_commune(actor)).filter(pk=pk).first()
    if statement is None:
        raise Http404
    return statement


def rule_for_user(actor: Actor, pk: int) -> SharingRule:
    require_books_read(actor)
    rule: SharingRule | None = SharingRule.objects.of(_commune(actor)).filter(pk=pk).first()
    if rule is None:
        raise Http404
    return rule
