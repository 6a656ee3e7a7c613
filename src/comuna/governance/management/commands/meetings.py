"""``comuna meetings``: the commune's meetings from a terminal.

- ``comuna meetings list [--json] [--year YYYY] [--organ TEXT]``: every meeting with its date,
  organ, call, attendance, quorum, decisions and whether it approved accounts. ``--json``
  prints a list of objects with ``id``, ``organ``, ``date`` (ISO), ``call`` (1 or 2),
  ``attendance``, ``quorum_reached``, ``decisions`` (a count), ``approved_accounts``, and also
  ``organ_kind``, ``status``, ``place`` and ``quorum_required``.
- ``comuna meetings acta ID --out FILE.pdf``: writes the minutes of meeting ID.

Both take ``--commune CODE``, needed only when the installation holds several communes; a
meeting of another commune is "no such meeting".

Output is in the terminal's language (``COMUNA_LANGUAGE``, else the locale). Exit status: 0
done, 1 no such meeting, 2 a file that cannot be written.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.tenancy import commune_for_command, commune_option_add
from comuna.core.terminal import FILE_PROBLEM, terminal_language
from comuna.governance.documents import acta_pdf
from comuna.governance.models import Meeting, MeetingStatus
from comuna.governance.selectors import meeting_quorum, meetings_listed

NOT_FOUND = 1


def meeting_row(meeting: Meeting) -> dict[str, Any]:
    """One meeting as ``list --json`` prints it (``meeting`` from ``meetings_listed``)."""
    if meeting.status == MeetingStatus.CLOSED:
        attendance = meeting.attendance_count or 0
        required = meeting.quorum_required
        reached = bool(meeting.quorum_reached_at_close)
    elif meeting.status == MeetingStatus.OPEN:
        quorum = meeting_quorum(meeting)
        attendance, required, reached = quorum.present, quorum.required, quorum.reached
    else:
        attendance, required, reached = 0, None, False
    return {
        "id": meeting.pk,
        "organ": meeting.organ.name,
        "organ_kind": meeting.organ.kind,
        "date": meeting.date.isoformat(),
        "call": meeting.call,
        "status": meeting.status,
        "place": meeting.place,
        "attendance": attendance,
        "quorum_required": required,
        "quorum_reached": reached,
        "decisions": getattr(meeting, "n_decisions", 0),
        "approved_accounts": bool(getattr(meeting, "approves_accounts", False)),
    }


class Command(BaseCommand):
    help = "List the commune's meetings, or write a meeting's minutes (acta) as a PDF."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="List the meetings.")
        commune_option_add(listing)
        listing.add_argument("--json", action="store_true", help="Print JSON.")
        listing.add_argument("--year", type=int, help="Only this year's meetings.")
        listing.add_argument("--organ", metavar="TEXT", help="Only organs whose name has TEXT.")
        acta = actions.add_parser("acta", help="Write the minutes of meeting ID to a PDF.")
        commune_option_add(acta)
        acta.add_argument("id", type=int, metavar="ID")
        acta.add_argument("--out", required=True, metavar="FILE.pdf")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            commune = commune_for_command(options["commune"])
            if options["action"] == "list":
                self._list(
                    commune, as_json=options["json"], year=options["year"], organ=options["organ"]
                )
            else:
                self._acta(commune, options["id"], Path(options["out"]))

    def _list(
        self, commune: Commune, *, as_json: bool, year: int | None, organ: str | None
    ) -> None:
        meetings = Meeting.objects.of(commune)
        if year is not None:
            meetings = meetings.filter(date__year=year)
        if organ:
            meetings = meetings.filter(organ__name__icontains=organ)
        rows = [meeting_row(meeting) for meeting in meetings_listed(meetings)]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(_("No meetings."))
            return
        for row in rows:
            if row["status"] == MeetingStatus.CONVENED:
                quorum = _("not held yet")
            else:
                quorum = _("quorum") if row["quorum_reached"] else _("no quorum")
            accounts = " · " + _("accounts approved") if row["approved_accounts"] else ""
            self.stdout.write(
                f"{row['id']:>5}  {row['date']}  {row['organ']}  ·  "
                + _("call %(call)s") % {"call": row["call"]}
                + f"  ·  {row['attendance']}  ·  {quorum}  ·  "
                + _("%(count)s decisions") % {"count": row["decisions"]}
                + accounts
            )

    def _acta(self, commune: Commune, meeting_id: int, out: Path) -> None:
        meeting = (
            Meeting.objects.of(commune)
            .select_related("organ", "organ__commune")
            .filter(pk=meeting_id)
            .first()
        )
        if meeting is None:
            raise CommandError(
                _("There is no meeting %(id)s.") % {"id": meeting_id}, returncode=NOT_FOUND
            )
        content = acta_pdf(meeting)
        try:
            out.write_bytes(content)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(reason)s") % {"file": out, "reason": error.strerror},
                returncode=FILE_PROBLEM,
            ) from None
        self.stdout.write(
            _("Wrote the minutes of %(meeting)s to %(file)s.") % {"meeting": meeting, "file": out},
            style_func=self.style.SUCCESS,
        )
