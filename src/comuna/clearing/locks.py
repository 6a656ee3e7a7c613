"""Row locks of the exchange. Order: a unit of account, then its open obligations, then the
books of each commune involved in the order of their ids (``ledger.services.posting_lock``)."""

from __future__ import annotations

from django.db.models import QuerySet

from comuna.clearing.models import Obligation, UnitOfAccount


def unit_lock(unit: UnitOfAccount) -> UnitOfAccount:
    """Serialises the runs (and the recording of obligations) of one unit of account."""
    return UnitOfAccount.objects.select_for_update().get(pk=unit.pk)


def obligations_lock(obligations: QuerySet[Obligation]) -> list[Obligation]:
    return list(obligations.select_for_update().order_by("pk"))
