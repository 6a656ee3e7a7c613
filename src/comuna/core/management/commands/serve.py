"""``comuna serve [--host H] [--port P] [--workers N]``: serve Comuna with gunicorn.

Brings the database up to date first, so that a new version is served the moment it is
installed.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

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
        "--host",
        default=DEFAULT_HOST,
        help="Address to listen on (default %(default)s, this computer only; "
        "0.0.0.0 for the phones on the local network).",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="Default %(default)s.")
    parser.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        help="Worker processes (default %(default)s on this computer).",
    )
    parser.add_argument("--access-log", action="store_true", help="Print a line for every request.")


def serve_from_options(command: BaseCommand, options: dict[str, Any]) -> None:
    """Serve as the options say, writing to the command's output; call in the user's language."""

    def write(line: str) -> None:
        command.stdout.write(line)
        command.stdout.flush()

    try:
        serve(
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            write=write,
            access_log=options["access_log"],
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
            serve_from_options(self, options)
