"""What a round writes in the commune's books (``comuna.ledger``).

- when a round opens: the stock received enters the in-kind stock account;
- when it closes: the units delivered leave it, and the fees collected at the tables enter
  the communal bank as food-bag or gas fee income (one entry for the day's cash, as it is
  counted and banked at the close, not one per bag).

Each entry carries an idempotency key made from the round, so a retried close posts nothing
twice, and the round as its reference, so the comptroller finds the entries behind a round.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comuna.core.language import as_recorded
from comuna.core.refusals import Refusal
from comuna.distribution import accounts
from comuna.distribution.models import ProgrammeKind, ProgrammeUnit, Round
from comuna.ledger import chart
from comuna.ledger.services import transfer_post

_STOCK = {ProgrammeUnit.BAG: accounts.STOCK_BAGS, ProgrammeUnit.CYL: accounts.STOCK_CYLINDERS}
_RECEIVED = {
    ProgrammeUnit.BAG: accounts.RECEIVED_BAGS,
    ProgrammeUnit.CYL: accounts.RECEIVED_CYLINDERS,
}
_DELIVERED = {
    ProgrammeUnit.BAG: accounts.DELIVERED_BAGS,
    ProgrammeUnit.CYL: accounts.DELIVERED_CYLINDERS,
}


def round_reference(round_: Round) -> str:
    return f"distribution-round-{round_.pk}"


def _fee_accounts(round_: Round) -> tuple[str, str]:
    if round_.programme.fee_currency == "USD":
        return chart.BANK_USD, chart.INCOME_USD
    if round_.programme.kind == ProgrammeKind.GAS:
        return chart.BANK_VES, accounts.INCOME_GAS_FEES
    return chart.BANK_VES, accounts.INCOME_FOOD_BAG_FEES


def _described(round_: Round, what: Promise) -> str:
    """An entry's description: a record, in the commune's language (``comuna.core.language``)."""
    return f"{round_.programme.name}: {as_recorded(what)}"


def _post(round_: Round, *, key: str, **kwargs: object) -> None:
    try:
        transfer_post(
            commune=round_.programme.commune,
            reference=round_reference(round_),
            idempotency_key=f"{round_reference(round_)}-{key}",
            **kwargs,  # type: ignore[arg-type]
        )
    except Refusal as refusal:
        # The books' field names a field of the books' forms, not of the round's.
        raise Refusal(refusal.message, code=refusal.code) from None


def stock_received_post(*, round_: Round, author: str) -> None:
    if round_.stock_received == 0:
        return
    unit = round_.programme.unit
    _post(
        round_,
        key="stock",
        debit=_STOCK[ProgrammeUnit(unit)],
        credit=_RECEIVED[ProgrammeUnit(unit)],
        amount=round_.stock_received,
        unit=unit,
        date=round_.received_on,
        description=_described(round_, _("stock received")),
        author=author,
    )


def round_day_post(*, round_: Round, author: str) -> None:
    totals = round_.deliveries.values_list("quantity", "fee_minor")
    delivered = sum(q for q, _f in totals)
    fees = sum(f for _q, f in totals)
    unit = round_.programme.unit
    if delivered:
        _post(
            round_,
            key="delivered",
            debit=_DELIVERED[ProgrammeUnit(unit)],
            credit=_STOCK[ProgrammeUnit(unit)],
            amount=delivered,
            unit=unit,
            date=round_.distribution_on,
            description=_described(round_, _("delivered to households")),
            author=author,
        )
    if fees:
        bank, income = _fee_accounts(round_)
        _post(
            round_,
            key="fees",
            debit=bank,
            credit=income,
            amount=fees,
            unit=round_.programme.fee_currency,
            date=round_.distribution_on,
            description=_described(round_, _("fees collected at the tables")),
            author=author,
        )
