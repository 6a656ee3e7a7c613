"""``comuna demo [--communes N | --federation [--laptop DIR]] [--no-serve]``: build the demo
communes that are not there, and serve them.

``--federation`` builds a communal city of four communes as a federation server holds them;
``--laptop DIR`` also makes DIR the data folder of a laptop that keeps the first of them (its
own SQLite database, its own key), to change something there and sync it to this server.

Building twice changes nothing: the second time only prints what is there. With
``--communes N`` it builds N demo communes side by side; the first keeps the logins
``admin``, ``vocera``, ``tesorera``, ``contralor`` and ``vecino``, and each further commune's
logins end in its number (``admin2``…), with the same passwords.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from comuna.core import network
from comuna.core.management.commands.serve import (
    add_serve_arguments,
    host_from_options,
    serve_from_options,
)
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.server import listening_lines
from comuna.core.services import commune_address_set
from comuna.core.terminal import Progress, terminal_language
from comuna.demo.builder import DEMO_STAGES, DemoSummary, demo_build
from comuna.demo.federation import (
    FEDERATION_DEMO_COMMUNES,
    federation_demo_build,
    federation_demo_describe,
)
from comuna.demo.laptop import laptop_build


def _count(value: int) -> str:
    return number_format(value, force_grouping=True)


class Command(BaseCommand):
    help = "Build the demo commune (fictional people) and serve it."
    requires_system_checks = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Build the demo commune and print a summary, without serving it.",
        )
        parser.add_argument(
            "--communes",
            type=int,
            default=1,
            metavar="N",
            help="Build N demo communes side by side (each with its own logins).",
        )
        parser.add_argument(
            "--federation",
            action="store_true",
            help="Build a communal city of four communes, as a federation server holds them.",
        )
        parser.add_argument(
            "--laptop",
            metavar="DIR",
            help="With --federation: make DIR the data folder of a laptop of the first commune.",
        )
        add_serve_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write(_("Preparing the demo commune…"))
            self.stdout.flush()
            if options["laptop"] and not options["federation"]:
                raise CommandError(_("--laptop goes with --federation."))
            communes = FEDERATION_DEMO_COMMUNES if options["federation"] else options["communes"]
            try:
                with Progress(self.stderr, _("Building"), total=communes * DEMO_STAGES) as progress:
                    if options["federation"]:
                        summaries = federation_demo_build(progress=progress.reach)
                    else:
                        summaries = demo_build(communes=communes, progress=progress.reach)
                for summary in summaries:
                    self._print(summary)
                if options["federation"]:
                    self.stdout.write(federation_demo_describe())
                if options["laptop"]:
                    self.stdout.write(laptop_build(Path(options["laptop"])))
            except Refusal as error:
                raise CommandError(error.message) from None
            self._cards_address(options)
            self._print_address(options)
            if not options["no_serve"]:
                serve_from_options(self, options, lan_hint="comuna demo --lan")

    def _print(self, summary: DemoSummary) -> None:
        write = self.stdout.write
        if summary.built:
            write(_("The demo commune is built."), style_func=self.style.SUCCESS)
        else:
            write(_("The demo commune was already there: nothing was changed."))
        place = ", ".join(part for part in (summary.municipality, summary.state) if part)
        write(f"\n  {summary.commune_name} ({place})")
        for label, value in (
            (_("communal councils"), summary.councils),
            (_("households"), summary.households),
            (_("people"), summary.people),
            (_("organs"), summary.organs),
            (_("seats"), summary.seats),
        ):
            write(f"  {_count(value):>8}  {label}")
        write(
            "\n"
            + _(
                "Demo logins (demo passwords: the people are invented; never use them"
                " for real data):"
            )
        )
        width = max((len(login.username) for login in summary.logins), default=0)
        for login in summary.logins:
            about = str(login.role.label)
            if login.full_name:
                about += f": {login.full_name}"
            if login.place:
                about += f" ({login.place})"
            write(f"  {login.username:<{width}}  {login.password:<16}  {about}")
        write("")

    def _cards_address(self, options: dict[str, Any]) -> None:
        """Opened to the wifi, the demo communes' cards lead the phones to this computer (a
        real commune sets its address itself, since it must stay true after printing)."""
        host = host_from_options(options)
        phones = network.phone_urls(host, options["port"])
        if not phones:
            return
        for commune in Commune.objects.filter(is_demo=True, public_url=""):
            commune_address_set(commune=commune, public_url=phones[0])
            self.stdout.write(
                _("The cards of %(name)s lead the phones to %(url)s.")
                % {"name": commune.name, "url": phones[0]}
            )

    def _print_address(self, options: dict[str, Any]) -> None:
        if options["no_serve"]:
            host = host_from_options(options)
            write = self.stdout.write
            write(_("Serve it with “comuna demo”; it will listen here:"))
            for line in listening_lines(host, options["port"], lan_hint="comuna demo --lan"):
                write(f"  {line}")
        self.stdout.flush()
