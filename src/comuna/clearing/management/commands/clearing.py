"""``comuna clearing``: multilateral clearing from a terminal, with no database.

- ``comuna clearing run OBLIGATIONS.csv --out RESULT.csv`` reads ``id,debtor,creditor,amount``
  (amounts in minor units), clears the most debt that can be cleared without changing anyone's
  net position, writes ``id,cleared`` for every obligation, and prints the total debt, the
  total cleared and the time it took. Every bad line is printed as "Line 7: …" and nothing is
  written.

Exit status: 0 done, 1 refused (bad lines; nothing written), 2 a file that cannot be read or
written.
"""

from __future__ import annotations

import os
import tempfile
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from comuna.clearing.exchange import ObligationsRefused, obligations_from_csv, result_csv
from comuna.core.terminal import FILE_PROBLEM, REFUSED, terminal_language
from comuna.engines.clearing import clear


class Command(BaseCommand):
    help = "Clear a file of obligations between parties (no database needed)."
    # It reads and writes files only: no system checks, no database, no migrations.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        run = actions.add_parser(
            "run", help="Clear the obligations in FILE (id,debtor,creditor,amount)."
        )
        run.add_argument("file", metavar="OBLIGATIONS.csv")
        run.add_argument(
            "--out", required=True, metavar="RESULT.csv", help="Where to write id,cleared."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            self._run(Path(options["file"]), Path(options["out"]))

    def _run(self, source: Path, target: Path) -> None:
        start = time.perf_counter()
        try:
            with source.open(encoding="utf-8-sig", newline="") as text:
                obligations = obligations_from_csv(text)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": source, "reason": error.strerror},
                returncode=FILE_PROBLEM,
            ) from None
        except UnicodeDecodeError:
            raise CommandError(
                _("%(file)s is not a UTF-8 text file.") % {"file": source}, returncode=REFUSED
            ) from None
        except ObligationsRefused as refused:
            for problem in refused.problems:
                self.stderr.write(
                    _("Line %(line)s: %(message)s")
                    % {"line": problem.row, "message": problem.message}
                )
            raise CommandError(
                _("Nothing was cleared and nothing was written: correct the lines above."),
                returncode=REFUSED,
            ) from None
        result = clear(obligations)
        try:
            folder = target.resolve().parent
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".clearing-", suffix=".csv")
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(result_csv(obligations, result))
            os.replace(temporary, target)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(reason)s") % {"file": target, "reason": error.strerror},
                returncode=FILE_PROBLEM,
            ) from None
        elapsed = time.perf_counter() - start
        self.stdout.write(_("Obligations: %(count)s") % {"count": f"{len(obligations):,}"})
        self.stdout.write(_("Total debt: %(amount)s") % {"amount": f"{result.total_debt:,}"})
        self.stdout.write(
            _("Total cleared: %(amount)s (%(share).2f%%)")
            % {"amount": f"{result.total_cleared:,}", "share": 100 * result.share_cleared}
        )
        self.stdout.write(_("Left to settle: %(amount)s") % {"amount": f"{result.remaining:,}"})
        self.stdout.write(_("Time: %(seconds).2f s") % {"seconds": elapsed})
        self.stdout.write(_("Written: %(file)s") % {"file": target})
