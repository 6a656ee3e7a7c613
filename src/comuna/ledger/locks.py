"""The row locks of the books, and the one order in which they are taken.

Each helper re-reads its row under ``SELECT ... FOR UPDATE`` (PostgreSQL; on SQLite the
project's ``BEGIN IMMEDIATE`` transactions already serialise writers) and must be called
inside a transaction. A function that needs several takes them in this order, never the
other way round, so that two writers queue instead of deadlocking:

1. a sharing rule (``sharing_rule_lock``);
2. the commune's posting lock, its ``LedgerHead`` row (``head_lock``): every write to the
   chain or the chart takes it, through ``services.posting_lock``;
3. a statement (``statement_lock``), approved by a meeting.

An uploaded file is locked by the import pipeline (``comuna.core.imports``) before any of
these.

An approval of the accounts carried at a vote locks the statement while holding the
meeting's and the proposal's locks: self-government's locks (``comuna.governance.locks``)
come before all of these.
"""

from __future__ import annotations

from comuna.core.models import Commune
from comuna.ledger import models


def sharing_rule_lock(rule: models.SharingRule) -> models.SharingRule:
    return models.SharingRule.objects.of(rule.commune_id).select_for_update().get(pk=rule.pk)


def head_lock(commune: Commune) -> models.LedgerHead | None:
    """The commune's head row, or None for a commune whose chart was never opened."""
    return models.LedgerHead.objects.select_for_update().filter(commune=commune).first()


def statement_lock(statement: models.Statement) -> models.Statement:
    return (
        models.Statement.objects.of(statement.commune_id).select_for_update().get(pk=statement.pk)
    )
