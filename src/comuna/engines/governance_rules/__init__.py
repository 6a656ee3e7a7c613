"""The rules a commune's statute sets for its meetings, in plain Python.

Quorum (a share of the electorate at first and second call, or a majority of the seats),
majorities (simple, absolute, two thirds), the parliament's monthly calendar, the two-clerk
reconciliation of paper ballots and the recall petition threshold. See docs/governance.md.
No Django here: the governance app turns its rows into these values at the edge.
"""

from comuna.engines.governance_rules.ballots import FIELDS, BallotCount, Reconciliation, reconcile
from comuna.engines.governance_rules.errors import (
    GovernanceRuleError,
    InvalidCallError,
    InvalidCountError,
    InvalidShareError,
    TooManyVotesError,
)
from comuna.engines.governance_rules.majority import (
    Majority,
    Outcome,
    Tally,
    majority_needed,
    outcome,
)
from comuna.engines.governance_rules.quorum import (
    FIRST_CALL_PERCENT,
    SECOND_CALL_PERCENT,
    Quorum,
    QuorumBasis,
    QuorumRule,
    quorum,
    quorum_required,
)
from comuna.engines.governance_rules.recall import RECALL_PETITION_PERCENT, recall_signatures_needed
from comuna.engines.governance_rules.schedule import (
    SATURDAY,
    InvalidScheduleError,
    monthly_day,
    monthly_days,
    year_days,
)

__all__ = [
    "FIELDS",
    "FIRST_CALL_PERCENT",
    "RECALL_PETITION_PERCENT",
    "SATURDAY",
    "SECOND_CALL_PERCENT",
    "BallotCount",
    "GovernanceRuleError",
    "InvalidCallError",
    "InvalidCountError",
    "InvalidScheduleError",
    "InvalidShareError",
    "Majority",
    "Outcome",
    "Quorum",
    "QuorumBasis",
    "QuorumRule",
    "Reconciliation",
    "Tally",
    "TooManyVotesError",
    "majority_needed",
    "monthly_day",
    "monthly_days",
    "outcome",
    "quorum",
    "quorum_required",
    "recall_signatures_needed",
    "reconcile",
    "year_days",
]
