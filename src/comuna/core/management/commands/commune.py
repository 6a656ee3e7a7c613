"""``comuna commune``: the communes this installation holds.

- ``comuna commune create CODE NAME [--municipality M] [--state S] [--hostname HOST]`` adds a
  commune (its chart of accounts and what every app needs are opened with it);
- ``comuna commune list [--json]`` lists them, one per line: code, name, place, address for
  phones;
- ``comuna commune set-address CODE URL`` sets the address phones on the wifi reach the
  commune at (``http://192.168.1.10:8000``), printed in the household cards' QR codes; an
  empty URL ("") clears it. The administrator sets the same in the browser, on the commune's
  settings page.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.selectors import communes_listed
from comuna.core.services import commune_address_set, commune_create
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
        address = actions.add_parser(
            "set-address", help="Set the address phones reach the commune at (for the cards)."
        )
        address.add_argument("code", metavar="CODE", help="The commune's code.")
        address.add_argument(
            "url", metavar="URL", help='e.g. http://192.168.1.10:8000 ("" to clear it).'
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            if options["action"] == "create":
                self._create(options)
            elif options["action"] == "set-address":
                self._set_address(options["code"], options["url"])
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

    def _set_address(self, code: str, url: str) -> None:
        commune = Commune.objects.filter(code=code.strip().lower()).first()
        if commune is None:
            raise CommandError(_("There is no commune with code %(code)s.") % {"code": code})
        try:
            commune_address_set(commune=commune, public_url=url)
        except Refusal as refusal:
            raise CommandError(refusal.message) from None
        if commune.public_url:
            self.stdout.write(
                _("The cards of %(name)s will lead phones to %(url)s.")
                % {"name": commune.name, "url": commune.public_url},
                style_func=self.style.SUCCESS,
            )
        else:
            self.stdout.write(
                _("The address of %(name)s is cleared: no card prints until one is set.")
                % {"name": commune.name}
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
                    "public_url": c.public_url,
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
            address = f"\t{c.public_url}" if c.public_url else ""
            self.stdout.write(f"{c.code}\t{c.name}\t{place}{address}")
