"""The row locks of the co-managed enterprises, and the order in which they are taken.

Each helper re-reads its row under ``SELECT ... FOR UPDATE`` (PostgreSQL; on SQLite the
project's ``BEGIN IMMEDIATE`` transactions already serialise writers) and must be called
inside a transaction. Applying a period's rule takes, in this order:

1. the enterprise (``comanaged_lock``): shares and results of one enterprise change one at a
   time, so the shares never add up past 100% under two requests;
2. the period's results (``result_lock``): the second of two requests that apply the same
   period waits here, then finds it applied and posts nothing;
3. the posting locks of the communes' books (``comuna.ledger.locks.head_lock``, through the
   ledger's posting), **in the order of the communes' ids**, the host's among them, so that two
   enterprises sharing into the same communes queue instead of deadlocking.

Self-government's locks (a decision, a seat) come before all of these.
"""

from __future__ import annotations

from comuna.comanaged.models import Comanaged, PeriodResult


def comanaged_lock(comanaged: Comanaged) -> Comanaged:
    return Comanaged.objects.of(comanaged.commune_id).select_for_update().get(pk=comanaged.pk)


def result_lock(result: PeriodResult) -> PeriodResult:
    return PeriodResult.objects.of(result.commune_id).select_for_update().get(pk=result.pk)
