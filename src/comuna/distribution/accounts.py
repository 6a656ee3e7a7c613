"""The accounts distribution keeps in the commune's books, added to the standard chart
(``comuna.ledger.chart``) from ``DistributionConfig.ready()``.

A round's stock received, the units delivered and the fees collected at the tables are
posted to these (``comuna.distribution.postings``); fees in US dollars go to the ledger's own
dollar accounts.

===========  ==========================================  ======  =====
code         account                                     kind    unit
===========  ==========================================  ======  =====
1.4.01       Stock: food bags                            asset   BAG
1.4.02       Stock: gas cylinders                        asset   CYL
4.1.03       Gas-distribution fees                       income  VES
4.1.04       Food-bag fees                               income  VES
4.2.01       Food bags received                          income  BAG
4.2.02       Gas cylinders received                      income  CYL
5.2.01       Food bags delivered                         expense BAG
5.2.02       Gas cylinders delivered                     expense CYL
===========  ==========================================  ======  =====
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from comuna.ledger.chart import ChartAccount
from comuna.ledger.models import AccountKind

STOCK_BAGS = "1.4.01"
STOCK_CYLINDERS = "1.4.02"
INCOME_GAS_FEES = "4.1.03"
INCOME_FOOD_BAG_FEES = "4.1.04"
RECEIVED_BAGS = "4.2.01"
RECEIVED_CYLINDERS = "4.2.02"
DELIVERED_BAGS = "5.2.01"
DELIVERED_CYLINDERS = "5.2.02"

DISTRIBUTION_CHART: tuple[ChartAccount, ...] = (
    ChartAccount(STOCK_BAGS, _("Stock: food bags"), AccountKind.ASSET, "BAG"),
    ChartAccount(STOCK_CYLINDERS, _("Stock: gas cylinders"), AccountKind.ASSET, "CYL"),
    ChartAccount(INCOME_GAS_FEES, _("Gas-distribution fees"), AccountKind.INCOME, "VES"),
    ChartAccount(INCOME_FOOD_BAG_FEES, _("Food-bag fees"), AccountKind.INCOME, "VES"),
    ChartAccount(RECEIVED_BAGS, _("Food bags received"), AccountKind.INCOME, "BAG"),
    ChartAccount(RECEIVED_CYLINDERS, _("Gas cylinders received"), AccountKind.INCOME, "CYL"),
    ChartAccount(DELIVERED_BAGS, _("Food bags delivered"), AccountKind.EXPENSE, "BAG"),
    ChartAccount(DELIVERED_CYLINDERS, _("Gas cylinders delivered"), AccountKind.EXPENSE, "CYL"),
)
