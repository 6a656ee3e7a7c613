"""``comuna federation``: the federation's levels, communes and officers from a terminal.

- ``comuna federation unit create CODE NAME --level city|state|nation [--parent CODE]``
- ``comuna federation place COMMUNE UNIT``: place a commune in a communal city;
- ``comuna federation officer add|remove USERNAME UNIT``;
- ``comuna federation list [--json]``: the levels, each with its communes and officers;
- ``comuna federation registrations [--json]``: the registrations and their status (no
  spokesperson's data: those are read on the review page);
- ``comuna federation tally [--all]``: recount the tallies a state's or the nation's page
  reads (those not counted today; every one with ``--all``), as a nightly job does.

Whoever runs ``comuna`` holds the server's database, and acts as the federation. Exit status:
0 done, 1 refused (the reason is printed), 2 a name that does not exist.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.terminal import FILE_PROBLEM, REFUSED, terminal_language
from comuna.federation import services
from comuna.federation.models import CommuneTally, CommuneUnit, Officer, Registration, Unit
from comuna.users.models import User


class Command(BaseCommand):
    help = "The federation's levels, communes and registrations (--json)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        unit = actions.add_parser("unit", help="Create a level of the federation.")
        unit_actions = unit.add_subparsers(dest="unit_action", required=True, metavar="ACTION")
        create = unit_actions.add_parser("create", help="Create a level.")
        create.add_argument("code")
        create.add_argument("name")
        create.add_argument("--level", required=True, choices=Unit.Level.values)
        create.add_argument("--parent", metavar="CODE")
        place = actions.add_parser("place", help="Place a commune in a communal city.")
        place.add_argument("commune", metavar="COMMUNE")
        place.add_argument("unit", metavar="UNIT")
        officer = actions.add_parser("officer", help="Add or remove an officer of a level.")
        officer.add_argument("officer_action", choices=("add", "remove"))
        officer.add_argument("username", metavar="USERNAME")
        officer.add_argument("unit", metavar="UNIT")
        listing = actions.add_parser("list", help="Print the levels, communes and officers.")
        listing.add_argument("--json", action="store_true", help="Print JSON.")
        regs = actions.add_parser("registrations", help="Print the registrations.")
        regs.add_argument("--json", action="store_true", help="Print JSON.")
        tally = actions.add_parser(
            "tally", help="Recount the communes' tallies the federation's pages read."
        )
        tally.add_argument(
            "--all", action="store_true", help="Recount every commune, not only today's stale."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            try:
                getattr(self, f"_{options['action']}")(options)
            except Refusal as refusal:
                raise CommandError(refusal.message, returncode=REFUSED) from None

    def _unit(self, options: dict[str, Any]) -> None:
        parent = _unit_named(options["parent"]) if options["parent"] else None
        unit = services.unit_create(
            code=options["code"], name=options["name"], level=options["level"], parent=parent
        )
        self.stdout.write(
            _("Level created: %(name)s (%(code)s).") % {"name": unit.name, "code": unit.code}
        )

    def _tally(self, options: dict[str, Any]) -> None:
        communes = Commune.objects.all()
        if not options["all"]:
            fresh = CommuneTally.objects.filter(counted_on=timezone.localdate())
            communes = communes.exclude(pk__in=fresh.values("commune_id"))
        counted = services.tally_refresh(communes.values_list("pk", flat=True).iterator())
        self.stdout.write(_("Communes counted: %(n)d.") % {"n": counted})

    def _place(self, options: dict[str, Any]) -> None:
        commune = Commune.objects.filter(code__iexact=options["commune"].strip()).first()
        if commune is None:
            raise CommandError(
                _("There is no commune with code %(code)s.") % {"code": options["commune"]},
                returncode=FILE_PROBLEM,
            )
        unit = _unit_named(options["unit"])
        services.commune_place(commune=commune, unit=unit)
        self.stdout.write(
            _("%(commune)s is part of %(unit)s.") % {"commune": commune.name, "unit": unit.name}
        )

    def _officer(self, options: dict[str, Any]) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(
                _("There is no login %(username)s.") % {"username": options["username"]},
                returncode=FILE_PROBLEM,
            )
        unit = _unit_named(options["unit"])
        if options["officer_action"] == "add":
            services.officer_add(user=user, unit=unit)
            text = _("%(username)s acts for %(unit)s.")
        else:
            services.officer_remove(user=user, unit=unit)
            text = _("%(username)s no longer acts for %(unit)s.")
        self.stdout.write(text % {"username": user.username, "unit": unit.name})

    def _list(self, options: dict[str, Any]) -> None:
        communes: dict[int, list[str]] = {}
        for unit_id, code in CommuneUnit.objects.values_list("unit_id", "commune__code"):
            communes.setdefault(unit_id, []).append(code)
        officers: dict[int, list[str]] = {}
        for unit_id, username in Officer.objects.values_list("unit_id", "user__username"):
            officers.setdefault(unit_id, []).append(username)
        rows: list[dict[str, Any]] = [
            {
                "code": u.code,
                "name": u.name,
                "level": u.level,
                "parent": u.parent.code if u.parent else None,
                "communes": sorted(communes.get(u.pk, [])),
                "officers": sorted(officers.get(u.pk, [])),
            }
            for u in Unit.objects.select_related("parent").order_by("level", "code")
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(_("The federation has no level yet."))
        for row in rows:
            self.stdout.write(
                f"{row['code']}\t{row['level']}\t{row['parent'] or '-'}\t{row['name']}\t"
                f"{','.join(row['communes']) or '-'}\t{','.join(row['officers']) or '-'}"
            )

    def _registrations(self, options: dict[str, Any]) -> None:
        rows = [
            {
                "id": r.pk,
                "code": r.code,
                "name": r.name,
                "city": r.city.code,
                "status": r.status,
                "submitted_at": r.submitted_at.isoformat(),
                "reason": r.reason,
                "acta_sha256": r.acta_sha256,
            }
            for r in Registration.objects.select_related("city").order_by("-submitted_at")
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(_("No commune has asked to register yet."))
        for row in rows:
            self.stdout.write(
                f"{row['id']}\t{row['status']}\t{row['city']}\t{row['code']}\t{row['name']}"
            )


def _unit_named(code: str) -> Unit:
    unit = Unit.objects.filter(code=code.strip().lower()).first()
    if unit is None:
        raise CommandError(
            _("There is no level with code %(code)s.") % {"code": code}, returncode=FILE_PROBLEM
        )
    return unit
