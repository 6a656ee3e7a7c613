"""The short forms for non-accountants: recyclables collected and sold, diesel, emergency
aid, and any one double entry, each proposed instead when it needs four eyes."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.core.language import as_recorded
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines.ledger import Transfer
from comuna.ledger import chart, models
from comuna.ledger.services.posting import _apply


def _key(token: str, index: int) -> str:
    return f"form:{token}:{index}" if token else ""


def collection_record(
    *, commune: Commune, grams: int, material: str, date: dt.date, by: str, token: str = ""
) -> list[models.Entry]:
    """Recyclables collected: goods into the recycling stock (in kind, in grams)."""
    return _apply(
        commune,
        [
            Transfer(
                debit=chart.STOCK_RECYCLABLES,
                credit=chart.COLLECTED_RECYCLABLES,
                amount=grams,
                unit="KG",
                date=date,
                description=as_recorded(gettext_lazy("Collected: %(material)s"), material=material),
                author=by,
                idempotency_key=_key(token, 0),
            )
        ],
        "auto",
    )


def sale_record(
    *,
    commune: Commune,
    grams: int,
    cents: int,
    material: str,
    buyer: str,
    date: dt.date,
    by: str,
    token: str = "",
) -> list[models.Entry]:
    """A sale of recyclables: the money into the recycling enterprise's cash, the goods out
    of its stock. Refused if the stock does not hold what was sold."""
    text = as_recorded(gettext_lazy("Sale of %(material)s"), material=material)
    return _apply(
        commune,
        [
            Transfer(
                debit=chart.RECYCLING_CASH,
                credit=chart.INCOME_RECYCLING_SALES,
                amount=cents,
                unit="VES",
                date=date,
                description=text,
                author=by,
                reference=buyer,
                idempotency_key=_key(token, 0),
            ),
            Transfer(
                debit=chart.SOLD_RECYCLABLES,
                credit=chart.STOCK_RECYCLABLES,
                amount=grams,
                unit="KG",
                date=date,
                description=text,
                author=by,
                reference=buyer,
                idempotency_key=_key(token, 1),
            ),
        ],
        "auto",
    )


def diesel_record(
    *,
    commune: Commune,
    millilitres: int,
    cents: int,
    paid_from: str,
    vehicle: str,
    date: dt.date,
    by: str,
    token: str = "",
) -> list[models.Entry]:
    """Diesel bought and put in a truck: the money as an expense, the litres in kind."""
    if paid_from not in chart.CASH_ACCOUNTS:
        raise Refusal(_("Choose where the money came from."), field="paid_from")
    text = as_recorded(gettext_lazy("Diesel")) + (f" ({vehicle})" if vehicle else "")
    return _apply(
        commune,
        [
            Transfer(
                debit=chart.EXPENSE_DIESEL,
                credit=paid_from,
                amount=cents,
                unit="VES",
                date=date,
                description=text,
                author=by,
                idempotency_key=_key(token, 0),
            ),
            Transfer(
                debit=chart.USED_DIESEL,
                credit=chart.RECEIVED_DIESEL,
                amount=millilitres,
                unit="L",
                date=date,
                description=text,
                author=by,
                idempotency_key=_key(token, 1),
            ),
        ],
        "auto",
    )


def emergency_aid_record(
    *, commune: Commune, cents: int, what: str, case: str, date: dt.date, by: str, token: str = ""
) -> list[models.Entry]:
    """The emergency fund pays for a family's need (surgery supplies, medicines...)."""
    return _apply(
        commune,
        [
            Transfer(
                debit=chart.EXPENSE_EMERGENCY_AID,
                credit=chart.EMERGENCY_FUND,
                amount=cents,
                unit="VES",
                date=date,
                description=what,
                author=by,
                reference=case,
                idempotency_key=_key(token, 0),
            )
        ],
        "auto",
    )


def transfer_record(
    *,
    commune: Commune,
    debit: str,
    credit: str,
    amount: int,
    date: dt.date,
    description: str,
    reference: str,
    by: str,
    token: str = "",
) -> models.Entry:
    """Any double entry from the book-keepers' form (proposed when above the threshold)."""
    account = models.Account.objects.of(commune).filter(code=debit).first()
    unit = account.unit if account is not None else "VES"
    return _apply(
        commune,
        [
            Transfer(
                debit=debit,
                credit=credit,
                amount=amount,
                unit=unit,
                date=date,
                description=description,
                author=by,
                reference=reference,
                idempotency_key=_key(token, 0),
            )
        ],
        "auto",
    )[0]
