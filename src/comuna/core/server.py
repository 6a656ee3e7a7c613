"""Serving Comuna with gunicorn: the one place where ``comuna serve`` and ``comuna demo`` serve.

A production server with several worker processes, not Django's development server: the
laptop at the commune's headquarters serves the phones on its wifi all day. Static files come
from the installed package through WhiteNoise, so nothing else needs installing.

Stopping: Ctrl+C stops at once; SIGTERM (a service manager) lets requests in flight finish for
up to ``GRACEFUL_SECONDS``. Either way nothing is half-written, because every write is one
database transaction.
"""

from __future__ import annotations

import errno
import os
import socket
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.db import connections
from django.urls import get_resolver
from django.utils import translation
from django.utils.translation import gettext as _
from gunicorn.app.base import BaseApplication

from comuna.core import network

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Generating a long PDF or importing a big spreadsheet on a slow laptop can take a while.
TIMEOUT_SECONDS = 120
GRACEFUL_SECONDS = 20
THREADS_PER_WORKER = 2


class ServeError(Exception):
    """Comuna cannot serve as asked; ``message`` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def default_workers() -> int:
    """Two per processor and one more, at most four.

    Each worker holds a copy of the application in memory, and the laptop is small; four
    workers of two threads each are plenty for the phones of a commune, and SQLite (in WAL
    mode) lets them all read while one writes.
    """
    return min(4, 2 * (os.cpu_count() or 1) + 1)


def addresses(host: str, port: int) -> list[str]:
    """The addresses at which people can open Comuna once it listens on ``host``: this
    computer's first, then those the phones on the wifi can use."""
    if network.is_everywhere(host):
        return [network.url("127.0.0.1", port), *network.phone_urls(host, port)]
    return [network.url(host, port)]


def listening_lines(host: str, port: int, *, lan_hint: str) -> list[str]:
    """What to tell the person who starts the server, in the active language: every address
    it listens at, which of them the phones can use, and, when the phones can reach it, that
    the traffic is plain HTTP. ``lan_hint`` is the command that opens it to the wifi
    (``comuna serve --lan``)."""
    lines = []
    if network.is_everywhere(host):
        lines.append(
            _("Comuna listens on every network of this computer (%(host)s), port %(port)s.")
            % {"host": host or "0.0.0.0", "port": port}  # noqa: S104
        )
    lines.append(_("Comuna is at %(url)s") % {"url": addresses(host, port)[0]})
    phones = network.phone_urls(host, port)
    if network.is_local_only(host):
        lines.append(
            _(
                "Only this computer can open it: phones on the wifi cannot. "
                "To open it to them, start it with “%(command)s”."
            )
            % {"command": lan_hint}
        )
        return lines
    for address in phones:
        lines.append(_("Phones on the wifi open %(url)s") % {"url": address})
    if not phones:
        lines.append(
            _("This computer is on no network now: phones cannot reach it until it joins one.")
        )
    # Said even with COMUNA_HTTPS set: this port itself still speaks plain HTTP to the wifi.
    lines.append(
        _(
            "Warning: the connection is plain HTTP. Anyone on the wifi can read what is sent, "
            "passwords included. For HTTPS, put a web server with a certificate (Caddy, nginx) "
            "in front of Comuna, let Comuna listen on 127.0.0.1 behind it, and set "
            "COMUNA_HTTPS=true."
        )
    )
    return lines


def check_port(host: str, port: int) -> None:
    """Fail with a clear message if nothing can listen on ``host:port``."""
    try:
        family, kind, proto, _name, where = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[
            0
        ]
        with socket.socket(family, kind, proto) as trial:
            trial.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            trial.bind(where)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                _(
                    "Port %(port)s is already in use: is Comuna already running? "
                    "Choose another with --port."
                )
                % {"port": port}
            ) from None
        raise ServeError(
            _("Cannot listen on %(host)s:%(port)s: %(reason)s")
            % {"host": host, "port": port, "reason": error.strerror or error}
        ) from None


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            # Settings that an older gunicorn does not have are left out, not an error.
            if key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def serve(
    *,
    host: str,
    port: int,
    workers: int,
    write: Callable[[str], None],
    access_log: bool = False,
    notes: Sequence[str] = (),
    lan_hint: str = "comuna serve --lan",
) -> None:
    """Serve until stopped; ``write`` gets the lines to show once Comuna is listening (where,
    see :func:`listening_lines`, then ``notes``).

    Call it from a management command, in the language the lines should be in. It does not
    return normally: gunicorn exits the process when it stops.
    """
    if workers < 1:
        raise ServeError(_("There must be at least one worker."))
    check_port(host, port)
    from comuna.wsgi import application

    # Import every view and load the catalogues now, once, before the workers fork: else
    # each worker pays about half a second for them on its first request.
    get_resolver().url_patterns  # noqa: B018
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            _("Comuna")

    lines = [*listening_lines(host, port, lan_hint=lan_hint), *notes]
    # The workers inherit it: the commune's settings page suggests the addresses for phones.
    network.served_remember(host, port)

    def ready(_arbiter: object) -> None:
        for line in lines:
            write(line)
        write(_("Press Ctrl+C to stop."))

    def stopped(_arbiter: object) -> None:
        write(_("Comuna has stopped."))

    # The workers are forked from this process: none may inherit its database connection.
    connections.close_all()
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    _Gunicorn(
        application,
        {
            "bind": [bind],
            "workers": workers,
            "worker_class": "gthread",
            "threads": THREADS_PER_WORKER,
            "timeout": TIMEOUT_SECONDS,
            "graceful_timeout": GRACEFUL_SECONDS,
            "preload_app": True,
            "accesslog": "-" if access_log else None,
            "errorlog": "-",
            "loglevel": "warning",
            "proc_name": "comuna",
            "when_ready": ready,
            "on_exit": stopped,
            # Two servers on one machine (a demo beside the real one) must not share a socket.
            "control_socket_disable": True,
        },
    ).run()
