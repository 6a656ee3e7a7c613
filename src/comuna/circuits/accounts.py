"""The circuits' accounts in the commune's chart: food moves through the books in kind (grams),
from the producers to the outlets. Each delivery's value at the accessible price is kept on the
delivery and written in the entry's description."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from comuna.ledger.chart import ChartAccount
from comuna.ledger.models import AccountKind

RECEIVED_FOOD = "4.2.31"
DELIVERED_FOOD = "5.2.31"

CIRCUITS_CHART: tuple[ChartAccount, ...] = (
    ChartAccount(RECEIVED_FOOD, _("Circuit food from producers"), AccountKind.INCOME, "KG"),
    ChartAccount(DELIVERED_FOOD, _("Circuit food delivered to outlets"), AccountKind.EXPENSE, "KG"),
)
