"""Who may read and change which part of the books. Every view goes through these.

- the administrator and the comptroller keep the books: they see every account and entry,
  post any transfer, approve or void proposals (someone else's), reverse entries, close
  and approve statements, edit budgets and sharing rules, and run the verification;
- a council's spokesperson records the everyday forms (a sale, diesel, emergency aid);
  a large spend becomes a proposal that a book-keeper approves;
- residents and anyone else see the public accounts page and the statements: aggregates
  only (entry descriptions may name a family that got aid, so entries stay with the
  book-keepers).

A record outside the user's reach answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from comuna.census.access import AnyUser
from comuna.core.models import Commune
from comuna.ledger.models import Account, Entry, SharingRule, Statement
from comuna.users.models import Role, User


def _login(user: AnyUser) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def keeps_books(user: AnyUser) -> bool:
    login = _login(user)
    return login is not None and (login.is_admin or login.role == Role.COMPTROLLER)


def records_forms(user: AnyUser) -> bool:
    login = _login(user)
    return login is not None and (
        login.is_admin or login.role in (Role.COMPTROLLER, Role.SPOKESPERSON)
    )


def require_books(user: AnyUser) -> User:
    """The book-keeper acting, or 404 (the comptroller's pages do not exist for others)."""
    if not keeps_books(user):
        raise Http404
    assert isinstance(user, User)  # noqa: S101 - keeps_books guarantees it; this tells mypy
    return user


def require_forms(user: AnyUser) -> User:
    if not records_forms(user):
        raise PermissionDenied
    assert isinstance(user, User)  # noqa: S101 - records_forms guarantees it
    return user


def account_for_user(user: AnyUser, commune: Commune, code: str) -> Account:
    require_books(user)
    account = Account.objects.filter(commune=commune, code=code).first()
    if account is None:
        raise Http404
    return account


def entry_for_user(user: AnyUser, commune: Commune, sequence: int) -> Entry:
    require_books(user)
    entry = Entry.objects.filter(commune=commune, sequence=sequence).first()
    if entry is None:
        raise Http404
    return entry


def statement_for_user(user: AnyUser, commune: Commune, pk: int) -> Statement:
    """Statements are public: the assembly approves them and anyone may check them."""
    statement = Statement.objects.filter(commune=commune, pk=pk).first()
    if statement is None:
        raise Http404
    return statement


def rule_for_user(user: AnyUser, commune: Commune, pk: int) -> SharingRule:
    require_books(user)
    rule = SharingRule.objects.filter(commune=commune, pk=pk).first()
    if rule is None:
        raise Http404
    return rule
