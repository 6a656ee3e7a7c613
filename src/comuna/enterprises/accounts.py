"""The enterprises' accounts in the commune's books, by what they hold.

The waste-collection, recycling and production apps post through these names. (The codes are
the ledger chart's today; this module is where they will live once the enterprises own them.)
"""

from __future__ import annotations

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
    "RECEIVED_DIESEL",
    "RECYCLING_CASH",
    "SOLD_RECYCLABLES",
    "STOCK_DIESEL",
    "STOCK_RECYCLABLES",
    "USED_DIESEL",
    "WASTE_CASH",
]
