"""``comuna sync``: a commune's changes to the server and what the federation publishes back.

On the laptop:

- ``comuna sync key`` prints the commune's uuid and public key (base64), for its registration
  at the federation (the key is made on first need, in the data folder, mode 600);
- ``comuna sync status`` says how many changes wait to be sent, and when it last synced;
- ``comuna sync export FILE`` writes the next bundle to FILE (a USB stick);
- ``comuna sync push URL`` sends every change to the server at URL, resuming where a cut
  transfer stopped; ``comuna sync pull URL`` brings what the federation published;
- ``comuna sync import FILE`` applies a bundle: the server's on a laptop, a commune's on a
  server.

On the server: ``comuna sync import FILE``, ``comuna sync published FILE --commune CODE``
(the server's bundle for that commune's laptop, to carry back) and ``comuna sync register
--commune CODE KEY`` (a commune's public key, when no federation registration gives it).

Exit status: 0 done, 1 refused (nothing applied), 2 a file that cannot be read or written.
"""

from __future__ import annotations

import base64
import binascii
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from comuna.core.refusals import Refusal
from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import FILE_PROBLEM, REFUSED, terminal_language
from comuna.engines.sync import BundleError, bundle_peek
from comuna.sync import selectors, services, transport
from comuna.sync.keys import commune_public_key_text


class Command(BaseCommand):
    help = "Send and receive a commune's changes: key, status, export, import, push, pull."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        for name, text in (
            ("key", "Print the commune's uuid and public key, for its registration."),
            ("status", "How many changes wait to be sent; the last push and pull."),
        ):
            commune_option_add(actions.add_parser(name, help=text))
        export = actions.add_parser("export", help="Write the next bundle of changes to FILE.")
        export.add_argument("file", metavar="FILE")
        export.add_argument("--limit", type=int, default=services.DEFAULT_LIMIT)
        commune_option_add(export)
        imp = actions.add_parser("import", help="Apply a bundle from FILE.")
        imp.add_argument("file", metavar="FILE")
        for name, text in (
            ("push", "Send every pending change to the server at URL."),
            ("pull", "Bring from the server at URL what the federation published."),
        ):
            sub = actions.add_parser(name, help=text)
            sub.add_argument("url", metavar="URL")
            if name == "push":
                sub.add_argument("--limit", type=int, default=services.DEFAULT_LIMIT)
            commune_option_add(sub)
        published = actions.add_parser(
            "published", help="Write the server's bundle for a commune's laptop to FILE."
        )
        published.add_argument("file", metavar="FILE")
        commune_option_add(published)
        clone = actions.add_parser(
            "clone", help="Make this empty data folder a laptop of the commune in FILE."
        )
        clone.add_argument("file", metavar="FILE")
        register = actions.add_parser("register", help="Record a commune's public key (base64).")
        register.add_argument("key", metavar="KEY")
        commune_option_add(register)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            try:
                getattr(self, "_" + options["action"])(options)
            except Refusal as refusal:
                raise CommandError(refusal.message, returncode=REFUSED) from None

    def _key(self, options: dict[str, Any]) -> None:
        commune = commune_for_command(options.get("commune"))
        self.stdout.write(f"{commune.uuid} {commune_public_key_text(commune)}")

    def _status(self, options: dict[str, Any]) -> None:
        commune = commune_for_command(options.get("commune"))
        status = selectors.laptop_status(commune)
        self.stdout.write(
            _("Changes not yet sent: %(pending)s (not yet acknowledged: %(unacked)s)")
            % {"pending": status["pending"], "unacked": status["unacknowledged"]}
        )
        self.stdout.write(
            _("Last bundle: %(built)s; acknowledged by the server: %(acked)s")
            % {"built": status["built_seq"], "acked": status["acked_seq"]}
        )
        self.stdout.write(
            _("Last push: %(push)s; last pull: %(pull)s")
            % {"push": status["pushed_at"] or "-", "pull": status["pulled_at"] or "-"}
        )

    def _write(self, path: Path, data: bytes) -> None:
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(reason)s") % {"file": path, "reason": error.strerror},
                returncode=FILE_PROBLEM,
            ) from None

    def _export(self, options: dict[str, Any]) -> None:
        commune = commune_for_command(options.get("commune"))
        data = services.bundle_next(commune, limit=max(1, options["limit"]))
        if data is None:
            self.stdout.write(_("Nothing to send: every change is in an earlier bundle."))
            return
        self._write(Path(options["file"]), data)
        header = bundle_peek(data)
        self.stdout.write(
            _("Bundle %(seq)s with %(count)s changes written to %(file)s.")
            % {"seq": header["seq"], "count": header["count"], "file": options["file"]}
        )

    def _import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": error.strerror},
                returncode=FILE_PROBLEM,
            ) from None
        try:
            kind = bundle_peek(data).get("kind")
        except BundleError as error:
            raise services._refusal_of(error) from None
        if kind == "down":
            result = services.published_apply(data=data)
            self.stdout.write(
                _("The server's bundle was applied: %(rows)s published rows.")
                % {"rows": result["rows"]}
            )
            return
        applied = services.bundle_apply(data=data)
        self.stdout.write(
            _("Bundle %(seq)s of %(commune)s applied: %(count)s changes.")
            % {"seq": applied.seq, "commune": applied.commune.name, "count": applied.changes}
        )

    def _push(self, options: dict[str, Any]) -> None:
        commune = commune_for_command(options.get("commune"))
        result = transport.push(commune, options["url"], limit=max(1, options["limit"]))
        self.stdout.write(
            _("%(bundles)s bundles sent (%(changes)s changes); the server holds bundle %(seq)s.")
            % {"bundles": result.bundles, "changes": result.changes, "seq": result.seq}
        )

    def _pull(self, options: dict[str, Any]) -> None:
        commune = commune_for_command(options.get("commune"))
        result = transport.pull(commune, options["url"])
        self.stdout.write(
            _("The server's bundle was applied: %(rows)s published rows.")
            % {"rows": result["rows"]}
        )

    def _published(self, options: dict[str, Any]) -> None:
        commune = commune_for_command(options.get("commune"))
        self._write(Path(options["file"]), services.published_bundle(commune=commune, since=0))
        self.stdout.write(_("The server's bundle written to %(file)s.") % {"file": options["file"]})

    def _clone(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        data = path.read_bytes()
        header = bundle_peek(data)
        commune = services.clone_apply(
            data=data, public_key=base64.b64decode(str(header.get("public_key", "")))
        )
        self.stdout.write(_("This computer now holds %(commune)s.") % {"commune": commune.name})

    def _register(self, options: dict[str, Any]) -> None:
        commune = commune_for_command(options.get("commune"))
        try:
            key = base64.b64decode(options["key"], validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != 32:
            raise CommandError(_("A public key is 32 bytes in base64."), returncode=REFUSED)
        services.commune_key_register(commune=commune, public_key=key)
        self.stdout.write(_("The key of %(commune)s is recorded.") % {"commune": commune.name})
