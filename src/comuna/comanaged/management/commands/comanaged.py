"""``comuna comanaged``: the co-managed enterprises from a terminal.

- ``comuna comanaged list [--json]`` prints each enterprise the commune hosts or is served by:
  id, whether the commune hosts it, the periods shared, the surplus shared in all, and its
  name; with ``--json``, one JSON document with the communes served and their shares.

Takes ``--commune CODE``, needed only when the installation holds several. Exit status: 0
done, 2 no commune yet, or several communes and none (or an unknown one) named.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from comuna.comanaged import selectors
from comuna.comanaged.access import comanaged_reachable
from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import FILE_PROBLEM, terminal_language
from comuna.users.actors import actor_operator


class Command(BaseCommand):
    help = "The co-managed enterprises (EPSIC): list them."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="Print the co-managed enterprises.")
        listing.add_argument("--json", action="store_true", help="Print JSON.")
        commune_option_add(listing)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            try:
                commune = commune_for_command(options["commune"])
            except CommandError as error:
                raise CommandError(str(error), returncode=FILE_PROBLEM) from None
            rows: list[dict[str, Any]] = []
            for reach in comanaged_reachable(actor_operator(commune)):
                c = reach.comanaged
                shared = selectors.results_of(c).filter(applied_at__isnull=False)
                rows.append(
                    {
                        "id": c.pk,
                        "name": c.name,
                        "activity": c.activity,
                        "host": c.commune.code,
                        "hosted_here": reach.host,
                        "periods_shared": shared.count(),
                        "surplus_shared": sum(shared.values_list("surplus", flat=True)),
                        "served": [
                            {"commune": s.served.code, "basis_points": s.basis_points}
                            for s in selectors.served_of(c)
                        ],
                    }
                )
            if options["json"]:
                self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
                return
            if not rows:
                self.stdout.write(
                    _("No co-managed enterprise is hosted by or serves this commune.")
                )
            for row in rows:
                where = _("host") if row["hosted_here"] else _("served")
                self.stdout.write(
                    f"{row['id']}\t{where}\t{row['periods_shared']}\t"
                    f"{row['surplus_shared'] / 100:.2f}\t{row['name']}"
                )
