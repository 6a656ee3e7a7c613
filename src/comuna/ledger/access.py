"""Who may read and change which part of the books. Every view goes through these.

Each function asks an :class:`~comuna.users.actors.Actor`: a user as they stand in one
commune; nothing of another commune's books is ever in reach. Roles add up.

- the administrator and the comptroller keep the books: they see every account and entry,
  post any transfer, approve or void proposals (someone else's), reverse entries, close
  and approve statements, edit budgets and sharing rules, and run the verification;
- a council's spokesperson records the everyday forms (a sale, diesel, emergency aid);
  a large spend becomes a proposal that a book-keeper approves;
- residents and anyone else see the public accounts page and the statements: aggregates
  only (entry descriptions may name a family that got aid, so entries stay with the
  book-keepers).

A record outside the actor's reach, or of another commune, answers 404 like a missing one.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from comuna.core.models import Commune
from comuna.ledger.models import Account, Entry, SharingRule, Statement
from comuna.users.actors import Actor
from comuna.users.models import User


def keeps_books(actor: Actor) -> bool:
    return actor.is_admin or actor.is_comptroller


def records_forms(actor: Actor) -> bool:
    return keeps_books(actor) or actor.is_spokesperson


def _commune(actor: Actor) -> Commune:
    if actor.commune is None:
        raise Http404
    return actor.commune


def require_books(actor: Actor) -> User:
    """The book-keeper acting, or 404 (the comptroller's pages do not exist for others)."""
    if not keeps_books(actor) or actor.login is None:
        raise Http404
    return actor.login


def require_forms(actor: Actor) -> User:
    if not records_forms(actor) or actor.login is None:
        raise PermissionDenied
    return actor.login


def account_for_user(actor: Actor, code: str) -> Account:
    require_books(actor)
    account: Account | None = Account.objects.of(_commune(actor)).filter(code=code).first()
    if account is None:
        raise Http404
    return account


def entry_for_user(actor: Actor, sequence: int) -> Entry:
    require_books(actor)
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
    require_books(actor)
    rule: SharingRule | None = SharingRule.objects.of(_commune(actor)).filter(pk=pk).first()
    if rule is None:
        raise Http404
    return rule
