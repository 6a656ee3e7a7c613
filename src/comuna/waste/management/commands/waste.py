"""``comuna waste``: the day's plan, the points and the street network from a terminal.

Every action takes ``--commune CODE`` (needed only when the installation holds several) and
``--enterprise ID`` (needed only when the commune has several waste-collection enterprises).

- ``comuna waste plan DATE [--json] [--make] [--seed N]`` shows the day's current plan, or
  makes it when there is none (``--make``: make a new one anyway); ``--json`` prints
  allowance_litres, litres, prize, kg, points_served, points_left, litres_to_serve_all and
  routes (vehicle, stops as point codes in order, kg, litres).
- ``comuna waste points import FILE [--dry-run]`` imports collection points, all or nothing;
  every bad row is printed as "Row 7: …".
- ``comuna waste network import FILE`` reads an OpenStreetMap extract (.osm or .osm.pbf).
- ``comuna waste trips import FILE [--dry-run]`` logs the trips of a spreadsheet (one row per
  point served, as the crews' sheets give them), all or nothing.
- ``comuna waste report MONTH [--json]`` prints the month's figures (MONTH as 2026-11): kg,
  litres, litres per tonne, the ration against the need, points served and days waited.

Exit status: 0 done, 1 refused (nothing changed), 2 a file that cannot be read, no commune.
"""

from __future__ import annotations

import datetime as dt
import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comuna.core.imports.services import file_import
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import (
    FILE_PROBLEM,
    REFUSED,
    import_file_read,
    import_refuse,
    terminal_language,
)
from comuna.enterprises.models import Enterprise
from comuna.waste.importing import POINTS, enterprise_for_import, points_import
from comuna.waste.reporting.selectors import month_report, month_report_json
from comuna.waste.services import day_plan_current, day_plan_make, network_import, plan_json
from comuna.waste.trips.importing import TRIPS


class Command(BaseCommand):
    help = "Plan a day's waste collection; import collection points and the street network."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        plan = actions.add_parser("plan", help="Show or make the day's plan.")
        plan.add_argument("date", metavar="DATE", help="The day, as 2026-12-03.")
        plan.add_argument("--json", action="store_true", help="Print the plan as JSON.")
        plan.add_argument("--make", action="store_true", help="Make a new plan even if one exists.")
        plan.add_argument("--seed", type=int, default=1, help="The planner's seed.")
        points = actions.add_parser("points", help="Collection points.")
        points_actions = points.add_subparsers(dest="points_action", required=True)
        points_import_ = points_actions.add_parser("import", help="Import FILE, all or nothing.")
        points_import_.add_argument("file", metavar="FILE")
        points_import_.add_argument("--dry-run", action="store_true", help="Check only.")
        network = actions.add_parser("network", help="The street network.")
        network_actions = network.add_subparsers(dest="network_action", required=True)
        network_import_ = network_actions.add_parser(
            "import", help="Read an OpenStreetMap extract (.osm or .osm.pbf)."
        )
        network_import_.add_argument("file", metavar="FILE")
        trips = actions.add_parser("trips", help="The crews' trip logs.")
        trips_actions = trips.add_subparsers(dest="trips_action", required=True)
        trips_import_ = trips_actions.add_parser(
            "import", help="Log the trips of FILE, all or none."
        )
        trips_import_.add_argument("file", metavar="FILE")
        trips_import_.add_argument("--dry-run", action="store_true", help="Check only.")
        report = actions.add_parser("report", help="The month's figures.")
        report.add_argument("month", metavar="MONTH", help="The month, as 2026-11.")
        report.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        for action in (plan, points_import_, network_import_, trips_import_, report):
            commune_option_add(action)
            action.add_argument("--enterprise", default="", metavar="ID")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            try:
                commune = commune_for_command(options["commune"])
            except CommandError as error:
                raise CommandError(str(error), returncode=FILE_PROBLEM) from None
            try:
                enterprise = enterprise_for_import(commune, {"enterprise": options["enterprise"]})
                if options["action"] == "plan":
                    self._plan(enterprise, options)
                elif options["action"] == "points":
                    self._points(commune, Path(options["file"]), options["dry_run"])
                elif options["action"] == "trips":
                    self._trips(commune, Path(options["file"]), options["dry_run"])
                elif options["action"] == "report":
                    self._report(enterprise, options["month"], as_json=options["json"])
                else:
                    path = Path(options["file"])
                    settings = network_import(enterprise=enterprise, path=path, filename=path.name)
                    self.stdout.write(
                        _("Street network read from %(file)s.") % {"file": settings.network_name}
                    )
            except Refusal as refusal:
                raise CommandError(refusal.message, returncode=REFUSED) from None

    def _plan(self, enterprise: Enterprise, options: dict[str, Any]) -> None:
        try:
            day = dt.date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError(
                _("“%(value)s” is not a date (use 2026-12-03).") % {"value": options["date"]},
                returncode=REFUSED,
            ) from None
        plan = None if options["make"] else day_plan_current(enterprise, day)
        if plan is None:
            plan = day_plan_make(enterprise=enterprise, date=day, by=None, seed=options["seed"])
        data = plan_json(plan)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            _(
                "%(date)s: %(litres)s of %(allowance)s litres allowed, %(kg)s kg, "
                "%(served)s points served, %(left)s left; %(all)s litres would serve them all."
            )
            % {
                "date": data["date"],
                "litres": data["litres"],
                "allowance": data["allowance_litres"],
                "kg": data["kg"],
                "served": len(data["points_served"]),
                "left": len(data["points_left"]),
                "all": data["litres_to_serve_all"],
            }
        )
        for route in data["routes"]:
            self.stdout.write(
                f"  {route['vehicle']}: {route['kg']} kg, {route['litres']} L, "
                + " ".join(route["stops"])
            )

    def _points(self, commune: Commune, path: Path, dry_run: bool) -> None:
        content = import_file_read(path, POINTS.limits)
        outcome = points_import(
            commune=commune, content=content, filename=path.name, dry_run=dry_run
        )
        summary = outcome.summary
        if outcome.problems or summary is None:
            import_refuse(
                self.stderr.write,
                outcome.problems,
                ngettext(
                    "%(count)s problem: nothing was imported.",
                    "%(count)s problems: nothing was imported.",
                    len(outcome.problems),
                )
                % {"count": len(outcome.problems)},
            )
        if dry_run:
            self.stdout.write(_("The file is good. Nothing was imported (--dry-run)."))
            return
        self.stdout.write(summary.sentence(), style_func=self.style.SUCCESS)

    def _trips(self, commune: Commune, path: Path, dry_run: bool) -> None:
        content = import_file_read(path, TRIPS.limits)
        outcome = file_import(
            importer=TRIPS, commune=commune, filename=path.name, content=content, dry_run=dry_run
        )
        summary = outcome.summary
        if outcome.problems or summary is None:
            import_refuse(
                self.stderr.write,
                outcome.problems,
                ngettext(
                    "%(count)s problem: no trip was logged.",
                    "%(count)s problems: no trip was logged.",
                    len(outcome.problems),
                )
                % {"count": len(outcome.problems)},
            )
        if dry_run:
            self.stdout.write(_("The file is good. Nothing was imported (--dry-run)."))
            return
        self.stdout.write(summary.sentence(), style_func=self.style.SUCCESS)

    def _report(self, enterprise: Enterprise, month: str, *, as_json: bool) -> None:
        try:
            start = dt.date.fromisoformat(f"{month}-01")
        except ValueError:
            raise CommandError(
                _("“%(value)s” is not a month (use 2026-11).") % {"value": month},
                returncode=REFUSED,
            ) from None
        data = month_report_json(month_report(enterprise, start))
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            _(
                "%(month)s: %(kg)s kg collected with %(litres)s litres (%(per_tonne)s per "
                "tonne); %(received)s litres received against %(need)s needed; %(served)s of "
                "%(points)s points served."
            )
            % {
                "month": data["month"],
                "kg": data["kg"],
                "litres": data["litres"],
                "per_tonne": data["litres_per_tonne"]
                if data["litres_per_tonne"] is not None
                else "—",
                "received": data["received_litres"],
                "need": data["need_litres"],
                "served": data["points_served"],
                "points": data["points"],
            }
        )
