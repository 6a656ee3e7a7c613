"""The commune's standard chart of accounts: the ledger's own, and those other apps contribute.

Codes are groups of digits separated by dots; the first digit says the kind, as in most
charts: 1 assets, 2 liabilities, 3 funds (equity), 4 income, 5 expenses; group 1.4 holds the
stocks in kind. Every account counts in one unit (see ``comuna.engines.ledger.units``). The
funds the assembly earmarks (social investment, emergencies) are kept as money pots (assets)
so that their balance is "what is in the pot", and a payment from one reads as a payment.

The ledger's own accounts (``LEDGER_CHART``):

===========  ==========================================  ======  =====
code         account                                     kind    unit
===========  ==========================================  ======  =====
1.1.01       Communal bank, bolívares                    asset   VES
1.1.02       Communal bank, US dollars                   asset   USD
1.2.01       Waste-collection enterprise (EPS), cash     asset   VES
1.2.02       Recycling enterprise (EPS), cash            asset   VES
1.3.01       Social investment fund                      asset   VES
1.3.02       Emergency fund                              asset   VES
1.4.03       Stock: diesel                               asset   L
1.4.04       Stock: cardboard and recyclables            asset   KG
2.1.01       Surplus owed to neighbouring communes       liab.   VES
3.1.01       Commune's capital, bolívares                fund    VES
3.1.02       Commune's capital, US dollars               fund    USD
4.1.01       Waste-collection fees                       income  VES
4.1.02       Sales of recyclables                        income  VES
4.1.05       Contributions and donations                 income  VES
4.1.06       Income in US dollars                        income  USD
4.2.03       Diesel received                             income  L
4.2.04       Recyclables collected                       income  KG
5.1.01       Wages                                       expense VES
5.1.02       Diesel                                      expense VES
5.1.03       Maintenance                                 expense VES
5.1.04       Raw materials                               expense VES
5.1.05       Medical and emergency aid                   expense VES
5.1.06       Social investment works                     expense VES
5.1.07       Office and other expenses                   expense VES
5.1.08       Expenses in US dollars                      expense USD
5.2.03       Diesel used                                 expense L
5.2.04       Recyclables sold                            expense KG
===========  ==========================================  ======  =====

Every asset has a floor of zero: cash in hand, a fund or a stock never goes below zero.

An app whose work is kept in the books contributes its accounts from its
``AppConfig.ready()`` (``chart_contribute``): distribution, its stocks of food bags and gas
cylinders and their fees (``comuna.distribution.accounts``). The ledger knows none of them by
name. A commune opens the whole chart once, when it is created (``chart_ensure``, run by
``comuna.core.services.commune_create``); reading the books never writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comuna.core.models import Commune
from comuna.ledger.models import Account, AccountKind, LedgerHead

BANK_VES = "1.1.01"
BANK_USD = "1.1.02"
WASTE_CASH = "1.2.01"
RECYCLING_CASH = "1.2.02"
SOCIAL_FUND = "1.3.01"
EMERGENCY_FUND = "1.3.02"
STOCK_DIESEL = "1.4.03"
STOCK_RECYCLABLES = "1.4.04"
OWED_TO_COMMUNES = "2.1.01"
CAPITAL_VES = "3.1.01"
CAPITAL_USD = "3.1.02"
INCOME_WASTE_FEES = "4.1.01"
INCOME_RECYCLING_SALES = "4.1.02"
INCOME_DONATIONS = "4.1.05"
INCOME_USD = "4.1.06"
RECEIVED_DIESEL = "4.2.03"
COLLECTED_RECYCLABLES = "4.2.04"
EXPENSE_WAGES = "5.1.01"
EXPENSE_DIESEL = "5.1.02"
EXPENSE_MAINTENANCE = "5.1.03"
EXPENSE_RAW_MATERIALS = "5.1.04"
EXPENSE_EMERGENCY_AID = "5.1.05"
EXPENSE_SOCIAL_WORKS = "5.1.06"
EXPENSE_OTHER = "5.1.07"
EXPENSE_USD = "5.1.08"
USED_DIESEL = "5.2.03"
SOLD_RECYCLABLES = "5.2.04"

# The accounts whose balances the public page shows: the pots the assembly watches (and
# every stock of the standard chart, ``stocks()``).
FUNDS = (BANK_VES, BANK_USD, SOCIAL_FUND, EMERGENCY_FUND)
ENTERPRISES = (WASTE_CASH, RECYCLING_CASH)
STOCK_GROUP = "1.4."
# Where money can come from or go to in the forms for non-accountants.
CASH_ACCOUNTS = (BANK_VES, WASTE_CASH, RECYCLING_CASH, SOCIAL_FUND, EMERGENCY_FUND)


@dataclass(frozen=True)
class ChartAccount:
    code: str
    name: Promise
    kind: AccountKind
    unit: str

    @property
    def floor(self) -> int | None:
        return 0 if self.kind == AccountKind.ASSET else None


A, LIA, F, INC, E = (
    AccountKind.ASSET,
    AccountKind.LIABILITY,
    AccountKind.FUND,
    AccountKind.INCOME,
    AccountKind.EXPENSE,
)

LEDGER_CHART: tuple[ChartAccount, ...] = (
    ChartAccount(BANK_VES, _("Communal bank, bolívares"), A, "VES"),
    ChartAccount(BANK_USD, _("Communal bank, US dollars"), A, "USD"),
    ChartAccount(WASTE_CASH, _("Waste-collection enterprise, cash"), A, "VES"),
    ChartAccount(RECYCLING_CASH, _("Recycling enterprise, cash"), A, "VES"),
    ChartAccount(SOCIAL_FUND, _("Social investment fund"), A, "VES"),
    ChartAccount(EMERGENCY_FUND, _("Emergency fund"), A, "VES"),
    ChartAccount(STOCK_DIESEL, _("Stock: diesel"), A, "L"),
    ChartAccount(STOCK_RECYCLABLES, _("Stock: cardboard and recyclables"), A, "KG"),
    ChartAccount(OWED_TO_COMMUNES, _("Surplus owed to neighbouring communes"), LIA, "VES"),
    ChartAccount(CAPITAL_VES, _("Commune's capital, bolívares"), F, "VES"),
    ChartAccount(CAPITAL_USD, _("Commune's capital, US dollars"), F, "USD"),
    ChartAccount(INCOME_WASTE_FEES, _("Waste-collection fees"), INC, "VES"),
    ChartAccount(INCOME_RECYCLING_SALES, _("Sales of recyclables"), INC, "VES"),
    ChartAccount(INCOME_DONATIONS, _("Contributions and donations"), INC, "VES"),
    ChartAccount(INCOME_USD, _("Income in US dollars"), INC, "USD"),
    ChartAccount(RECEIVED_DIESEL, _("Diesel received"), INC, "L"),
    ChartAccount(COLLECTED_RECYCLABLES, _("Recyclables collected"), INC, "KG"),
    ChartAccount(EXPENSE_WAGES, _("Wages"), E, "VES"),
    ChartAccount(EXPENSE_DIESEL, _("Diesel"), E, "VES"),
    ChartAccount(EXPENSE_MAINTENANCE, _("Maintenance"), E, "VES"),
    ChartAccount(EXPENSE_RAW_MATERIALS, _("Raw materials"), E, "VES"),
    ChartAccount(EXPENSE_EMERGENCY_AID, _("Medical and emergency aid"), E, "VES"),
    ChartAccount(EXPENSE_SOCIAL_WORKS, _("Social investment works"), E, "VES"),
    ChartAccount(EXPENSE_OTHER, _("Office and other expenses"), E, "VES"),
    ChartAccount(EXPENSE_USD, _("Expenses in US dollars"), E, "USD"),
    ChartAccount(USED_DIESEL, _("Diesel used"), E, "L"),
    ChartAccount(SOLD_RECYCLABLES, _("Recyclables sold"), E, "KG"),
)


_contributed: dict[str, ChartAccount] = {}


def chart_contribute(accounts: Iterable[ChartAccount]) -> None:
    """Add an app's accounts to the standard chart (from its ``AppConfig.ready()``)."""
    for account in accounts:
        known = _contributed.get(account.code)
        if known is not None and known != account:
            raise ImproperlyConfigured(f"Two accounts of the chart have the code {account.code}.")
        _contributed[account.code] = account


def standard_chart() -> tuple[ChartAccount, ...]:
    """Every account a commune opens with, the ledger's and the apps', by code."""
    return tuple(sorted(_contributed.values(), key=lambda account: account.code))


def stocks() -> tuple[str, ...]:
    """The stocks in kind of the standard chart, whichever app keeps them: the pots of goods
    that the public page shows."""
    return tuple(a.code for a in standard_chart() if a.code.startswith(STOCK_GROUP))


def chart_ensure(commune: Commune) -> list[Account]:
    """Open every standard account the commune lacks (and its head row); idempotent.

    Run once when the commune is created (a ``comuna.core.hooks`` hook), and by the first
    posting of a commune created before communes opened their chart on creation.

    Names are stored as their English message ids and shown translated
    (``Account.display_name``), so the chart reads in each reader's language.
    """
    with transaction.atomic(), translation.override("en"):
        LedgerHead.objects.get_or_create(commune=commune)
        have = set(Account.objects.of(commune).values_list("code", flat=True))
        Account.objects.bulk_create(
            [
                Account(
                    commune=commune,
                    code=a.code,
                    name=str(a.name),
                    kind=a.kind,
                    unit=a.unit,
                    floor=a.floor,
                )
                for a in standard_chart()
                if a.code not in have
            ]
        )
        return list(Account.objects.of(commune).order_by("code"))
