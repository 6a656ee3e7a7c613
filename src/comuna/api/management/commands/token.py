"""``comuna token``: personal tokens for the JSON API.

``comuna token create USERNAME [--name NAME] [--commune CODE]`` prints only the token on
standard output (a token acts in one commune, as what the user is there), so a
script can capture it (``TOKEN=$(comuna token create admin)``); everything else goes to
standard error. ``comuna token list USERNAME`` shows a user's tokens by prefix and
``comuna token revoke PREFIX`` revokes one.
"""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comuna.core.refusals import Refusal
from comuna.core.tenancy import commune_for_command
from comuna.core.terminal import terminal_language
from comuna.memberships.selectors import actor_for
from comuna.users.models import User
from comuna.users.tokens import (
    token_create,
    token_revoke,
    tokens_of,
    tokens_with_prefix,
)


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return _("never")
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


class Command(BaseCommand):
    help = "Create, list and revoke personal tokens for the JSON API."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="Print a new token for USERNAME.")
        create.add_argument("username", metavar="USERNAME")
        create.add_argument("--name", default="", help="What the token is for.")
        create.add_argument(
            "--commune", metavar="CODE", help="The commune it acts in (if there are several)."
        )
        listing = actions.add_parser("list", help="Show USERNAME's tokens.")
        listing.add_argument("username", metavar="USERNAME")
        revoke = actions.add_parser("revoke", help="Revoke the token that starts with PREFIX.")
        revoke.add_argument("prefix", metavar="PREFIX")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            action = options["action"]
            if action == "create":
                self._create(options["username"], options["name"], options["commune"])
            elif action == "list":
                self._list(options["username"])
            else:
                self._revoke(options["prefix"])

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no user %(username)s.") % {"username": username})
        return user

    def _create(self, username: str, name: str, commune_code: str | None) -> None:
        actor = actor_for(self._user(username), commune_for_command(commune_code))
        try:
            _token, raw = token_create(actor=actor, name=name)
        except Refusal as error:
            raise CommandError(error.message) from None
        self.stdout.write(raw)
        self.stderr.write(
            _("Keep this token: it will not be shown again. Send it as “Authorization: Bearer …”."),
            style_func=self.style.WARNING,
        )

    def _list(self, username: str) -> None:
        user = self._user(username)
        tokens = list(tokens_of(user))
        if not tokens:
            self.stdout.write(_("%(username)s has no tokens.") % {"username": username})
            return
        self.stdout.write("\t".join([_("prefix"), _("name"), _("created"), _("last used")]))
        for token in tokens:
            self.stdout.write(
                "\t".join(
                    [
                        token.prefix,
                        token.name or "—",
                        _when(token.created_at),
                        _when(token.last_used_at),
                    ]
                )
            )

    def _revoke(self, prefix: str) -> None:
        tokens = list(tokens_with_prefix(prefix))
        if not tokens:
            raise CommandError(_("No token starts with %(prefix)s.") % {"prefix": prefix})
        if len(tokens) > 1:
            raise CommandError(
                _("Several tokens start with %(prefix)s; none was revoked.") % {"prefix": prefix}
            )
        token_revoke(token=tokens[0])
        self.stdout.write(
            _("Token %(prefix)s of %(username)s revoked.")
            % {"prefix": tokens[0].prefix, "username": tokens[0].user.username},
            style_func=self.style.SUCCESS,
        )
