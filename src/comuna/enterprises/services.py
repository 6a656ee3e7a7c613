"""Every write of the enterprises: one function each, in one transaction, checks beside it.

Creating an enterprise opens its accounts in the commune's books through the ledger's
``account_open`` (or links accounts the chart already has, as the demo's two EPS do with the
standard chart's); the diesel ration's stock moves through the ledger's posting (``_apply``,
under the commune's posting lock), so the stock's floor of zero is the engine's last line
behind the check here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.census.models import Person, PersonStatus
from comuna.core.language import as_recorded
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines.ledger import Transfer
from comuna.enterprises import accounts
from comuna.enterprises.models import (
    AccountPurpose,
    Enterprise,
    EnterpriseAccount,
    EnterpriseKind,
    Worker,
    WorkerJob,
)
from comuna.enterprises.selectors import diesel_left_ml
from comuna.ledger import chart
from comuna.ledger.models import Account, AccountKind, Entry
from comuna.ledger.services import account_open
from comuna.ledger.services.posting import _apply
from comuna.users.models import User

NAME_MAX = 150


def _name_clean(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise Refusal(_("Name the enterprise."), field="name")
    if len(name) > NAME_MAX:
        raise Refusal(_("The name is too long."), field="name")
    return name


def _name_free(commune: Commune, name: str, *, but: Enterprise | None = None) -> None:
    others = Enterprise.objects.of(commune).filter(name__iexact=name)
    if but is not None:
        others = others.exclude(pk=but.pk)
    if others.exists():
        raise Refusal(_("There is already an enterprise with that name."), field="name")


def _next_code(commune: Commune, group: str) -> str:
    """The next free code of a group of the chart (``1.2.`` → ``1.2.03`` after ``1.2.02``)."""
    taken = (
        Account.objects.of(commune).filter(code__startswith=group).values_list("code", flat=True)
    )
    numbers = [int(code[len(group) :]) for code in taken if code[len(group) :].isdigit()]
    return f"{group}{max(numbers, default=0) + 1:02d}"


def _account_link(enterprise: Enterprise, purpose: str, code: str) -> EnterpriseAccount:
    """Link an account of the chart to the enterprise, refused if it does not fit."""
    account = Account.objects.of(enterprise.commune).filter(code=code).first()
    if account is None or account.kind != AccountKind.ASSET:
        raise Refusal(_("%(code)s is not an asset of the chart.") % {"code": code}, field="code")
    if account.unit != accounts.PURPOSE_UNIT[purpose]:  # type: ignore[index]
        raise Refusal(
            _("%(code)s does not count in the unit of that purpose.") % {"code": code},
            field="code",
        )
    if EnterpriseAccount.objects.of(enterprise.commune).filter(code=code).exists():
        raise Refusal(
            _("%(code)s already belongs to another enterprise.") % {"code": code}, field="code"
        )
    return EnterpriseAccount.objects.create(enterprise=enterprise, purpose=purpose, code=code)


def _account_open(enterprise: Enterprise, purpose: str) -> EnterpriseAccount:
    code = _next_code(enterprise.commune, accounts.PURPOSE_GROUP[purpose])  # type: ignore[index]
    account_open(
        commune=enterprise.commune,
        code=code,
        name=as_recorded(
            accounts.PURPOSE_ACCOUNT_NAME[purpose],  # type: ignore[index]
            enterprise=enterprise.name,
        ),
        kind=AccountKind.ASSET,
        unit=accounts.PURPOSE_UNIT[purpose],  # type: ignore[index]
        floor=0,
    )
    return EnterpriseAccount.objects.create(enterprise=enterprise, purpose=purpose, code=code)


def enterprise_create(
    *,
    commune: Commune,
    name: str,
    kind: str,
    description: str = "",
    link: Mapping[str, str] | None = None,
) -> Enterprise:
    """A new enterprise with its accounts in the books: for each purpose its kind keeps
    (``accounts.PURPOSES_BY_KIND``), the account named in ``link`` (purpose → code of an asset
    the chart already has, in the purpose's unit, no other enterprise's), or else one opened
    for it (``1.2.NN`` for its cash, ``1.4.NN`` for a stock in kind), all in one transaction.
    """
    name = _name_clean(name)
    if kind not in EnterpriseKind.values:
        raise Refusal(_("Choose the kind of enterprise."), field="kind")
    link = dict(link or {})
    wanted = accounts.PURPOSES_BY_KIND[kind]
    if set(link) - set(wanted):
        raise Refusal(_("An enterprise of that kind keeps no such account."), field="kind")
    try:
        with transaction.atomic():
            _name_free(commune, name)
            enterprise = Enterprise.objects.create(
                commune=commune,
                name=name,
                kind=kind,
                description=description.strip()[:2000],
                cash_account="",
            )
            for purpose in wanted:
                if purpose in link:
                    _account_link(enterprise, purpose, link[purpose])
                else:
                    _account_open(enterprise, purpose)
            enterprise.cash_account = (
                EnterpriseAccount.objects.of(commune)
                .get(enterprise=enterprise, purpose=AccountPurpose.CASH)
                .code
            )
            enterprise.save(update_fields=["cash_account"])
            return enterprise
    except IntegrityError:
        raise Refusal(_("There is already an enterprise with that name."), field="name") from None


@transaction.atomic
def enterprise_update(
    *, enterprise: Enterprise, name: str, description: str, active: bool
) -> Enterprise:
    """Rename an enterprise, say what it does, or mark it stopped (its kind and accounts
    stay: the books already speak of them)."""
    name = _name_clean(name)
    _name_free(enterprise.commune, name, but=enterprise)
    enterprise.name = name
    enterprise.description = description.strip()[:2000]
    enterprise.active = active
    enterprise.save(update_fields=["name", "description", "active"])
    return enterprise


@transaction.atomic
def worker_add(
    *,
    enterprise: Enterprise,
    person: Person,
    job: str,
    since: dt.date,
    login: User | None = None,
) -> Worker:
    """A person of the census starts a job in the enterprise. Refused for a person of another
    commune or no longer living here, an unknown job, or a job they already hold there."""
    if person.commune_id != enterprise.commune_id:
        raise Refusal(_("That person is not in this commune's census."), field="person")
    if person.status != PersonStatus.ACTIVE:
        raise Refusal(_("That person no longer lives in the commune."), field="person")
    if job not in WorkerJob.values:
        raise Refusal(_("Choose the job."), field="job")
    if (
        Worker.objects.of(enterprise.commune_id)
        .filter(enterprise=enterprise, person=person, job=job, until__isnull=True)
        .exists()
    ):
        raise Refusal(_("That person already holds that job here."), field="person")
    try:
        with transaction.atomic():
            return Worker.objects.create(
                enterprise=enterprise, person=person, job=job, since=since, login=login
            )
    except IntegrityError:
        raise Refusal(_("That person already holds that job here."), field="person") from None


@transaction.atomic
def worker_end(*, worker: Worker, until: dt.date) -> Worker:
    """The job ends on ``until`` (not before it began; once)."""
    locked = Worker.objects.of(worker.commune_id).select_for_update().get(pk=worker.pk)
    if locked.until is not None:
        raise Refusal(_("That job has already ended."))
    if until < locked.since:
        raise Refusal(_("A job cannot end before it began."), field="until")
    locked.until = until
    locked.save(update_fields=["until"])
    return locked


def _key(token: str, index: int) -> str:
    return f"form:{token}:{index}" if token else ""


def _diesel_stock(enterprise: Enterprise) -> str:
    code = accounts.account_of(enterprise, AccountPurpose.DIESEL)
    if code is None:
        raise Refusal(_("This enterprise keeps no diesel stock."))
    return code


def diesel_receive(
    *,
    enterprise: Enterprise,
    millilitres: int,
    date: dt.date,
    by: str,
    cents: int = 0,
    paid_from: str | None = None,
    reference: str = "",
    token: str = "",
) -> list[Entry]:
    """The month's diesel ration received into the enterprise's stock (in kind, crediting
    ``RECEIVED_DIESEL``) and, when it was paid for, the money out of ``paid_from`` (the
    enterprise's cash by default) as ``EXPENSE_DIESEL``: one act, all or none."""
    if millilitres <= 0:
        raise Refusal(_("The litres received must be more than zero."), field="litres")
    if cents < 0:
        raise Refusal(_("The amount paid cannot be negative."), field="amount")
    stock = _diesel_stock(enterprise)
    paid_from = paid_from or enterprise.cash_account
    if cents and paid_from not in (*chart.CASH_ACCOUNTS, enterprise.cash_account):
        raise Refusal(_("Choose where the money came from."), field="paid_from")
    text = as_recorded(
        gettext_lazy("Diesel ration received, %(enterprise)s"), enterprise=enterprise.name
    )
    transfers = [
        Transfer(
            debit=stock,
            credit=chart.RECEIVED_DIESEL,
            amount=millilitres,
            unit="L",
            date=date,
            description=text,
            author=by,
            reference=reference,
            idempotency_key=_key(token, 0),
        )
    ]
    if cents:
        transfers.append(
            Transfer(
                debit=chart.EXPENSE_DIESEL,
                credit=paid_from,
                amount=cents,
                unit="VES",
                date=date,
                description=text,
                author=by,
                reference=reference,
                idempotency_key=_key(token, 1),
            )
        )
    return _apply(enterprise.commune, transfers, "auto")


def diesel_use(
    *,
    enterprise: Enterprise,
    millilitres: int,
    date: dt.date,
    by: str,
    description: str = "",
    reference: str = "",
    token: str = "",
) -> Entry:
    """Litres burned out of the enterprise's diesel stock (``USED_DIESEL``), for the trips
    that report them. Refused when the stock on ``date`` holds less: the ration does not go
    below zero."""
    if millilitres <= 0:
        raise Refusal(_("The litres used must be more than zero."), field="litres")
    stock = _diesel_stock(enterprise)
    left = diesel_left_ml(enterprise, on=date)
    if millilitres > left:
        raise Refusal(
            _("The diesel stock holds %(left)s L on that day; %(used)s L cannot come out of it.")
            % {"left": f"{left / 1000:g}", "used": f"{millilitres / 1000:g}"},
            code="ration_below_zero",
            field="litres",
        )
    text = description or as_recorded(
        gettext_lazy("Diesel used, %(enterprise)s"), enterprise=enterprise.name
    )
    return _apply(
        enterprise.commune,
        [
            Transfer(
                debit=chart.USED_DIESEL,
                credit=stock,
                amount=millilitres,
                unit="L",
                date=date,
                description=text,
                author=by,
                reference=reference,
                idempotency_key=_key(token, 0),
            )
        ],
        "auto",
    )[0]
