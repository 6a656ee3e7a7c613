"""``comuna demo [--no-serve]``: build the demo commune if it is not there, and serve it.

Building twice changes nothing: the second time only prints what is there.
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
from comuna.core.terminal import terminal_language
from comuna.demo.builder import DemoSummary, demo_build


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
        add_serve_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write(_("Preparing the demo commune…"))
            self.stdout.flush()
            try:
                summary = demo_build()
            except Refusal as error:
                raise CommandError(error.message) from None
            self._print(summary, options)
            if not options["no_serve"]:
                serve_from_options(self, options)

    def _print(self, summary: DemoSummary, options: dict[str, Any]) -> None:
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
        url = addresses(options["host"], options["port"])[0]
        if options["no_serve"]:
            write("\n" + _("Serve it with “comuna demo” and open %(url)s") % {"url": url})
        else:
            write("")
        self.stdout.flush()
