"""``comuna brigades``: the brigades from a terminal.

- ``comuna brigades list`` prints each brigade: id, kind, members, name.
- ``comuna brigades members import BRIGADE_ID FILE [--dry-run] [--author NAME]`` adds the
  members of a CSV or XLSX file to the brigade, all of them or none; every bad row is
  printed as "Row 7: …".

Every action takes ``--commune CODE``, needed only when the installation holds several.
Exit status: 0 done, 1 refused (nothing changed), 2 a file that cannot be read, no commune
yet, an unknown brigade, or several communes and none (or an unknown one) named.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comuna.brigades.importing import MEMBERS, members_import
from comuna.brigades.models import Brigade
from comuna.core.models import Commune
from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import (
    FILE_PROBLEM,
    Progress,
    import_file_read,
    import_refuse,
    terminal_language,
)


class Command(BaseCommand):
    help = "The brigades: list them, import a brigade's members."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="Print the brigades.")
        members = actions.add_parser("members", help="A brigade's members.")
        member_actions = members.add_subparsers(dest="what", required=True, metavar="WHAT")
        importing = member_actions.add_parser(
            "import", help="Add the members in FILE (CSV or XLSX) to BRIGADE_ID, all or none."
        )
        importing.add_argument("brigade", metavar="BRIGADE_ID", type=int)
        importing.add_argument("file", metavar="FILE")
        importing.add_argument("--dry-run", action="store_true", help="Check only.")
        importing.add_argument("--author", default="import", help="Who imports them.")
        for action in (listing, importing):
            commune_option_add(action)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            try:
                commune = commune_for_command(options["commune"])
            except CommandError as error:
                raise CommandError(str(error), returncode=FILE_PROBLEM) from None
            if options["action"] == "list":
                self._list(commune)
            else:
                self._import(
                    commune,
                    options["brigade"],
                    Path(options["file"]),
                    options["author"],
                    options["dry_run"],
                )

    def _list(self, commune: Commune) -> None:
        brigades = (
            Brigade.objects.of(commune)
            .annotate(people=Count("members", filter=Q(members__left_on__isnull=True)))
            .order_by("kind", "name")
        )
        for b in brigades:
            self.stdout.write(f"{b.pk}\t{b.kind}\t{b.people}\t{b.name}")

    def _import(
        self, commune: Commune, brigade_id: int, path: Path, author: str, dry_run: bool
    ) -> None:
        brigade = Brigade.objects.of(commune).filter(pk=brigade_id).first()
        if brigade is None:
            raise CommandError(
                _("There is no brigade %(id)s in the commune.") % {"id": brigade_id},
                returncode=FILE_PROBLEM,
            )
        content = import_file_read(path, MEMBERS.limits)
        with Progress(self.stderr, _("Rows read")) as progress:
            outcome = members_import(
                commune=commune,
                brigade=brigade,
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
                    "%(count)s problem: no member was added.",
                    "%(count)s problems: no member was added.",
                    len(outcome.problems),
                )
                % {"count": len(outcome.problems)},
            )
        if dry_run:
            self.stdout.write(
                _("The file is good: %(count)s members. Nothing was recorded (--dry-run).")
                % {"count": summary.rows}
            )
            return
        self.stdout.write(summary.sentence(), style_func=self.style.SUCCESS)
