"""``comuna circuits``: the communal circuits from a terminal.

- ``comuna circuits list`` prints each cycle: id, status, dates, name.
- ``comuna circuits offers import CYCLE_ID FILE [--dry-run] [--author NAME]`` records the
  offers of a CSV or XLSX file (productor, producto, kg) in the cycle, all of them or none.
- ``comuna circuits needs import CYCLE_ID FILE …`` the same for needs (punto, producto, kg,
  prioridad). Every bad row is printed as "Row 7: …".

Every action takes ``--commune CODE``, needed only when the installation holds several.
Exit status: 0 done, 1 refused (nothing changed), 2 a file that cannot be read, an unknown
cycle, or several communes and none (or an unknown one) named.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comuna.circuits.importing import NEEDS, NEEDS_KIND, OFFERS, OFFERS_KIND, rows_import
from comuna.circuits.models import Cycle
from comuna.core.models import Commune
from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import FILE_PROBLEM, import_file_read, import_refuse, terminal_language


class Command(BaseCommand):
    help = "The communal circuits: list the cycles, import a cycle's offers and needs."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="Print the cycles.")
        commune_option_add(listing)
        for name, what in (("offers", "offers"), ("needs", "needs")):
            group = actions.add_parser(name, help=f"A cycle's {what}.")
            sub = group.add_subparsers(dest="what", required=True, metavar="WHAT")
            importing = sub.add_parser(
                "import", help=f"Record the {what} in FILE (CSV or XLSX) in CYCLE_ID, all or none."
            )
            importing.add_argument("cycle", metavar="CYCLE_ID", type=int)
            importing.add_argument("file", metavar="FILE")
            importing.add_argument("--dry-run", action="store_true", help="Check only.")
            importing.add_argument("--author", default="import", help="Who imports them.")
            commune_option_add(importing)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            try:
                commune = commune_for_command(options["commune"])
            except CommandError as error:
                raise CommandError(str(error), returncode=FILE_PROBLEM) from None
            if options["action"] == "list":
                for c in Cycle.objects.of(commune).order_by("-starts_on"):
                    self.stdout.write(f"{c.pk}\t{c.status}\t{c.starts_on}\t{c.ends_on}\t{c.name}")
                return
            self._import(
                commune,
                OFFERS_KIND if options["action"] == "offers" else NEEDS_KIND,
                options["cycle"],
                Path(options["file"]),
                options["author"],
                options["dry_run"],
            )

    def _import(
        self, commune: Commune, kind: str, cycle_id: int, path: Path, author: str, dry_run: bool
    ) -> None:
        cycle = Cycle.objects.of(commune).filter(pk=cycle_id).first()
        if cycle is None:
            raise CommandError(
                _("There is no cycle %(id)s in the commune.") % {"id": cycle_id},
                returncode=FILE_PROBLEM,
            )
        importer = OFFERS if kind == OFFERS_KIND else NEEDS
        content = import_file_read(path, importer.limits)
        outcome = rows_import(
            kind=kind,
            cycle=cycle,
            content=content,
            filename=path.name,
            author=author,
            dry_run=dry_run,
        )
        summary = outcome.summary
        if outcome.problems or summary is None:
            import_refuse(
                self.stderr.write,
                outcome.problems,
                ngettext(
                    "%(count)s problem: no row was recorded.",
                    "%(count)s problems: no row was recorded.",
                    len(outcome.problems),
                )
                % {"count": len(outcome.problems)},
            )
        if dry_run:
            self.stdout.write(
                _("The file is good: %(count)s rows. Nothing was recorded (--dry-run).")
                % {"count": summary.rows}
            )
            return
        self.stdout.write(summary.sentence(), style_func=self.style.SUCCESS)
