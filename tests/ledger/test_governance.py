"""The parliament approves a closed statement of the books: the ledger records the meeting."""

from __future__ import annotations

import datetime as dt

from comuna.governance import services
from comuna.governance.models import AttendanceMethod, RollCallChoice
from comuna.governance.services import AccountsStatement
from comuna.ledger import chart
from comuna.ledger.services import statement_close, transfer_post
from tests.conftest import World
from tests.governance.conftest import Parliament, open_meeting, parliament  # noqa: F401


def test_adopting_an_accounts_approval_approves_the_ledger_statement(
    world: World,
    parliament: Parliament,  # noqa: F811 - the fixture imported above
) -> None:
    transfer_post(
        commune=world.commune, debit=chart.BANK_VES, credit=chart.CAPITAL_VES, amount=100,
        unit="VES", date=dt.date(2025, 3, 2), description="Aporte", author="admin",
    )  # fmt: skip
    statement = statement_close(
        commune=world.commune, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31)
    )
    meeting = open_meeting(parliament.organ, world.admin, agenda=("Cuentas del mes",))
    services.attendance_register(
        meeting=meeting, people=[world.head, world.neighbour], method=AttendanceMethod.SEARCH,
        by=None,
    )  # fmt: skip
    proposal = services.proposal_add(
        meeting=meeting, title="Aprobar las cuentas de marzo", kind="accounts",
        method="roll_call",
        statement=AccountsStatement(statement.label, statement.head[:16], statement.entry_count),
        by=None,
    )  # fmt: skip
    assert proposal.ledger_statement == statement
    for seat in (parliament.cc01, parliament.cc02):
        services.roll_call_record(proposal=proposal, seat=seat, vote=RollCallChoice.FOR, by=None)
    services.roll_call_close(proposal=proposal, by=None)
    statement.refresh_from_db()
    assert statement.is_approved
    assert statement.meeting_id == meeting.pk
    assert statement.approved_on == meeting.date
