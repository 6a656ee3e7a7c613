"""The commune's enterprises over JSON: the list, one with its accounts and workers, and a
month's figures. Same rules as the pages (``comuna.enterprises.access``)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema

from comuna.api.auth import api_actor
from comuna.api.errors import READ_ERRORS
from comuna.api.inputs import MAX_ID
from comuna.enterprises.access import enterprise_for_user, enterprises_readable
from comuna.enterprises.accounts import accounts_of
from comuna.enterprises.models import Enterprise, Worker
from comuna.enterprises.selectors import diesel_left_ml, month_figures

router = Router(tags=["enterprises"])


class EnterpriseOut(Schema):
    id: int
    name: str
    kind: str
    active: bool
    cash_account: str


class EnterpriseWorkerOut(Schema):
    id: int
    person_id: int
    name: str
    job: str
    since: dt.date
    until: dt.date | None


class EnterpriseDetailOut(EnterpriseOut):
    description: str
    accounts: dict[str, str]
    """Purpose (cash, diesel, recyclables) → the account's code in the commune's chart."""
    diesel_left_ml: int
    workers: list[EnterpriseWorkerOut]


class EnterpriseLineOut(Schema):
    code: str
    name: str
    amount: int


class EnterpriseStockOut(Schema):
    purpose: str
    code: str
    unit: str
    opening: int
    received: int
    used: int
    closing: int


class EnterpriseShareOut(Schema):
    label: str
    destination: str
    amount: int


class EnterpriseMonthOut(Schema):
    """Money in céntimos; stocks in grams (KG) or millilitres (L)."""

    enterprise: int
    start: dt.date
    end: dt.date
    income: int
    costs: int
    surplus: int
    income_lines: list[EnterpriseLineOut]
    cost_lines: list[EnterpriseLineOut]
    stocks: list[EnterpriseStockOut]
    shared: list[EnterpriseShareOut]


def _out(e: Enterprise) -> EnterpriseOut:
    return EnterpriseOut(
        id=e.pk, name=e.name, kind=e.kind, active=e.active, cash_account=e.cash_account
    )


@router.get("/", response={200: list[EnterpriseOut], **READ_ERRORS}, summary="Enterprises")
def enterprises(request: HttpRequest) -> list[EnterpriseOut]:
    """The enterprises the caller may read (all of them for the administrator, managers,
    treasurer and comptroller; a worker's own)."""
    return [_out(e) for e in enterprises_readable(api_actor(request)).order_by("name")]


@router.get(
    "/{enterprise_id}", response={200: EnterpriseDetailOut, **READ_ERRORS}, summary="Enterprise"
)
def enterprise(
    request: HttpRequest, enterprise_id: PathEx[int, P(ge=1, le=MAX_ID)]
) -> EnterpriseDetailOut:
    found = enterprise_for_user(api_actor(request), enterprise_id)
    workers = Worker.objects.of(found.commune_id).filter(enterprise=found).select_related("person")
    return EnterpriseDetailOut(
        **_out(found).dict(),
        description=found.description,
        accounts=accounts_of(found),
        diesel_left_ml=diesel_left_ml(found, on=timezone.localdate()),
        workers=[
            EnterpriseWorkerOut(
                id=w.pk,
                person_id=w.person_id,
                name=w.person.full_name,
                job=w.job,
                since=w.since,
                until=w.until,
            )
            for w in workers
        ],
    )


@router.get(
    "/{enterprise_id}/months/{month}",
    response={200: EnterpriseMonthOut, **READ_ERRORS},
    summary="An enterprise's month",
)
def enterprise_month(
    request: HttpRequest,
    enterprise_id: PathEx[int, P(ge=1, le=MAX_ID)],
    month: PathEx[str, P(pattern=r"^20[0-9]{2}-(0[1-9]|1[0-2])$")],
) -> EnterpriseMonthOut:
    """Income, costs, surplus, the stocks in kind moved, and where the sharing rule sent the
    surplus, for ``month`` (YYYY-MM)."""
    found = enterprise_for_user(api_actor(request), enterprise_id)
    try:
        first = dt.date(int(month[:4]), int(month[5:7]), 1)
    except ValueError:
        raise Http404(_("No such month.")) from None
    f = month_figures(found, first)
    return EnterpriseMonthOut(
        enterprise=found.pk,
        start=f.start,
        end=f.end,
        income=f.income_total,
        costs=f.costs_total,
        surplus=f.surplus,
        income_lines=[
            EnterpriseLineOut(code=x.code, name=x.name, amount=x.amount) for x in f.income
        ],
        cost_lines=[EnterpriseLineOut(code=x.code, name=x.name, amount=x.amount) for x in f.costs],
        stocks=[
            EnterpriseStockOut(
                purpose=s.purpose,
                code=s.code,
                unit=s.unit,
                opening=s.opening,
                received=s.received,
                used=s.used,
                closing=s.closing,
            )
            for s in f.stocks
        ],
        shared=[
            EnterpriseShareOut(
                label=str(line.get("label", "")),
                destination=str(line.get("destination", "")),
                amount=int(str(line.get("amount", 0))),
            )
            for line in f.shared
        ],
    )
