"""Writing the books out: CSV in the columns the import reads, and Beancount.

The Beancount file opens every account of the chart on the date of the first entry and
writes one transaction per posted entry (transfers and approvals; proposals and voids move
nothing), with the entry's number and hash as metadata, so an accountant can open the books
in Beancount or Fava and ``bean-check`` accepts them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from comuna.core.models import Commune
from comuna.core.spreadsheets import SafeCsvWriter
from comuna.engines.ledger import Account, Entry, format_amount
from comuna.ledger import models
from comuna.ledger.importing import HEADER
from comuna.ledger.storage import DatabaseStorage

ROOTS = {
    "asset": "Assets",
    "liability": "Liabilities",
    "fund": "Equity",
    "income": "Income",
    "expense": "Expenses",
}
# Beancount commodities have at least two characters and start with a letter.
COMMODITIES = {"L": "LITRE"}
POSTED = ("transfer", "approval")
_NOT_NAME = re.compile(r"[^A-Za-z0-9]+")


def _plain(amount: int, unit: str) -> str:
    return format_amount(amount, unit, decimal_separator=".", group_separator="")


def write_csv(
    entries: Iterable[Entry], out: TextIO, progress: Callable[[int], None] | None = None
) -> int:
    """The posted entries, in the import's columns plus the entry's number, kind and hash.

    A description a spreadsheet would run as a formula is written with a leading quote
    (``SafeCsvWriter``); the import reads it back without it."""
    writer = SafeCsvWriter(out)
    writer.writerow([*HEADER, "asiento", "tipo", "hash"])
    count = 0
    for e in entries:
        if e.kind not in POSTED:
            continue
        writer.writerow(
            [
                e.date.isoformat(),
                e.description,
                e.debit,
                e.credit,
                _plain(e.amount, e.unit),
                e.unit,
                e.reference,
                e.sequence,
                str(e.kind),
                e.hash,
            ]
        )
        count += 1
        if progress is not None and not count % 1000:
            progress(count)
    return count


def beancount_account(account: Account) -> str:
    name = unicodedata.normalize("NFKD", account.name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    words = [w.capitalize() for w in _NOT_NAME.split(name) if w][:5]
    return f"{ROOTS[str(account.kind)]}:C{account.code.replace('.', '-')}-" + "-".join(words)


def commodity(unit: str) -> str:
    return COMMODITIES.get(unit, unit)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def beancount_lines(
    commune_name: str, accounts: Iterable[Account], entries: Iterable[Entry]
) -> Iterator[str]:
    """The Beancount file, line by line (entries may be a stream of a million)."""
    names = {a.code: (beancount_account(a), a.unit) for a in accounts}
    entries = iter(entries)
    first = next(entries, None)
    opened = first.date if first is not None else dt.date(2000, 1, 1)
    yield f"option {_quote('title')} {_quote(commune_name)}"
    yield 'option "operating_currency" "VES"'
    yield ""
    for unit in sorted({u for _n, u in names.values()}):
        yield f"{opened.isoformat()} commodity {commodity(unit)}"
    for code in sorted(names):
        name, unit = names[code]
        yield f"{opened.isoformat()} open {name} {commodity(unit)}"
    yield ""
    if first is None:
        return
    for e in _chain(first, entries):
        if e.kind not in POSTED:
            continue
        amount = _plain(e.amount, e.unit)
        unit = commodity(e.unit)
        flag = "*"
        yield f"{e.date.isoformat()} {flag} {_quote(e.description)}"
        yield f"  entry: {e.sequence}"
        if e.reference:
            yield f"  reference: {_quote(e.reference)}"
        yield f"  hash: {_quote(e.hash)}"
        yield f"  {names[e.debit][0]}  {amount} {unit}"
        yield f"  {names[e.credit][0]}  -{amount} {unit}"
        yield ""


def _chain(first: Entry, rest: Iterator[Entry]) -> Iterator[Entry]:
    yield first
    yield from rest


def export_beancount(
    commune: Commune, out: TextIO, progress: Callable[[int], None] | None = None
) -> int:
    storage = DatabaseStorage(commune)
    count = 0
    for line in beancount_lines(commune.name, storage.list_accounts(), storage.iter_entries()):
        out.write(line)
        out.write("\n")
        if line.startswith("  entry: "):
            count += 1
            if progress is not None and not count % 1000:
                progress(count)
    return count


def export_csv(commune: Commune, out: TextIO, progress: Callable[[int], None] | None = None) -> int:
    return write_csv(DatabaseStorage(commune).iter_entries(), out, progress)


def entries_count(commune: Commune) -> int:
    """How many entries the books hold (for a progress bar: a few are not exported)."""
    return models.Entry.objects.of(commune).count()
