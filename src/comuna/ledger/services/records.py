"""The short forms for non-accountants: emergency aid, and any one double entry, each proposed
instead when it needs four eyes.

(The recyclables collected and sold and the diesel are posted by the apps that do the work:
the recycling yard's weigh-ins and sales, the waste-collection enterprise's diesel ration and
trips; see ``comuna.enterprises``.)"""

from __future__ import annotations

import datetime as dt

from comuna.core.models import Commune
from comuna.engines.ledger import Transfer
from comuna.ledger import chart, models
from comuna.ledger.services.posting import _apply


def _key(token: str, index: int) -> str:
    return f"form:{token}:{index}" if token else ""


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
