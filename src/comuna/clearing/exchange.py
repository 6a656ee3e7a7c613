"""Obligations in and clearing results out as CSV or plain rows, with no database: what the
command ``comuna clearing run`` and the API's stateless clearing share.

A file of obligations has the header ``id,debtor,creditor,amount`` (amounts in minor units,
whole numbers above zero). Every bad row is named by its line (the header is line 1) and
nothing is cleared.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from comuna.engines.clearing import Clearing, Obligation

HEADER = ("id", "debtor", "creditor", "amount")
RESULT_HEADER = ("id", "cleared")


@dataclass(frozen=True, slots=True)
class LineProblem:
    """A bad line of a file of obligations (``row`` as a text editor numbers it)."""

    row: int | None
    message: str


class ObligationsRefused(Exception):
    """The file or rows were refused; ``problems`` names each bad line."""

    def __init__(self, problems: list[LineProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def obligation_row_read(
    line: int,
    values: tuple[str, str, str, str],
    seen: set[str],
) -> tuple[Obligation | None, str | None]:
    """One row as an obligation, or why not (the message, translated)."""
    identifier, debtor, creditor, amount_text = (v.strip() for v in values)
    if not identifier:
        return None, _("the id is missing.")
    if identifier in seen:
        return None, _("the id %(id)s appears more than once.") % {"id": identifier}
    seen.add(identifier)
    if not debtor or not creditor:
        return None, _("the debtor and the creditor must both be named.")
    if debtor == creditor:
        return None, _("%(party)s cannot owe itself.") % {"party": debtor}
    try:
        amount = int(amount_text)
    except ValueError:
        return None, _("the amount “%(amount)s” is not a whole number of minor units.") % {
            "amount": amount_text
        }
    if amount <= 0:
        return None, _("the amount must be above zero.")
    return Obligation(identifier, debtor, creditor, amount, line), None


def obligations_from_rows(
    rows: Iterable[tuple[int, tuple[str, str, str, str]]],
) -> list[Obligation]:
    """The obligations of ``(line, (id, debtor, creditor, amount))`` rows, or every bad line
    refused at once."""
    obligations: list[Obligation] = []
    problems: list[LineProblem] = []
    seen: set[str] = set()
    for line, values in rows:
        obligation, problem = obligation_row_read(line, values, seen)
        if problem is not None:
            problems.append(LineProblem(line, problem))
        elif obligation is not None:
            obligations.append(obligation)
    if problems:
        raise ObligationsRefused(problems)
    return [Obligation(o.id, o.debtor, o.creditor, o.amount) for o in obligations]


def _csv_rows(text: Iterable[str]) -> Iterator[tuple[int, tuple[str, str, str, str]]]:
    reader = csv.reader(text)
    header = next(reader, None)
    if header is None or tuple(h.strip().lower() for h in header) != HEADER:
        raise ObligationsRefused(
            [
                LineProblem(
                    1,
                    _("the first line must be the header “%(header)s”.")
                    % {"header": ",".join(HEADER)},
                )
            ]
        )
    for values in reader:
        line = reader.line_num
        if not values or all(not v.strip() for v in values):
            continue
        if len(values) != len(HEADER):
            yield line, ("\0", "", "", "")
            continue
        yield line, (values[0], values[1], values[2], values[3])


def obligations_from_csv(text: Iterable[str]) -> list[Obligation]:
    """The obligations of a CSV text (its lines), or every bad line refused at once."""
    problems: list[LineProblem] = []
    good: list[tuple[int, tuple[str, str, str, str]]] = []
    for line, values in _csv_rows(text):
        if values[0] == "\0":
            problems.append(
                LineProblem(
                    line, _("the line must have four values: id, debtor, creditor, amount.")
                )
            )
        else:
            good.append((line, values))
    try:
        obligations = obligations_from_rows(good)
    except ObligationsRefused as refused:
        problems += refused.problems
    if problems:
        problems.sort(key=lambda p: p.row or 0)
        raise ObligationsRefused(problems)
    return obligations


def result_csv(obligations: Iterable[Obligation], result: Clearing) -> str:
    """``id,cleared`` for every obligation, in the order they came."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RESULT_HEADER)
    writer.writerows((o.id, result.cleared[o.id]) for o in obligations)
    return out.getvalue()
