"""``comuna enterprises list [--json] [--commune CODE]``: one commune's enterprises from a
terminal (``--commune`` is needed only when the installation holds several).

``--json`` prints a list of objects with ``id``, ``name``, ``kind``, ``active``, ``accounts``
(purpose → code in the chart), ``workers`` (working today) and ``diesel_left_ml`` (the diesel
stock today, 0 for an enterprise that keeps none).
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import terminal_language
from comuna.enterprises.accounts import accounts_of
from comuna.enterprises.models import Enterprise
from comuna.enterprises.selectors import diesel_left_ml


def enterprise_row(enterprise: Enterprise) -> dict[str, Any]:
    return {
        "id": enterprise.pk,
        "name": enterprise.name,
        "kind": enterprise.kind,
        "active": enterprise.active,
        "accounts": accounts_of(enterprise),
        "workers": enterprise.workers.filter(until__isnull=True).count(),
        "diesel_left_ml": diesel_left_ml(enterprise, on=timezone.localdate()),
    }


class Command(BaseCommand):
    help = "List the commune's enterprises."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="List the enterprises.")
        listing.add_argument("--json", action="store_true", help="Print JSON.")
        commune_option_add(listing)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            commune = commune_for_command(options["commune"])
            enterprises = Enterprise.objects.of(commune).order_by("name")
            rows = [enterprise_row(e) for e in enterprises]
            if options["json"]:
                self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
                return
            if not rows:
                self.stdout.write(_("No enterprise yet."))
                return
            kinds = {e.pk: e.get_kind_display() for e in enterprises}
            for row in rows:
                line = f"{row['id']:>4}  {row['name']}  ·  {kinds[row['id']]}  ·  " + _(
                    "%(count)s working"
                ) % {"count": row["workers"]}
                if "diesel" in row["accounts"]:
                    line += "  ·  " + _("%(litres)s L of diesel left") % {
                        "litres": round(row["diesel_left_ml"] / 1000)
                    }
                self.stdout.write(line)
