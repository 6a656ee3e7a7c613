"""``comuna ledger``: check, list, import and export the commune's books from a terminal.

Every action takes ``--commune CODE``, needed only when the installation holds several.

- ``comuna ledger verify [--head HEX]`` recomputes the hash chain and checks every approved
  statement, and that the chain is as long as the books recorded (and the latest approved
  statement printed): deleted newest entries are named; prints the entry count and head.
  With ``--head``, also checks that a head printed earlier (in the minutes) is still part of
  today's chain.
- ``comuna ledger accounts`` lists the chart of accounts, one per line, code first.
- ``comuna ledger import FILE [--dry-run]`` posts a CSV or XLSX file, all of it or nothing;
  every bad row is printed as "Row 7: …".
- ``comuna ledger export --format csv|beancount FILE`` writes the books.

Exit status: 0 done, 1 refused or failed verification (nothing changed), 2 a file that
cannot be read or written, no commune yet, or several and none (or an unknown one) named.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comuna.core.models import Commune
from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import (
    FILE_PROBLEM,
    REFUSED,
    Progress,
    import_file_read,
    import_refuse,
    terminal_language,
)
from comuna.engines.ledger import InvalidHead, find_head, format_amount, normalise_head
from comuna.ledger.errors import bad_entry_describe, loss_describe
from comuna.ledger.exporting import entries_count, export_beancount, export_csv
from comuna.ledger.importing import LEDGER, ledger_import
from comuna.ledger.selectors import accounts_of, integrity_check
from comuna.ledger.storage import DatabaseStorage


class Command(BaseCommand):
    help = "Verify, list, import and export the commune's books."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        verify = actions.add_parser("verify", help="Recompute the hash chain of the books.")
        verify.add_argument(
            "--head", metavar="HEX", help="Also check that this printed head is in the chain."
        )
        listing = actions.add_parser("accounts", help="List the chart of accounts, code first.")
        importing = actions.add_parser("import", help="Post FILE (CSV or XLSX), all or nothing.")
        importing.add_argument("file", metavar="FILE")
        importing.add_argument("--dry-run", action="store_true", help="Check only.")
        importing.add_argument("--author", default="import", help="Who typed the books.")
        exporting = actions.add_parser("export", help="Write the books to FILE.")
        exporting.add_argument("--format", choices=["csv", "beancount"], default="csv")
        exporting.add_argument("file", metavar="FILE")
        for action in (verify, listing, importing, exporting):
            commune_option_add(action)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            try:
                commune = commune_for_command(options["commune"])
            except CommandError as error:
                raise CommandError(str(error), returncode=FILE_PROBLEM) from None
            action = options["action"]
            if action == "verify":
                self._verify(commune, options["head"])
            elif action == "accounts":
                self._accounts(commune)
            elif action == "import":
                self._import(commune, Path(options["file"]), options["author"], options["dry_run"])
            else:
                self._export(commune, options["format"], Path(options["file"]))

    def _verify(self, commune: Commune, head: str | None) -> None:
        result = integrity_check(commune)
        if result.first_bad is not None:
            raise CommandError(
                _("The books do NOT verify: %(detail)s")
                % {"detail": bad_entry_describe(result.first_bad)}
                + "\n"
                + _("The first %(count)s entries verify (head %(head)s).")
                % {"count": result.count, "head": result.head},
                returncode=REFUSED,
            )
        if lost := loss_describe(result):
            raise CommandError(
                _("The books do NOT verify: %(detail)s") % {"detail": lost}
                + "\n"
                + _("The first %(count)s entries verify (head %(head)s).")
                % {"count": result.count, "head": result.head},
                returncode=REFUSED,
            )
        if result.broken_statements:
            raise CommandError(
                _("Approved statements no longer match the books: %(ids)s")
                % {"ids": ", ".join(str(i) for i in result.broken_statements)},
                returncode=REFUSED,
            )
        self.stdout.write(
            _("The books verify: %(count)s entries, head %(head)s")
            % {"count": result.count, "head": result.head}
        )
        if head is not None:
            try:
                wanted = normalise_head(head)
            except InvalidHead:
                raise CommandError(
                    _("“%(head)s” is not a chain head (16 to 64 hexadecimal digits).")
                    % {"head": head},
                    returncode=REFUSED,
                ) from None
            found = find_head(DatabaseStorage(commune).iter_entries(), wanted)
            if found is None:
                raise CommandError(
                    _("The head %(head)s is not part of today's chain.") % {"head": head},
                    returncode=REFUSED,
                )
            self.stdout.write(
                _("The head %(head)s is entry %(sequence)s of today's chain.")
                % {"head": head, "sequence": found}
            )

    def _accounts(self, commune: Commune) -> None:
        for account in accounts_of(commune):
            self.stdout.write(
                f"{account.code}\t{account.unit}\t{account.get_kind_display()}\t"
                f"{format_amount(account.natural, account.unit)}\t{account.display_name}"
            )

    def _import(self, commune: Commune, path: Path, author: str, dry_run: bool) -> None:
        content = import_file_read(path, LEDGER.limits)
        with Progress(self.stderr, _("Rows read")) as progress:
            outcome = ledger_import(
                commune=commune,
                content=content,
                filename=path.name,
                author=author,
                dry_run=dry_run,
                progress=progress,
            )
        summary = outcome.summary
        if outcome.problems or summary is None:
            import_refuse(
                self.stderr.write,
                outcome.problems,
                ngettext(
                    "%(count)s problem: nothing was posted; the books are as they were.",
                    "%(count)s problems: nothing was posted; the books are as they were.",
                    len(outcome.problems),
                )
                % {"count": len(outcome.problems)},
            )
        if dry_run:
            self.stdout.write(
                _("The file is good: %(count)s transfers. Nothing was posted (--dry-run).")
                % {"count": summary.rows}
            )
            return
        self.stdout.write(
            _("Posted %(count)s transfers (entries %(first)s to %(last)s).")
            % {
                "count": summary.posted,
                "first": summary.first_sequence,
                "last": summary.last_sequence,
            },
            style_func=self.style.SUCCESS,
        )

    def _export(self, commune: Commune, file_format: str, path: Path) -> None:
        total = entries_count(commune)
        try:
            with (
                path.open("w", encoding="utf-8", newline="") as out,
                Progress(self.stderr, _("Entries written"), total=total) as progress,
            ):
                if file_format == "beancount":
                    count = export_beancount(commune, out, progress.reach)
                else:
                    count = export_csv(commune, out, progress.reach)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(reason)s") % {"file": path, "reason": error.strerror},
                returncode=FILE_PROBLEM,
            ) from None
        self.stdout.write(
            _("Wrote %(count)s transfers to %(file)s.") % {"count": count, "file": path}
        )
