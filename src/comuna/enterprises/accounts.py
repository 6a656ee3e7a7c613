"""The enterprises' accounts in the commune's books, by what they hold.

The waste-collection, recycling and production apps post through these names, or better
through ``account_of(enterprise, purpose)``, which answers the code of the account an
enterprise keeps for that purpose: its own (an ``EnterpriseAccount``, opened when it was
created) or, for an enterprise that has none recorded (one made with a bare
``Enterprise.objects.create`` in a test), the standard chart's account for its kind.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from comuna.enterprises.models import AccountPurpose, Enterprise, EnterpriseAccount, EnterpriseKind
from comuna.ledger.chart import (
    COLLECTED_RECYCLABLES,
    EXPENSE_DIESEL,
    INCOME_RECYCLING_SALES,
    INCOME_WASTE_FEES,
    RECEIVED_DIESEL,
    RECYCLING_CASH,
    SOLD_RECYCLABLES,
    STOCK_DIESEL,
    STOCK_RECYCLABLES,
    USED_DIESEL,
    WASTE_CASH,
)

__all__ = [
    "COLLECTED_RECYCLABLES",
    "EXPENSE_DIESEL",
    "INCOME_RECYCLING_SALES",
    "INCOME_WASTE_FEES",
    "PURPOSES_BY_KIND",
    "PURPOSE_UNIT",
    "RECEIVED_DIESEL",
    "RECYCLING_CASH",
    "SOLD_RECYCLABLES",
    "STOCK_DIESEL",
    "STOCK_RECYCLABLES",
    "USED_DIESEL",
    "WASTE_CASH",
    "account_of",
    "accounts_of",
]

# The accounts an enterprise of each kind keeps: cash for all; a stock in kind for those that
# hold one (the collection trucks' diesel, the yard's recyclables).
PURPOSES_BY_KIND: dict[str, tuple[str, ...]] = {
    EnterpriseKind.WASTE_COLLECTION: (AccountPurpose.CASH, AccountPurpose.DIESEL),
    EnterpriseKind.RECYCLING: (AccountPurpose.CASH, AccountPurpose.RECYCLABLES),
    EnterpriseKind.PRODUCTION: (AccountPurpose.CASH,),
    EnterpriseKind.SERVICES: (AccountPurpose.CASH,),
    EnterpriseKind.OTHER: (AccountPurpose.CASH,),
}
# The unit each purpose counts in, and the group of the chart where it is opened.
PURPOSE_UNIT = {
    AccountPurpose.CASH: "VES",
    AccountPurpose.DIESEL: "L",
    AccountPurpose.RECYCLABLES: "KG",
}
PURPOSE_GROUP = {
    AccountPurpose.CASH: "1.2.",
    AccountPurpose.DIESEL: "1.4.",
    AccountPurpose.RECYCLABLES: "1.4.",
}
# How an opened account is named in the chart (kept as written, in the commune's language).
PURPOSE_ACCOUNT_NAME = {
    AccountPurpose.CASH: _("%(enterprise)s, cash"),
    AccountPurpose.DIESEL: _("Stock: diesel, %(enterprise)s"),
    AccountPurpose.RECYCLABLES: _("Stock: recyclables, %(enterprise)s"),
}
# The standard chart's accounts, for an enterprise that has none of its own recorded.
_STANDARD: dict[tuple[str, str], str] = {
    (EnterpriseKind.WASTE_COLLECTION, AccountPurpose.DIESEL): STOCK_DIESEL,
    (EnterpriseKind.RECYCLING, AccountPurpose.RECYCLABLES): STOCK_RECYCLABLES,
}


def account_of(enterprise: Enterprise, purpose: str) -> str | None:
    """The code of the account ``enterprise`` keeps for ``purpose`` (an ``AccountPurpose``),
    or None when it keeps none (a production plant has no diesel stock of its own)."""
    recorded = (
        EnterpriseAccount.objects.of(enterprise.commune_id)
        .filter(enterprise=enterprise, purpose=purpose)
        .values_list("code", flat=True)
        .first()
    )
    if recorded is not None:
        return recorded
    if purpose == AccountPurpose.CASH:
        return enterprise.cash_account
    return _STANDARD.get((enterprise.kind, purpose))


def accounts_of(enterprise: Enterprise) -> dict[str, str]:
    """Every account ``enterprise`` keeps, purpose → code."""
    found = {p: account_of(enterprise, p) for p in AccountPurpose.values}
    return {p: code for p, code in found.items() if code is not None}
