"""Which commune a request or a command is about.

One installation may hold many communes. The current commune is found, in this order:

1. the installation holds one commune: that one (the commune's laptop, the usual case);
2. the request's host name is a commune's ``hostname`` (a server that gives each commune a
   name of its own, such as ``comuna-bolivar.ciudad.local``);
3. the commune chosen in the session: at login, a person with memberships in one commune is
   placed in it; one with several chooses from the menu (``/comunas/``), as does anyone who
   only wants a commune's public figures.

Host names rather than a path prefix, so that every address stays the same on a laptop and
on a server and a printed QR code keeps working when a commune moves to a city's server.
Commands take ``--commune CODE``, needed only when there are several.
"""

from __future__ import annotations

from argparse import ArgumentParser

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from comuna.core.models import Commune

SESSION_KEY = "comuna_commune"


def commune_for_host(host: str) -> Commune | None:
    name = host.split(":", 1)[0].strip().lower()
    if not name:
        return None
    return Commune.objects.filter(hostname=name).first()


def commune_resolve(*, host: str, chosen_id: object) -> tuple[Commune | None, bool]:
    """The commune a request is about (``None`` when it must be chosen first), and whether
    the installation holds several."""
    communes = list(Commune.objects.order_by("id")[:2])
    if len(communes) < 2:
        return (communes[0] if communes else None), False
    if (by_host := commune_for_host(host)) is not None:
        return by_host, True
    if isinstance(chosen_id, int):
        return Commune.objects.filter(pk=chosen_id).first(), True
    return None, True


def commune_for_command(code: str | None) -> Commune:
    """The commune a command acts on: ``--commune CODE``, or the only one there is."""
    if code:
        commune = Commune.objects.filter(code__iexact=code.strip()).first()
        if commune is None:
            raise CommandError(_("There is no commune with code %(code)s.") % {"code": code})
        return commune
    communes = list(Commune.objects.order_by("id")[:2])
    if not communes:
        raise CommandError(_("There is no commune yet: create one with “comuna commune create”."))
    if len(communes) > 1:
        raise CommandError(
            _("This installation holds several communes: say which with --commune CODE.")
        )
    return communes[0]


class CommuneNotChosen(Exception):
    """A page about one commune was asked for before any commune was chosen (a server that
    holds several); the middleware answers with the list of communes to choose from."""


def commune_of(request: object) -> Commune:
    """The request's commune (set by the middleware), or :class:`CommuneNotChosen`."""
    commune = getattr(request, "commune", None)
    if not isinstance(commune, Commune):
        raise CommuneNotChosen
    return commune


def commune_option_add(parser: ArgumentParser) -> None:
    """``--commune CODE`` on a command (or one of its actions) that reads or writes communal
    data; see :func:`commune_for_command`."""
    parser.add_argument(
        "--commune",
        metavar="CODE",
        help=_("The commune to act on (needed only when the installation holds several)."),
    )
