"""``comuna census``: import, export and count the census from a terminal.

- ``comuna census import FILE [--council CODE] [--dry-run]`` imports a CSV or XLSX file, all
  of it or nothing; every bad row is printed as "Row 7: …" and the command exits with 1.
- ``comuna census export FILE [--council CODE]`` writes the people still here (.csv or .xlsx),
  in the columns the import reads.
- ``comuna census template FILE`` writes an empty file with the header row (.csv or .xlsx).
- ``comuna census stats [--json]`` prints the councils, households and people.

Every action takes ``--commune CODE``, needed only when the installation holds several.

Output is in the terminal's language (``COMUNA_LANGUAGE``, else the locale). Exit status: 0
done, 1 refused (nothing changed), 2 a file that cannot be read or written.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comuna.census.exporting import census_file, people_exported, template_file
from comuna.census.importing import CENSUS, CensusSummary, census_import
from comuna.census.models import Council, Person
from comuna.census.selectors import commune_statistics
from comuna.core.models import Commune
from comuna.core.spreadsheets import Format, format_for_filename
from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import (
    FILE_PROBLEM,
    REFUSED,
    Progress,
    import_file_read,
    import_refuse,
    terminal_language,
)
from comuna.users.actors import actor_operator


class Command(BaseCommand):
    help = "Import, export and count the census (CSV or XLSX)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        importing = actions.add_parser(
            "import", help="Import FILE (CSV or XLSX), all of it or nothing."
        )
        importing.add_argument("file", metavar="FILE")
        importing.add_argument(
            "--council", metavar="CODE", help="Import into this council (no council column)."
        )
        importing.add_argument(
            "--dry-run", action="store_true", help="Check the file and save nothing."
        )
        exporting = actions.add_parser("export", help="Write the census to FILE (.csv or .xlsx).")
        exporting.add_argument("file", metavar="FILE")
        exporting.add_argument("--council", metavar="CODE", help="Only this council.")
        template = actions.add_parser(
            "template", help="Write an empty import file to FILE (.csv or .xlsx)."
        )
        template.add_argument("file", metavar="FILE")
        stats = actions.add_parser("stats", help="Count councils, households and people.")
        stats.add_argument("--json", action="store_true", help="Print JSON.")
        for action in (importing, exporting, stats):
            commune_option_add(action)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            action = options["action"]
            code = options.get("commune")
            if action == "import":
                self._import(code, Path(options["file"]), options["council"], options["dry_run"])
            elif action == "export":
                self._export(code, Path(options["file"]), options["council"])
            elif action == "template":
                path = Path(options["file"])
                self._write(path, template_file(self._format(path)))
                self.stdout.write(_("Wrote an empty import file to %(file)s.") % {"file": path})
            else:
                self._stats(commune_for_command(code), as_json=options["json"])

    def _import(
        self, commune_code: str | None, path: Path, council: str | None, dry_run: bool
    ) -> None:
        content = import_file_read(path, CENSUS.limits)
        # The file first: a file that cannot be read is said before anything is looked up.
        commune = commune_for_command(commune_code)
        with Progress(self.stderr, _("Rows read")) as progress:
            outcome = census_import(
                commune=commune,
                content=content,
                filename=path.name,
                council_code=council,
                actor=actor_operator(commune),
                dry_run=dry_run,
                progress=progress,
            )
        if outcome.ignored_columns:
            self.stderr.write(
                _("Columns ignored: %(columns)s") % {"columns": ", ".join(outcome.ignored_columns)}
            )
        if outcome.problems or outcome.summary is None:
            import_refuse(
                self.stderr.write,
                outcome.problems,
                ngettext(
                    "%(count)s problem: nothing was imported; the census is as it was.",
                    "%(count)s problems: nothing was imported; the census is as it was.",
                    len(outcome.problems),
                )
                % {"count": len(outcome.problems)},
            )
        self.stdout.write(
            self._summary(outcome.summary, dry_run=dry_run), style_func=self.style.SUCCESS
        )

    def _summary(self, summary: CensusSummary, *, dry_run: bool) -> str:
        if not dry_run:
            return summary.sentence()
        return _(
            "The file is good: it would add %(people)s people, in %(created)s new "
            "households and %(extended)s existing ones. Nothing was saved (--dry-run)."
        ) % {
            "people": summary.people_created,
            "created": summary.households_created,
            "extended": summary.households_extended,
        }

    def _format(self, path: Path) -> Format:
        file_format = format_for_filename(path.name)
        if file_format is None:
            raise CommandError(
                _("Name the file .csv or .xlsx (not %(file)s).") % {"file": path.name},
                returncode=FILE_PROBLEM,
            )
        return file_format

    def _write(self, path: Path, content: bytes) -> None:
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(reason)s") % {"file": path, "reason": error.strerror},
                returncode=FILE_PROBLEM,
            ) from None

    def _export(self, commune_code: str | None, path: Path, council_code: str | None) -> None:
        file_format = self._format(path)
        commune = commune_for_command(commune_code)
        people = Person.objects.of(commune)
        if council_code:
            council = Council.objects.of(commune).filter(code=council_code.strip().upper()).first()
            if council is None:
                raise CommandError(
                    _("There is no council %(code)s in this commune.") % {"code": council_code},
                    returncode=REFUSED,
                )
            people = people.filter(household__council=council)
        total = people_exported(people).count()
        with Progress(self.stderr, _("People written"), total=total) as progress:
            content = census_file(people, file_format, progress=progress.reach)
        self._write(path, content)
        self.stdout.write(_("Wrote the census to %(file)s.") % {"file": path})

    def _stats(self, commune: Commune, *, as_json: bool) -> None:
        statistics = commune_statistics(commune=commune)
        figures = {
            "councils": statistics.councils,
            "households": statistics.households,
            "people": statistics.people,
            "by_council": [
                {
                    "code": row.code,
                    "name": row.name,
                    "households": row.households,
                    "people": row.people,
                }
                for row in statistics.council_rows
            ],
        }
        if as_json:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        self.stdout.write(_("Councils: %(count)s") % {"count": statistics.councils})
        self.stdout.write(_("Households: %(count)s") % {"count": statistics.households})
        self.stdout.write(_("People: %(count)s") % {"count": statistics.people})
        for row in statistics.council_rows:
            self.stdout.write(f"  {row.code}\t{row.households}\t{row.people}\t{row.name}")
