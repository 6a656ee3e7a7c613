"""``comuna health``: the clinic's medicine stock from a terminal.

- ``comuna health count import FILE --by LOGIN [--dry-run]`` records the counts of a CSV or
  XLSX file (columns articulo, lote, contado, fecha), all of them or none, each as counted by
  LOGIN and waiting for a second member of the committee to confirm it; every bad row is
  printed as "Row 7: …".
- ``comuna health stock`` prints the stock by item: units on record, units not expired, name.

Every action takes ``--commune CODE``, needed only when the installation holds several.
Exit status: 0 done, 1 refused (nothing changed), 2 a file that cannot be read, an unknown
login, no commune yet, or several and none (or an unknown one) named.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comuna.core.models import Commune
from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import (
    FILE_PROBLEM,
    Progress,
    import_file_read,
    import_refuse,
    terminal_language,
)
from comuna.health.importing import COUNTS, counts_import
from comuna.health.selectors import stock_by_item
from comuna.users.models import User


class Command(BaseCommand):
    help = "The clinic's medicine stock: import a count, print the stock."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        count = actions.add_parser("count", help="Stock counts.")
        count_actions = count.add_subparsers(dest="what", required=True, metavar="WHAT")
        importing = count_actions.add_parser(
            "import", help="Record the counts of FILE (CSV or XLSX), all or none."
        )
        importing.add_argument("file", metavar="FILE")
        importing.add_argument("--by", required=True, help="The login of who counted.")
        importing.add_argument("--dry-run", action="store_true", help="Check only.")
        stock = actions.add_parser("stock", help="Print the stock by item.")
        for action in (importing, stock):
            commune_option_add(action)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            try:
                commune = commune_for_command(options["commune"])
            except CommandError as error:
                raise CommandError(str(error), returncode=FILE_PROBLEM) from None
            if options["action"] == "stock":
                self._stock(commune)
            else:
                by = User.objects.filter(username=options["by"]).first()
                if by is None:
                    raise CommandError(
                        _("There is no login %(name)s.") % {"name": options["by"]},
                        returncode=FILE_PROBLEM,
                    )
                self._import(commune, Path(options["file"]), by, options["dry_run"])

    def _stock(self, commune: Commune) -> None:
        for row in stock_by_item(commune, today=timezone.localdate()):
            self.stdout.write(f"{row.stock}\t{row.usable}\t{row.item.name}")

    def _import(self, commune: Commune, path: Path, by: User, dry_run: bool) -> None:
        content = import_file_read(path, COUNTS.limits)
        with Progress(self.stderr, _("Rows read")) as progress:
            outcome = counts_import(
                commune=commune,
                content=content,
                filename=path.name,
                by=by,
                dry_run=dry_run,
                progress=progress,
            )
        summary = outcome.summary
        if outcome.problems or summary is None:
            import_refuse(
                self.stderr.write,
                outcome.problems,
                ngettext(
                    "%(count)s problem: no count was recorded.",
                    "%(count)s problems: no count was recorded.",
                    len(outcome.problems),
                )
                % {"count": len(outcome.problems)},
            )
        if dry_run:
            self.stdout.write(
                _("The file is good: %(count)s counts. Nothing was recorded (--dry-run).")
                % {"count": summary.rows}
            )
            return
        self.stdout.write(summary.sentence(), style_func=self.style.SUCCESS)
