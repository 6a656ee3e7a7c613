"""The books over JSON: the public aggregates for anyone, every account for book-keepers.

Same rules as the pages (``comuna.ledger.access``): balances of the funds, enterprises and
stocks, the statements with their chain head and entry count, and the verification status
are public; the full chart with totals needs a book-keeper's token.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from comuna.api.auth import api_actor, api_commune
from comuna.core.models import Commune
from comuna.ledger import chart
from comuna.ledger.access import require_books_read
from comuna.ledger.models import Account, Statement
from comuna.ledger.selectors import accounts_of, integrity_cached

router = Router(tags=["ledger"])


class AccountOut(Schema):
    code: str
    name: str
    kind: str
    unit: str
    balance: int
    """Natural balance in minor units (céntimos, grams, millilitres, cylinders, bags)."""


class StatementOut(Schema):
    id: int
    label: str
    start: dt.date
    end: dt.date
    entry_count: int
    head: str
    approved_on: dt.date | None
    meeting_reference: str


class VerifyOut(Schema):
    ok: bool
    alarm: bool
    count: int
    head: str
    first_bad_sequence: int | None
    broken_statements: list[int]
    # Entries missing at the end of the chain, against the length and head last recorded.
    missing_entries: int
    expected_count: int
    expected_head: str


def _commune(request: HttpRequest) -> Commune:
    commune = api_commune(request)
    return commune


def _account(a: Account) -> AccountOut:
    return AccountOut(code=a.code, name=a.display_name, kind=a.kind, unit=a.unit, balance=a.natural)


@router.get("/funds", response=list[AccountOut], auth=None, summary="Funds, enterprises, stock")
def funds(request: HttpRequest) -> list[AccountOut]:
    public = {*chart.FUNDS, *chart.ENTERPRISES, *chart.stocks()}
    return [_account(a) for a in accounts_of(_commune(request)) if a.code in public]


@router.get("/accounts", response=list[AccountOut], summary="Every account (book-keepers)")
def accounts(request: HttpRequest) -> list[AccountOut]:
    require_books_read(api_actor(request))
    return [_account(a) for a in accounts_of(_commune(request))]


@router.get("/statements", response=list[StatementOut], auth=None, summary="Statements")
def statements(request: HttpRequest) -> list[StatementOut]:
    return [
        StatementOut(
            id=s.pk,
            label=s.label,
            start=s.start,
            end=s.end,
            entry_count=s.entry_count,
            head=s.head,
            approved_on=s.approved_on,
            meeting_reference=s.meeting_reference,
        )
        for s in Statement.objects.of(_commune(request))
    ]


@router.get("/verify", response=VerifyOut, auth=None, summary="Verification of the books")
def verify(request: HttpRequest) -> VerifyOut:
    result = integrity_cached(_commune(request))
    return VerifyOut(
        ok=result.ok,
        alarm=result.alarm,
        count=result.count,
        head=result.head,
        first_bad_sequence=result.first_bad.sequence if result.first_bad else None,
        broken_statements=list(result.broken_statements),
        missing_entries=result.lost,
        expected_count=result.expected.count,
        expected_head=result.expected.head,
    )
