"""Budgets: what an organ plans on an account over a period."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.ledger import models


@transaction.atomic
def budget_line_set(
    *,
    commune: Commune,
    organ: str,
    start: dt.date,
    end: dt.date,
    account: models.Account,
    amount: int,
) -> models.Budget:
    """Set what an organ plans on one account over a period (replaces the same line)."""
    organ = organ.strip()
    if not organ:
        raise Refusal(_("Name the organ."), field="organ")
    if end < start:
        raise Refusal(_("The period ends before it starts."), field="end")
    if amount <= 0:
        raise Refusal(_("The amount must be greater than zero."), field="amount")
    if account.commune_id != commune.pk or account.kind not in ("income", "expense"):
        raise Refusal(_("Budgets are set on income and expense accounts."), field="account")
    line, _created = models.Budget.objects.update_or_create(
        commune=commune,
        organ=organ[:150],
        start=start,
        end=end,
        account=account,
        defaults={"amount": amount},
    )
    return line
