"""Every change to self-government: one function each, in one transaction, checks beside it.

Refusals a person can act on raise ``Refusal`` with a message in their language and
change nothing. The quorum, majority, calendar and ballot rules themselves are the engine's
(``comuna.engines.governance_rules``); these functions feed it the rows and apply its answer.
What a carried proposal changes outside self-government is done by the effect its kind has
registered (``comuna.core.decisions``).

One module per subdomain, every service re-exported here: the statute, seats, recall
petitions, meetings, attendance, proposals, votes, decisions. Row locks are taken through
``comuna.governance.locks``, in the order stated there: a function that records a vote
re-reads the meeting, then the proposal, always in that order.
"""

from comuna.core.books import AccountsStatement
from comuna.governance.services.attendance import (
    Registration,
    SheetImport,
    attendance_import_sheet,
    attendance_register,
)
from comuna.governance.services.decisions import decision_spending_link, decision_update_status
from comuna.governance.services.meetings import (
    agenda_item_add,
    meeting_close,
    meeting_convene,
    meeting_move_to_second_call,
    meeting_open,
    meeting_schedule_parliament,
    standard_parliament_agenda,
)
from comuna.governance.services.proposals import proposal_add
from comuna.governance.services.recalls import (
    SignResult,
    recall_petition_open,
    recall_petition_sign,
)
from comuna.governance.services.seats import seat_assign, seat_recall
from comuna.governance.services.statute import statute_update
from comuna.governance.services.votes import (
    ballot_tally_enter,
    ballot_tally_reconcile,
    no_quorum_message,
    roll_call_close,
    roll_call_record,
    vote_record_hands,
)

__all__ = [
    "AccountsStatement",
    "Registration",
    "SheetImport",
    "SignResult",
    "agenda_item_add",
    "attendance_import_sheet",
    "attendance_register",
    "ballot_tally_enter",
    "ballot_tally_reconcile",
    "decision_spending_link",
    "decision_update_status",
    "meeting_close",
    "meeting_convene",
    "meeting_move_to_second_call",
    "meeting_open",
    "meeting_schedule_parliament",
    "no_quorum_message",
    "proposal_add",
    "recall_petition_open",
    "recall_petition_sign",
    "roll_call_close",
    "roll_call_record",
    "seat_assign",
    "seat_recall",
    "standard_parliament_agenda",
    "statute_update",
    "vote_record_hands",
]
