"""``comuna incidents``: the incidents from a terminal.

- ``comuna incidents list [--open] [--json]`` prints the incidents, newest first: one per line
  (number, date reported, kind, council, sector, status, brigade), or a JSON array. It never
  prints who reported nor an address: the terminal's output travels.

Takes ``--commune CODE``, needed only when the installation holds several.
Exit status: 0 done, 2 no commune yet, or several and none (or an unknown one) named.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import terminal_language
from comuna.incidents.models import OPEN_STATUSES, Incident

FILE_PROBLEM = 2


class Command(BaseCommand):
    help = "The incidents in public services: list them."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="List the incidents, newest first.")
        listing.add_argument("--open", action="store_true", help="Only those still open.")
        listing.add_argument("--json", action="store_true", help="A JSON array.")
        commune_option_add(listing)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            try:
                commune = commune_for_command(options["commune"])
            except CommandError as error:
                raise CommandError(str(error), returncode=FILE_PROBLEM) from None
            incidents = Incident.objects.of(commune).select_related(
                "kind", "council", "sector", "brigade"
            )
            if options["open"]:
                incidents = incidents.filter(status__in=OPEN_STATUSES)
            rows = [
                {
                    "reference": i.reference,
                    "reported_at": i.reported_at.isoformat(),
                    "kind": i.kind.code,
                    "kind_name": i.kind.display_name,
                    "council": i.council.code,
                    "sector": i.sector.name if i.sector else None,
                    "status": i.status,
                    "priority": i.priority,
                    "brigade": i.brigade.name if i.brigade else None,
                    "households_affected": i.households_affected,
                    "resolved_at": i.resolved_at.isoformat() if i.resolved_at else None,
                }
                for i in incidents.order_by("-reported_at", "-number").iterator(chunk_size=2000)
            ]
            if options["json"]:
                self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
                return
            for row in rows:
                self.stdout.write(
                    "\t".join(
                        str(row[key] or "—")
                        for key in (
                            "reference",
                            "reported_at",
                            "kind_name",
                            "council",
                            "sector",
                            "status",
                            "brigade",
                        )
                    )
                )
