"""``comuna distribution rounds [--json] [--commune CODE]``: one commune's distribution rounds
from a terminal (``--commune`` is needed only when the installation holds several).

``--json`` prints a list of objects with ``id``, ``programme``, ``status``, ``stock`` (units
received), ``delivered`` (units delivered), and also ``unit``, ``distribution_on`` (ISO),
``seed`` and ``input_hash``.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import terminal_language
from comuna.distribution.models import Round
from comuna.distribution.selectors import rounds_listed


def round_row(round_: Round) -> dict[str, Any]:
    return {
        "id": round_.pk,
        "programme": round_.programme.name,
        "status": round_.status,
        "stock": round_.stock_received,
        "delivered": int(getattr(round_, "n_delivered", 0) or 0),
        "unit": round_.programme.unit,
        "distribution_on": round_.distribution_on.isoformat(),
        "seed": round_.seed,
        "input_hash": round_.input_hash,
    }


class Command(BaseCommand):
    help = "List the distribution rounds of food bags and gas."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("rounds", help="List the rounds.")
        listing.add_argument("--json", action="store_true", help="Print JSON.")
        commune_option_add(listing)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            commune = commune_for_command(options["commune"])
            rows = [round_row(r) for r in rounds_listed(commune)]
            if options["json"]:
                self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
                return
            if not rows:
                self.stdout.write(_("No rounds."))
                return
            for row in rows:
                self.stdout.write(
                    f"{row['id']:>5}  {row['distribution_on']}  {row['programme']}  ·  "
                    f"{row['status']}  ·  "
                    + _("%(delivered)s of %(stock)s delivered")
                    % {"delivered": row["delivered"], "stock": row["stock"]}
                )
