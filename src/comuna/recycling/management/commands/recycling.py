"""``comuna recycling``: the recycling yard from a terminal.

- ``comuna recycling weighins import FILE [--dry-run] [--author NAME]`` records the weigh-ins
  of a CSV or XLSX file, all of them or none; every bad row is printed as "Row 7: …".
- ``comuna recycling stock`` prints the stock by material, one per line, code first.

Every action takes ``--commune CODE``, needed only when the installation holds several.
Exit status: 0 done, 1 refused (nothing changed), 2 a file that cannot be read, no commune
yet, or several and none (or an unknown one) named.
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
    Progress,
    import_file_read,
    import_refuse,
    terminal_language,
)
from comuna.recycling.importing import WEIGHINS, weighins_import
from comuna.recycling.selectors import stock_by_material
from comuna.recycling.weights import kg_text


class Command(BaseCommand):
    help = "The recycling yard: import weigh-ins, print the stock."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        weighins = actions.add_parser("weighins", help="Weigh-ins.")
        weighin_actions = weighins.add_subparsers(dest="what", required=True, metavar="WHAT")
        importing = weighin_actions.add_parser(
            "import", help="Record the weigh-ins of FILE (CSV or XLSX), all or none."
        )
        importing.add_argument("file", metavar="FILE")
        importing.add_argument("--dry-run", action="store_true", help="Check only.")
        importing.add_argument("--author", default="import", help="Who weighed them.")
        stock = actions.add_parser("stock", help="Print the stock by material.")
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
                self._import(commune, Path(options["file"]), options["author"], options["dry_run"])

    def _stock(self, commune: Commune) -> None:
        for row in stock_by_material(commune, with_empty=True):
            self.stdout.write(
                f"{row.material.code}\t{kg_text(row.stock_g)}\t"
                f"{kg_text(row.baled_g)}\t{row.material.display_name}"
            )

    def _import(self, commune: Commune, path: Path, author: str, dry_run: bool) -> None:
        content = import_file_read(path, WEIGHINS.limits)
        with Progress(self.stderr, _("Rows read")) as progress:
            outcome = weighins_import(
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
                    "%(count)s problem: no weigh-in was recorded.",
                    "%(count)s problems: no weigh-in was recorded.",
                    len(outcome.problems),
                )
                % {"count": len(outcome.problems)},
            )
        if dry_run:
            self.stdout.write(
                _("The file is good: %(count)s weigh-ins. Nothing was recorded (--dry-run).")
                % {"count": summary.rows}
            )
            return
        self.stdout.write(summary.sentence(), style_func=self.style.SUCCESS)
