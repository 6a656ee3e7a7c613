"""``comuna commune``: the communes this installation holds.

- ``comuna commune create CODE NAME [--municipality M] [--state S] [--hostname HOST]`` adds a
  commune (its chart of accounts and what every app needs are opened with it);
- ``comuna commune list [--json]`` lists them, one per line: code, name, place.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from comuna.core.refusals import Refusal
from comuna.core.selectors import communes_listed
from comuna.core.services import commune_create
from comuna.core.terminal import terminal_language


class Command(BaseCommand):
    help = "Create and list the communes this installation holds."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="Add a commune.")
        create.add_argument("code", metavar="CODE", help="A short code: letters, digits, -.")
        create.add_argument("name", metavar="NAME")
        create.add_argument("--municipality", default="")
        create.add_argument("--state", default="")
        create.add_argument("--hostname", default="", help="The host name it answers to.")
        listing = actions.add_parser("list", help="List the communes.")
        listing.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            if options["action"] == "create":
                self._create(options)
            else:
                self._list(as_json=options["json"])

    def _create(self, options: dict[str, Any]) -> None:
        try:
            commune = commune_create(
                code=options["code"],
                name=options["name"],
                municipality=options["municipality"],
                state=options["state"],
                hostname=options["hostname"],
            )
        except Refusal as refusal:
            raise CommandError(refusal.message) from None
        self.stdout.write(
            _("Commune %(code)s created: %(name)s.") % {"code": commune.code, "name": commune.name},
            style_func=self.style.SUCCESS,
        )

    def _list(self, *, as_json: bool) -> None:
        communes = list(communes_listed())
        if as_json:
            rows = [
                {
                    "code": c.code,
                    "uuid": str(c.uuid),
                    "name": c.name,
                    "municipality": c.municipality,
                    "state": c.state,
                    "hostname": c.hostname,
                    "is_demo": c.is_demo,
                }
                for c in communes
            ]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not communes:
            self.stdout.write(_("There is no commune yet."))
        for c in communes:
            place = ", ".join(part for part in (c.municipality, c.state) if part)
            self.stdout.write(f"{c.code}\t{c.name}\t{place}")
