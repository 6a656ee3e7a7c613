"""``comuna serve [--lan | --host H] [--port P] [--workers N]``: serve Comuna with gunicorn.

Brings the database up to date first, so that a new version is served the moment it is
installed.

It listens on this computer only (127.0.0.1) unless told otherwise: opening it to the wifi
is a choice, since the connection is plain HTTP (anyone on the wifi reads what is sent)
unless a web server with a certificate stands in front. ``--lan`` is that choice made easy:
it listens on every network and prints the addresses the phones can open, the warning about
HTTP, and which communes still lack the address printed in their cards' QR codes.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from comuna.core import network
from comuna.core.models import Commune
from comuna.core.server import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    ServeError,
    default_workers,
    serve,
)
from comuna.core.terminal import terminal_language


def add_serve_arguments(parser: ArgumentParser) -> None:
    """The options of ``comuna serve``, which ``comuna demo`` takes too."""
    parser.add_argument(
        "--lan",
        action="store_true",
        help="Open it to the phones on the local network (listen on every network, 0.0.0.0); "
        "the connection is plain HTTP.",
    )
    parser.add_argument(
        "--host",
        default=None,
        help=f"Address to listen on (default {DEFAULT_HOST}, this computer only).",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="Default %(default)s.")
    parser.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        help="Worker processes (default %(default)s on this computer).",
    )
    parser.add_argument("--access-log", action="store_true", help="Print a line for every request.")


def host_from_options(options: dict[str, Any]) -> str:
    """Where to listen: ``--lan`` is every network; ``--host`` an address; else this computer."""
    if options["lan"]:
        if options["host"] not in {None, "0.0.0.0"}:  # noqa: S104
            raise CommandError(_("Choose --lan or --host, not both."))
        return "0.0.0.0"  # noqa: S104 - the choice the person made with --lan
    return str(options["host"] or DEFAULT_HOST)


def cards_notes(host: str, port: int) -> list[str]:
    """When phones can reach the server: each commune whose cards cannot be printed yet,
    because nobody set the address their QR codes lead to, and how to set it."""
    if network.is_local_only(host):
        return []
    suggestion = next(iter(network.phone_urls(host, port)), "http://192.168.1.10:8000")
    return [
        _(
            "The household cards of %(name)s print only once its address for phones is set: "
            "“comuna commune set-address %(code)s %(url)s”, or in the commune's settings."
        )
        % {"name": commune.name, "code": commune.code, "url": suggestion}
        for commune in Commune.objects.filter(public_url="").order_by("id")
    ]


def serve_from_options(command: BaseCommand, options: dict[str, Any], *, lan_hint: str) -> None:
    """Serve as the options say, writing to the command's output; call in the user's language.
    ``lan_hint``: the command that opens it to the wifi, said when it listens locally only."""

    def write(line: str) -> None:
        command.stdout.write(line)
        command.stdout.flush()

    host = host_from_options(options)
    try:
        serve(
            host=host,
            port=options["port"],
            workers=options["workers"],
            write=write,
            access_log=options["access_log"],
            notes=cards_notes(host, options["port"]),
            lan_hint=lan_hint,
        )
    except ServeError as error:
        raise CommandError(error.message) from None


class Command(BaseCommand):
    help = "Serve Comuna with a production web server (gunicorn)."
    requires_system_checks = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_serve_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            call_command("migrate", interactive=False, verbosity=0)
            serve_from_options(self, options, lan_hint="comuna serve --lan")
