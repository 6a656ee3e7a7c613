"""Every write to the books: one function each, in one transaction, checks beside it.

Posting is serialised per commune: each function first locks the commune's ``LedgerHead``
row (``posting_lock``; ``SELECT ... FOR UPDATE`` on PostgreSQL, and on SQLite the project's
``BEGIN IMMEDIATE`` transactions already hold the database's write lock), so two writers
queue instead of forking the chain. The unique (commune, sequence) constraint is the last
line of defence. Refusals raise ``Refusal`` with a message in the reader's language and
change nothing.

One module per subdomain, every service re-exported here: posting, the chart's accounts,
four-eyes proposals, statements, the short forms, budgets, sharing, the comptroller's
findings. Row locks are taken
through ``comuna.ledger.locks``, in the order stated there.
"""

from comuna.ledger.services.accounts import account_open
from comuna.ledger.services.budgets import budget_line_set
from comuna.ledger.services.findings import finding_record
from comuna.ledger.services.posting import (
    APPROVAL_THRESHOLDS,
    POLICY,
    entry_date_check,
    entry_reverse,
    ledger_for,
    posting_lock,
    transfer_post,
    transfer_post_or_propose,
    transfer_propose,
    transfers_post_many,
)
from comuna.ledger.services.proposals import proposal_approve, proposal_void
from comuna.ledger.services.records import (
    emergency_aid_record,
    transfer_record,
)
from comuna.ledger.services.sharing import (
    sharing_apply,
    sharing_preview,
    sharing_rule_create,
    sharing_share_set,
)
from comuna.ledger.services.statements import statement_approve, statement_close

__all__ = [
    "APPROVAL_THRESHOLDS",
    "POLICY",
    "account_open",
    "budget_line_set",
    "entry_date_check",
    "emergency_aid_record",
    "entry_reverse",
    "finding_record",
    "ledger_for",
    "posting_lock",
    "proposal_approve",
    "proposal_void",
    "sharing_apply",
    "sharing_preview",
    "sharing_rule_create",
    "sharing_share_set",
    "statement_approve",
    "statement_close",
    "transfer_post",
    "transfer_post_or_propose",
    "transfer_propose",
    "transfer_record",
    "transfers_post_many",
]
