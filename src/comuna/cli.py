"""The ``comuna`` command: every subcommand is a Django management command of one of our apps.

``comuna``, ``comuna help`` and ``comuna --help`` list the commune's own commands first, by
what they are for, one line each, in the command line's language (``COMUNA_LANGUAGE``, see
``comuna.core.terminal``); Django's own commands (some sixty, for developers) are only named
at the end, and listed with ``comuna help --all``.
"""

from __future__ import annotations

import os
import sys
import textwrap

from django.core.management import ManagementUtility, get_commands
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comuna.core.home import umask_private

# The commune's commands, by what they are for, each with its one line of help.
GROUPS: tuple[tuple[Promise, tuple[tuple[str, Promise], ...]], ...] = (
    (
        _("Getting started"),
        (
            ("demo", _("Build the demo commune (fictional people) and serve it.")),
            ("serve", _("Serve Comuna to the browsers of this computer or its network.")),
            ("commune", _("Create and list the communes this installation holds.")),
            ("createsuperuser", _("Create the first administrator (of every commune).")),
            ("migrate", _("Bring the database up to date (serve and demo do it themselves).")),
        ),
    ),
    (_("Census"), (("census", _("Import, export and count the census (CSV or XLSX).")),)),
    (_("Accounts"), (("ledger", _("Verify, list, import and export the commune's books.")),)),
    (_("Meetings"), (("meetings", _("List the meetings, or write a meeting's acta as a PDF.")),)),
    (_("Distribution"), (("distribution", _("List the rounds of food bags and gas.")),)),
    (_("Enterprises"), (("enterprises", _("List the commune's enterprises.")),)),
    (_("Production"), (("production", _("Show or solve an enterprise's production plan.")),)),
    (
        _("Waste collection"),
        (("waste", _("Plan a day's collection; import collection points and streets.")),),
    ),
    (
        _("Recycling yard"),
        (("recycling", _("Import weigh-ins and print the stock of the recycling yard.")),),
    ),
    (
        _("Brigades"),
        (("brigades", _("List the brigades; import a brigade's members (CSV or XLSX).")),),
    ),
    (
        pgettext_lazy("command group", "Public services"),
        (("incidents", _("List the incidents in public services (--open, --json).")),),
    ),
    (_("Health"), (("health", _("Import a medicine stock count; print the stock by item.")),)),
    (
        _("Communal circuits"),
        (("circuits", _("List the cycles; import a cycle's offers and needs (CSV or XLSX).")),),
    ),
    (
        _("Federation"),
        (
            ("federation", _("The federation's levels, communes and registrations (--json).")),
            ("sync", _("Send and receive a commune's changes: push, pull, export, import.")),
        ),
    ),
    (
        _("Co-managed enterprises"),
        (("comanaged", _("List the co-managed enterprises and their shared surplus (--json).")),),
    ),
    (
        _("Exchange and clearing"),
        (("clearing", _("Clear a CSV file of obligations (no database needed).")),),
    ),
    (_("API"), (("token", _("Create, list and revoke access keys for programs.")),)),
)


class CommuneUtility(ManagementUtility):
    def main_help_text(self, commands_only: bool = False) -> str:
        if commands_only:
            return str(super().main_help_text(commands_only=True))
        from django.utils import translation

        from comuna.core.terminal import terminal_language

        with translation.override(terminal_language()):
            return commands_help(show_all="--all" in self.argv[2:])


def commands_help(*, show_all: bool) -> str:
    """The list of commands ``comuna help`` prints."""
    ours = {name for _group, commands in GROUPS for name, _line in commands}
    width = max(len(name) for name in ours) + 2
    lines = [str(_("Usage: comuna COMMAND [options]")), ""]
    for group, commands in GROUPS:
        lines.append(f"{group}:")
        lines += [f"  {name.ljust(width)}{line}" for name, line in commands]
        lines.append("")
    lines.append(str(_("Type “comuna help COMMAND” for the options of a command.")))
    internal = sorted(name for name in get_commands() if name not in ours)
    if show_all:
        lines += ["", str(_("Django’s internal commands:"))]
        lines += textwrap.wrap(", ".join(internal), 90, initial_indent="  ", subsequent_indent="  ")
    else:
        lines.append(
            str(_("Django’s %(count)s internal commands, for developers: “comuna help --all”."))
            % {"count": len(internal)}
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    # Before anything is written: the database and the secret key are for this account only.
    umask_private()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
    CommuneUtility(["comuna", *(sys.argv[1:] if argv is None else argv)]).execute()


if __name__ == "__main__":
    main()
