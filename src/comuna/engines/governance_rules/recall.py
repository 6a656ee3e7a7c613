"""Recall: a spokesperson's mandate is revocable when enough of the electorate asks for it."""

from __future__ import annotations

from decimal import Decimal

from comuna.engines.governance_rules.shares import Percent, as_fraction, check_count, people_needed

RECALL_PETITION_PERCENT = Decimal(10)


def recall_signatures_needed(electorate: int, percent: Percent = RECALL_PETITION_PERCENT) -> int:
    """Signatures a recall petition needs before a recall vote is called: ``percent`` of the
    electorate, rounded up, and at least one."""
    check_count("electorate", electorate)
    return people_needed(electorate, as_fraction("recall petition share", percent))
