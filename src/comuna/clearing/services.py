"""Every write of the exchange: units of account, parties, agreements, obligations and clearing
runs, each in one transaction, refused with a ``Refusal`` that changes nothing.

Books: an obligation is posted in the debtor's commune as an expense against a payable to the
creditor, and in the creditor's commune as a receivable from the debtor against income, each
account kept per party, counterparty and unit (``ExchangeAccount``, opened on first use:
``1.7.NN`` receivables, ``2.7.NN`` payables, ``4.7.NN`` income, ``5.7.NN`` expenses). A run
posts, for every party, its cleared payables against its cleared receivables (a party's two
sums are equal: clearing never changes a net position).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.census.models import Council
from comuna.clearing import locks
from comuna.clearing.models import (
    CURRENCIES,
    AccountPurpose,
    AgreementKind,
    ClearingRun,
    ExchangeAccount,
    ExchangeAgreement,
    Obligation,
    ObligationCleared,
    Party,
    PartyKind,
    RunPosition,
    UnitKind,
    UnitOfAccount,
)
from comuna.core.language import as_recorded
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines import clearing as engine
from comuna.enterprises.models import Enterprise
from comuna.ledger.models import Account, AccountKind
from comuna.ledger.services import account_open, entry_date_check, transfer_post_or_propose
from comuna.users.models import User

_UNIT_CODE = re.compile(r"[A-Z][A-Z0-9]{1,11}")
# Obligations are counted in minor units; beyond this an amount is surely a typo.
MAX_AMOUNT = 10**15

_GROUP = {
    AccountPurpose.RECEIVABLE: ("1.7.", AccountKind.ASSET, 0),
    AccountPurpose.PAYABLE: ("2.7.", AccountKind.LIABILITY, 0),
    AccountPurpose.INCOME: ("4.7.", AccountKind.INCOME, None),
    AccountPurpose.EXPENSE: ("5.7.", AccountKind.EXPENSE, None),
}
_ACCOUNT_NAME = {
    AccountPurpose.RECEIVABLE: gettext_lazy("%(party)s: owed by %(counterparty)s (%(unit)s)"),
    AccountPurpose.PAYABLE: gettext_lazy("%(party)s: owed to %(counterparty)s (%(unit)s)"),
    AccountPurpose.INCOME: gettext_lazy("%(party)s: given in exchange (%(unit)s)"),
    AccountPurpose.EXPENSE: gettext_lazy("%(party)s: received in exchange (%(unit)s)"),
}


def _author(by: User | None) -> str:
    return by.get_username() if by is not None else "comuna"


# ---------------------------------------------------------------- units of account


@transaction.atomic
def unit_of_account_define(
    *,
    code: str,
    name: str,
    kind: str,
    currency: str = "",
    basket: str = "",
    by: User | None,
) -> UnitOfAccount:
    """The federation defines a unit of account: a reference basket (one good a line) or a
    currency of the books (VES, USD). Only the installation's superuser, who stands for the
    federation, defines one (``by`` None is the system, as the demo)."""
    if by is not None and not by.is_superuser:
        raise Refusal(
            _("Only the federation (the installation's superuser) defines units of account."),
            code="forbidden",
            status=403,
        )
    code = code.strip().upper()
    name = " ".join(name.split())
    if not _UNIT_CODE.fullmatch(code):
        raise Refusal(
            _("Write the code in capital letters and digits, 2 to 12 of them (CESTA1)."),
            field="code",
        )
    if not name:
        raise Refusal(_("Name the unit of account."), field="name")
    if UnitOfAccount.objects.filter(code=code).exists():
        raise Refusal(
            _("There is already a unit of account %(code)s.") % {"code": code}, field="code"
        )
    if kind == UnitKind.CURRENCY:
        currency = currency.strip().upper()
        if currency not in CURRENCIES:
            raise Refusal(
                _("Choose a currency the books keep: %(currencies)s.")
                % {"currencies": ", ".join(CURRENCIES)},
                field="currency",
            )
        basket = ""
    elif kind == UnitKind.BASKET:
        currency = ""
        basket = "\n".join(line.strip() for line in basket.splitlines() if line.strip())
        if not basket:
            raise Refusal(
                _("Say what one unit of the basket holds: one good a line (2 kg arroz)."),
                field="basket",
            )
    else:
        raise Refusal(_("Choose the kind of unit."), field="kind")
    return UnitOfAccount.objects.create(
        code=code, name=name, kind=kind, currency=currency, basket=basket, defined_by=by
    )


# ---------------------------------------------------------------- parties


@transaction.atomic
def party_for(
    commune: Commune,
    *,
    enterprise: Enterprise | None = None,
    council: Council | None = None,
) -> Party:
    """The party that stands for the commune itself, or for one of its enterprises or
    councils; made on first use."""
    if enterprise is not None:
        if enterprise.commune_id != commune.pk:
            raise Refusal(_("That enterprise is not of this commune."), field="party")
        found = Party.objects.of(commune).filter(enterprise=enterprise).first()
        if found is None:
            found = Party.objects.create(
                commune=commune,
                kind=PartyKind.ENTERPRISE,
                enterprise=enterprise,
                name=enterprise.name,
            )
        return found
    if council is not None:
        if council.commune_id != commune.pk:
            raise Refusal(_("That council is not of this commune."), field="party")
        found = Party.objects.of(commune).filter(council=council).first()
        if found is None:
            found = Party.objects.create(
                commune=commune, kind=PartyKind.COUNCIL, council=council, name=council.name
            )
        return found
    found = Party.objects.of(commune).filter(kind=PartyKind.COMMUNE).first()
    if found is None:
        found = Party.objects.create(commune=commune, kind=PartyKind.COMMUNE, name=commune.name)
    return found


# ---------------------------------------------------------------- agreements


def _unit_check(unit: UnitOfAccount | None) -> UnitOfAccount:
    if unit is None or not UnitOfAccount.objects.filter(pk=unit.pk).exists():
        raise Refusal(
            _("The federation defines no such unit of account: choose one of its units."),
            field="unit",
            code="unknown_unit",
        )
    return unit


@transaction.atomic
def agreement_record(
    *,
    first: Party,
    second: Party,
    kind: str,
    unit: UnitOfAccount | None,
    first_gives: str,
    second_gives: str,
    signed_on: dt.date,
    by: User | None,
) -> ExchangeAgreement:
    """An agreement between two parties, of the same commune or of two, valued in a unit of
    account the federation defines."""
    if first.pk == second.pk:
        raise Refusal(_("An agreement is between two different parties."), field="second")
    if kind not in AgreementKind.values:
        raise Refusal(_("Choose what is exchanged."), field="kind")
    unit = _unit_check(unit)
    first_gives, second_gives = " ".join(first_gives.split()), " ".join(second_gives.split())
    if not first_gives or not second_gives:
        raise Refusal(_("Say what each party gives."), field="first_gives")
    if signed_on > timezone.localdate():
        raise Refusal(_("An agreement is recorded once it is signed."), field="signed_on")
    return ExchangeAgreement.objects.create(
        first=first,
        second=second,
        kind=kind,
        unit=unit,
        first_gives=first_gives[:300],
        second_gives=second_gives[:300],
        signed_on=signed_on,
        recorded_by=by,
    )


# ---------------------------------------------------------------- books


def _next_code(commune: Commune, group: str) -> str:
    taken = (
        Account.objects.of(commune).filter(code__startswith=group).values_list("code", flat=True)
    )
    numbers = [int(code[len(group) :]) for code in taken if code[len(group) :].isdigit()]
    return f"{group}{max(numbers, default=0) + 1:02d}"


def exchange_account(
    party: Party, unit: UnitOfAccount, purpose: str, counterparty: Party | None = None
) -> str:
    """The code of the party's account for ``purpose`` (against ``counterparty`` for a
    receivable or payable), opened in its commune's chart on first use."""
    commune = party.commune
    found = (
        ExchangeAccount.objects.of(commune)
        .filter(party=party, unit=unit, purpose=purpose, counterparty=counterparty)
        .values_list("code", flat=True)
        .first()
    )
    if found is not None:
        return found
    group, kind, floor = _GROUP[AccountPurpose(purpose)]
    code = _next_code(commune, group)
    account_open(
        commune=commune,
        code=code,
        name=as_recorded(
            _ACCOUNT_NAME[AccountPurpose(purpose)],
            party=party.name,
            counterparty=counterparty.name if counterparty else "",
            unit=unit.code,
        )[:200],
        kind=kind,
        unit=unit.books_unit,
        floor=floor,
    )
    ExchangeAccount.objects.create(
        commune=commune,
        party=party,
        counterparty=counterparty,
        unit=unit,
        purpose=purpose,
        code=code,
    )
    return code


def _post(
    party: Party,
    *,
    debit: str,
    credit: str,
    amount: int,
    unit: UnitOfAccount,
    day: dt.date,
    description: str,
    by: User | None,
    key: str,
) -> None:
    transfer_post_or_propose(
        commune=party.commune,
        debit=debit,
        credit=credit,
        amount=amount,
        unit=unit.books_unit,
        date=day,
        description=description[:200],
        author=_author(by),
        reference=key[:64],
        idempotency_key=key,
    )


# ---------------------------------------------------------------- obligations


@transaction.atomic
def obligation_record(
    *,
    debtor: Party,
    creditor: Party,
    amount: int,
    unit: UnitOfAccount | None,
    arose_on: dt.date,
    due_on: dt.date,
    what: str,
    agreement: ExchangeAgreement | None = None,
    by: User | None,
    booked_on: dt.date | None = None,
) -> Obligation:
    """``debtor`` owes ``creditor`` ``amount`` minor units of ``unit``, posted in both parties'
    books against each other. Refused, changing nothing: an obligation to oneself, an amount
    that is not above zero, a unit the federation does not define, a due date before the
    day it arose, an agreement that is not between these two parties or not in this unit.
    The entries are dated ``booked_on`` (by default the day it arose): a debt that arose in a
    period whose books are closed is booked in the open one."""
    if debtor.pk == creditor.pk:
        raise Refusal(
            _("A party cannot owe itself: choose two different parties."),
            field="creditor",
            code="to_oneself",
        )
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise Refusal(_("The amount must be above zero."), field="amount", code="not_positive")
    if amount > MAX_AMOUNT:
        raise Refusal(_("The amount is too large."), field="amount")
    unit = _unit_check(unit)
    if due_on < arose_on:
        raise Refusal(_("The due date cannot come before the day it arose."), field="due_on")
    entry_date_check(arose_on)
    booked_on = booked_on or arose_on
    entry_date_check(booked_on)
    what = " ".join(what.split())
    if not what:
        raise Refusal(_("Say what the obligation is for."), field="what")
    if agreement is not None:
        if {agreement.first_id, agreement.second_id} != {debtor.pk, creditor.pk}:
            raise Refusal(_("That agreement is not between these two parties."), field="agreement")
        if agreement.unit_id != unit.pk:
            raise Refusal(_("That agreement is valued in another unit."), field="unit")
    locks.unit_lock(unit)
    obligation = Obligation.objects.create(
        agreement=agreement,
        debtor=debtor,
        creditor=creditor,
        unit=unit,
        amount=amount,
        arose_on=arose_on,
        due_on=due_on,
        what=what[:300],
        recorded_by=by,
    )
    description = as_recorded(
        gettext_lazy("Exchange: %(debtor)s owes %(creditor)s for %(what)s"),
        debtor=debtor.name,
        creditor=creditor.name,
        what=obligation.what,
    )
    sides = sorted([("debtor", debtor), ("creditor", creditor)], key=lambda s: s[1].commune_id)
    for side, party in sides:
        if side == "debtor":
            debit = exchange_account(debtor, unit, AccountPurpose.EXPENSE)
            credit = exchange_account(debtor, unit, AccountPurpose.PAYABLE, creditor)
        else:
            debit = exchange_account(creditor, unit, AccountPurpose.RECEIVABLE, debtor)
            credit = exchange_account(creditor, unit, AccountPurpose.INCOME)
        _post(
            party,
            debit=debit,
            credit=credit,
            amount=amount,
            unit=unit,
            day=booked_on,
            description=description,
            by=by,
            key=f"clearing:o:{obligation.uuid}:{side}",
        )
    return obligation


# ---------------------------------------------------------------- clearing runs


def _fingerprint(unit: UnitOfAccount, rows: list[Obligation]) -> str:
    digest = hashlib.sha256(f"{unit.uuid}".encode())
    for row in rows:
        digest.update(f"|{row.uuid}:{row.open_amount}".encode())
    return digest.hexdigest()


def clearing_preview(unit: UnitOfAccount) -> engine.Clearing:
    """What a run would clear now, computed and not saved."""
    rows = [o for o in Obligation.objects.filter(unit=unit, cleared__lt=F("amount")).order_by("pk")]
    return engine.clear(_engine_obligations(rows))


def _engine_obligations(rows: list[Obligation]) -> list[engine.Obligation]:
    return [
        engine.Obligation(
            id=str(o.pk),
            debtor=str(o.debtor_id),
            creditor=str(o.creditor_id),
            amount=o.open_amount,
            rank=o.due_on.toordinal(),
        )
        for o in rows
    ]


@transaction.atomic
def clearing_run(*, unit: UnitOfAccount, day: dt.date, by: User | None) -> ClearingRun:
    """Clear the open obligations of ``unit``: the most debt that can be cancelled without
    changing any party's net position, oldest due date first within each pair of parties.
    Keeps what each obligation and party had before and after, and posts every party's
    cleared payables against its cleared receivables in its commune's books, all in one
    transaction. Run by the federation (the superuser; ``by`` None is the system). Refused
    when there is nothing to clear, so the same open obligations are never cleared twice."""
    if by is not None and not by.is_superuser:
        raise Refusal(
            _("Only the federation (the installation's superuser) runs a clearing."),
            code="forbidden",
            status=403,
        )
    entry_date_check(day)
    unit = locks.unit_lock(_unit_check(unit))
    rows = locks.obligations_lock(
        Obligation.objects.filter(unit=unit, cleared__lt=F("amount")).select_related(
            "debtor", "creditor", "debtor__commune", "creditor__commune"
        )
    )
    result = engine.clear(_engine_obligations(rows))
    if result.total_cleared == 0:
        raise Refusal(
            _("There is nothing to clear in %(unit)s: no open debt runs in a cycle.")
            % {"unit": unit.code},
            code="nothing_to_clear",
        )
    key = _fingerprint(unit, rows)
    if ClearingRun.objects.filter(key=key).exists():  # pragma: no cover - cleared is then 0
        raise Refusal(_("These obligations were already cleared."), code="already_cleared")
    run = ClearingRun.objects.create(
        unit=unit,
        run_on=day,
        run_by=by,
        obligations=len(rows),
        total_debt=result.total_debt,
        total_cleared=result.total_cleared,
        key=key,
    )
    parties = {o.debtor_id: o.debtor for o in rows} | {o.creditor_id: o.creditor for o in rows}
    ObligationCleared.objects.bulk_create(
        ObligationCleared(
            run=run, obligation=o, open_before=o.open_amount, cleared=result.cleared[str(o.pk)]
        )
        for o in rows
    )
    RunPosition.objects.bulk_create(
        RunPosition(
            run=run,
            party=parties[int(p.party)],
            commune_id=parties[int(p.party)].commune_id,
            payable_before=p.payable_before,
            receivable_before=p.receivable_before,
            payable_after=p.payable_after,
            receivable_after=p.receivable_after,
        )
        for p in result.positions
    )
    # Each party's cleared payables (by creditor) and receivables (by debtor).
    payables: dict[int, list[tuple[Party, int]]] = defaultdict(list)
    receivables: dict[int, list[tuple[Party, int]]] = defaultdict(list)
    for o in rows:
        cleared = result.cleared[str(o.pk)]
        if cleared == 0:
            continue
        Obligation.objects.filter(pk=o.pk).update(cleared=F("cleared") + cleared)
        payables[o.debtor_id].append((o.creditor, cleared))
        receivables[o.creditor_id].append((o.debtor, cleared))
    description = as_recorded(
        gettext_lazy("Clearing of %(date)s in %(unit)s"), date=day.isoformat(), unit=unit.code
    )
    for party in sorted(parties.values(), key=lambda p: (p.commune_id, p.pk)):
        owed = _merged(payables.get(party.pk, []))
        held = _merged(receivables.get(party.pk, []))
        for k, (creditor, debtor, amount) in enumerate(_matched(owed, held)):
            _post(
                party,
                debit=exchange_account(party, unit, AccountPurpose.PAYABLE, creditor),
                credit=exchange_account(party, unit, AccountPurpose.RECEIVABLE, debtor),
                amount=amount,
                unit=unit,
                day=day,
                description=description,
                by=by,
                key=f"clearing:r:{run.uuid}:{party.uuid}:{k}",
            )
    return run


def _merged(items: list[tuple[Party, int]]) -> list[tuple[Party, int]]:
    totals: dict[int, int] = defaultdict(int)
    by_pk: dict[int, Party] = {}
    for party, amount in items:
        totals[party.pk] += amount
        by_pk[party.pk] = party
    return [(by_pk[pk], totals[pk]) for pk in sorted(totals)]


def _matched(
    owed: list[tuple[Party, int]], held: list[tuple[Party, int]]
) -> list[tuple[Party, Party, int]]:
    """Pairs the party's cleared payables with its cleared receivables, in order:
    (creditor, debtor, amount) for each entry "payable to creditor against receivable from
    debtor". The two sums are equal (clearing keeps the net position)."""
    lines: list[tuple[Party, Party, int]] = []
    i = j = 0
    left_owed = owed[0][1] if owed else 0
    left_held = held[0][1] if held else 0
    while i < len(owed) and j < len(held):
        amount = min(left_owed, left_held)
        lines.append((owed[i][0], held[j][0], amount))
        left_owed -= amount
        left_held -= amount
        if left_owed == 0:
            i += 1
            left_owed = owed[i][1] if i < len(owed) else 0
        if left_held == 0:
            j += 1
            left_held = held[j][1] if j < len(held) else 0
    return lines


# ---------------------------------------------------------------- parties by key


def party_of_key(key: str) -> Party:
    """The party a form or the API names: ``c:ID`` a commune, ``e:ID`` one of its
    enterprises, ``k:ID`` one of its councils (made on first use)."""
    kind, _sep, raw = key.partition(":")
    if not raw.isdigit() or len(raw) > 18:
        raise Refusal(_("There is no such party."), field="party", code="unknown_party")
    pk = int(raw)
    if kind == "c":
        commune = Commune.objects.filter(pk=pk).first()
        if commune is not None:
            return party_for(commune)
    elif kind == "e":
        # Any commune's enterprise: the exchange stands above one commune.
        enterprise = (
            Enterprise.objects.all_communes().filter(pk=pk).select_related("commune").first()
        )
        if enterprise is not None:
            return party_for(enterprise.commune, enterprise=enterprise)
    elif kind == "k":
        council = Council.objects.all_communes().filter(pk=pk).select_related("commune").first()
        if council is not None:
            return party_for(council.commune, council=council)
    raise Refusal(_("There is no such party."), field="party", code="unknown_party")


def party_of_reference(text: str, *, field: str = "party") -> Party:
    """The party a person names by its reference: ``code`` a commune of the installation;
    ``code/name`` one of its enterprises (by name) or councils (by code or name). Other
    communes are named, never listed, so that no page of one commune shows another's."""
    code, _sep, name = text.strip().partition("/")
    commune = Commune.objects.filter(code=code.strip().lower()).first()
    if commune is None:
        raise Refusal(
            _("There is no commune with the code “%(code)s”.") % {"code": code}, field=field
        )
    name = name.strip()
    if not name:
        return party_for(commune)
    enterprise = Enterprise.objects.of(commune).filter(name__iexact=name).first()
    if enterprise is not None:
        return party_for(commune, enterprise=enterprise)
    council = (
        Council.objects.of(commune).filter(Q(code__iexact=name) | Q(name__iexact=name)).first()
    )
    if council is not None:
        return party_for(commune, council=council)
    raise Refusal(
        _("%(commune)s has no enterprise or council called “%(name)s”.")
        % {"commune": commune.code, "name": name},
        field=field,
    )
