"""``comuna demo [--communes N] [--no-serve]``: build the demo communes that are not there,
and serve them.

Building twice changes nothing: the second time only prints what is there. With
``--communes N`` it builds N demo communes side by side; the first keeps the logins ``admin``,
``vocera``, ``contralor`` and ``vecino``, and each further commune's logins end in its number
(``admin2``…), with the same passwords.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from comuna.core.management.commands.serve import add_serve_arguments, serve_from_options
from comuna.core.refusals import Refusal
from comuna.core.server import addresses
from comuna.core.terminal import Progress, terminal_language
from comuna.demo.builder import DEMO_STAGES, DemoSummary, demo_build


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
        add_serve_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write(_("Preparing the demo commune…"))
            self.stdout.flush()
            communes = options["communes"]
            try:
                with Progress(self.stderr, _("Building"), total=communes * DEMO_STAGES) as progress:
                    summaries = demo_build(communes=communes, progress=progress.reach)
            except Refusal as error:
                raise CommandError(error.message) from None
            for summary in summaries:
                self._print(summary)
            self._print_address(options)
            if not options["no_serve"]:
                serve_from_options(self, options)

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

    def _print_address(self, options: dict[str, Any]) -> None:
        write = self.stdout.write
        url = addresses(options["host"], options["port"])[0]
        if options["no_serve"]:
            write(_("Serve it with “comuna demo” and open %(url)s") % {"url": url})
        self.stdout.flush()
