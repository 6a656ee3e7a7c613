"""Obligations from a spreadsheet, all of them or none, through the one import pipeline.

Columns (Spanish, or their English aliases): ``deudor`` and ``acreedor`` (a party: the code of
a commune, such as ``el-panal``, or the code of a commune, a slash and the name of one of its
enterprises or the code or name of one of its councils: ``el-panal/Panadería El Panal``),
``unidad`` (the code of a unit of account), ``monto`` (in that unit, up to two decimals),
``concepto`` (what it is for), ``surgio`` (the day it arose, empty: today) and ``vence`` (the
due date). The debtor must be of the commune that imports (a debt is acknowledged by whoever
owes it). Every bad row is named, and nothing is recorded if any row is bad.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.clearing.models import Party, UnitOfAccount
from comuna.clearing.services import obligation_record, party_of_reference
from comuna.core.imports import Importer, Job
from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import Column
from comuna.ledger.importing import parse_date
from comuna.users.models import User

KIND = "clearing_obligations"
COLUMNS: tuple[Column, ...] = (
    Column(
        "deudor",
        aliases=("debtor",),
        help=gettext_lazy("Who owes: a commune's code, or code/enterprise or code/council."),
    ),
    Column(
        "acreedor",
        aliases=("creditor",),
        help=gettext_lazy("To whom: a commune's code, or code/enterprise or code/council."),
    ),
    Column("unidad", aliases=("unit",), help=gettext_lazy("The code of the unit of account.")),
    Column("monto", aliases=("amount",), help=gettext_lazy("In the unit, up to two decimals.")),
    Column("concepto", aliases=("what",), help=gettext_lazy("What it is for.")),
    Column(
        "surgio",
        aliases=("arose", "surgió"),
        required=False,
        help=gettext_lazy("The day it arose: yyyy-mm-dd or dd/mm/yyyy; empty is today."),
    ),
    Column("vence", aliases=("due",), help=gettext_lazy("The due date.")),
)
HEADER = [column.name for column in COLUMNS]


@dataclass(frozen=True, slots=True)
class ObligationRow:
    debtor: Party
    creditor: Party
    unit: UnitOfAccount
    amount: int
    what: str
    arose_on: dt.date
    due_on: dt.date


@dataclass(frozen=True, slots=True)
class ObligationsSummary:
    rows: int = 0

    def record(self) -> dict[str, Any]:
        return {"rows": self.rows}

    def sentence(self) -> str:
        return _("Recorded %(rows)s obligations in both parties' books.") % {"rows": self.rows}


def _date(text: str, default: dt.date | None) -> dt.date:
    text = text.strip()
    if not text and default is not None:
        return default
    try:
        return parse_date(text)
    except ValueError:
        raise Refusal(
            _("“%(value)s” is not a date (use 2025-03-31 or 31/03/2025).") % {"value": text}
        ) from None


def _read(cells: dict[str, str], job: Job) -> ObligationRow:
    debtor = party_of_reference(cells["deudor"])
    if debtor.commune_id != job.commune.pk:
        raise Refusal(_("The debtor must be of this commune."))
    creditor = party_of_reference(cells["acreedor"])
    unit = UnitOfAccount.objects.filter(code=cells["unidad"].strip().upper()).first()
    if unit is None:
        raise Refusal(
            _("The federation defines no unit of account “%(code)s”.")
            % {"code": cells["unidad"].strip()}
        )
    raw = cells["monto"].strip().replace(" ", "")
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(raw) * 100
    except InvalidOperation:
        raise Refusal(_("“%(value)s” is not an amount.") % {"value": cells["monto"]}) from None
    if amount != amount.to_integral_value():
        raise Refusal(_("An amount has two decimals at most."))
    return ObligationRow(
        debtor=debtor,
        creditor=creditor,
        unit=unit,
        amount=int(amount),
        what=cells["concepto"],
        arose_on=_date(cells.get("surgio", "") or "", job.today),
        due_on=_date(cells["vence"], None),
    )


class ObligationsImporter(Importer[ObligationRow, ObligationsSummary]):
    kind = KIND
    columns = COLUMNS

    def row_read(self, number: int, cells: dict[str, str], job: Job) -> ObligationRow:
        return _read(cells, job)

    def rows_apply(self, rows: Iterator[tuple[int, ObligationRow]], job: Job) -> ObligationsSummary:
        count = 0
        for number, row in rows:
            try:
                obligation_record(
                    debtor=row.debtor,
                    creditor=row.creditor,
                    amount=row.amount,
                    unit=row.unit,
                    arose_on=row.arose_on,
                    due_on=row.due_on,
                    what=row.what,
                    by=job.by if isinstance(job.by, User) else None,
                )
            except Refusal as refusal:
                job.refuse(number, refusal.message, code=refusal.code)
                continue
            count += 1
        return ObligationsSummary(rows=count)


OBLIGATIONS = ObligationsImporter()
