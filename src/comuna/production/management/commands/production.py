"""``comuna production plan ID [--solve] [--json] [--commune CODE]``: a production plan's
figures from a terminal; ``--solve`` solves it again first (as the administrator at the
machine).

``--json`` prints an object with ``id``, ``enterprise``, ``month`` (ISO), ``goal``,
``currency``, ``solved_at`` (ISO or null), ``stale`` and ``outcomes``: the plan's figures
first (``scenario`` empty), then each scenario's, each with ``plan``: ``units``, ``cost``,
``income``, ``surplus``, ``targets_met``, ``products`` (``name``, ``quantity``, ``target``,
``shortfall``, ``price``, ``break_even_price``…) and ``inputs`` (``name``, ``used``,
``available``, ``binding``, ``value``…).
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from comuna.core.refusals import Refusal
from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import terminal_language
from comuna.production import services
from comuna.production.access import plan_for_user
from comuna.production.figures import scenario_label
from comuna.production.models import ProductionPlan
from comuna.production.selectors import plan_scenario_rows
from comuna.users.actors import actor_operator


def plan_row(plan: ProductionPlan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "enterprise": plan.enterprise.name,
        "month": plan.month.isoformat(),
        "goal": plan.goal,
        "currency": plan.currency,
        "solved_at": plan.solved_at.isoformat() if plan.solved_at else None,
        "stale": plan.stale,
        "outcomes": (plan.result or {}).get("outcomes", []),
    }


class Command(BaseCommand):
    help = "Show or solve an enterprise's production plan."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        showing = actions.add_parser("plan", help="Show a plan's figures.")
        showing.add_argument("id", type=int, help="The plan's number.")
        showing.add_argument("--solve", action="store_true", help="Solve it again first.")
        showing.add_argument("--json", action="store_true", help="Print JSON.")
        commune_option_add(showing)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            commune = commune_for_command(options["commune"])
            try:
                plan = plan_for_user(actor_operator(commune), options["id"])
                if options["solve"]:
                    plan = services.plan_solve(plan=plan)
            except Http404 as missing:
                raise CommandError(str(missing)) from None
            except Refusal as refusal:
                raise CommandError(refusal.message) from None
            if options["json"]:
                self.stdout.write(json.dumps(plan_row(plan), ensure_ascii=False, indent=2))
                return
            self._print(plan)

    def _print(self, plan: ProductionPlan) -> None:
        self.stdout.write(str(plan))
        rows = plan_scenario_rows(plan)
        if not rows:
            self.stdout.write(_("This plan has not been solved yet."))
            return
        if plan.stale:
            self.stdout.write(_("The plan changed after these figures were worked out."))
        for product in (plan.result or {})["outcomes"][0]["plan"]["products"]:
            self.stdout.write(
                _("%(name)s: %(units).0f units, break-even price %(price).2f %(currency)s")
                % {
                    "name": product["name"],
                    "units": product["quantity"],
                    "price": product["break_even_price"],
                    "currency": plan.currency,
                }
            )
        for row in rows:
            self.stdout.write(
                f"{scenario_label(row)}: "
                + _(
                    "%(units).0f units, cost %(cost).2f, income %(income).2f, surplus %(surplus).2f"
                )
                % {
                    "units": row.units,
                    "cost": row.cost,
                    "income": row.income,
                    "surplus": row.surplus,
                }
            )
