"""The printable rota of a brigade for one month (``comuna.core.pdf``)."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from comuna.brigades.models import Brigade
from comuna.brigades.selectors import hours_served, shifts_of_month
from comuna.core.pdf import WIDTH, document_build, paragraph, particulars, signature_lines, table


def rota_pdf(brigade: Brigade, month: dt.date) -> bytes:
    """Every shift of the month, day by day, then the hours each member served."""
    title = _("Rota of %(brigade)s, %(month)s") % {
        "brigade": brigade.name,
        "month": formats.date_format(month, "YEAR_MONTH_FORMAT"),
    }
    rows: list[list[object]] = [[_("Day"), _("From"), _("Until"), _("Member"), _("Note")]]
    for shift in shifts_of_month(brigade, month):
        starts, ends = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
        rows.append(
            [
                formats.date_format(starts.date(), "D d/m"),
                f"{starts:%H:%M}",
                f"{ends:%H:%M}" + (" (+1)" if ends.date() > starts.date() else ""),
                shift.member.person.full_name,
                shift.note,
            ]
        )
    served = [[_("Member"), _("Shifts"), _("Hours")]] + [
        [s.member.person.full_name, str(s.shifts), formats.number_format(s.hours, 1)]
        for s in hours_served(brigade, month)
    ]
    story = [
        paragraph(title, "title"),
        particulars(
            [
                (_("Brigade"), brigade.name),
                (_("Kind"), brigade.kind_label),
                (_("Council"), brigade.council.name if brigade.council else _("The whole commune")),
            ]
        ),
        Spacer(1, 4 * mm),
        table(rows, [0.16 * WIDTH, 0.1 * WIDTH, 0.14 * WIDTH, 0.35 * WIDTH, 0.25 * WIDTH])
        if len(rows) > 1
        else paragraph(_("No shift this month.")),
        Spacer(1, 6 * mm),
        paragraph(_("Hours served"), "heading"),
        table(served, [0.6 * WIDTH, 0.2 * WIDTH, 0.2 * WIDTH], numeric=(1, 2))
        if len(served) > 1
        else paragraph(_("No shift this month.")),
        Spacer(1, 8 * mm),
        signature_lines([_("Spokesperson of the brigade")], heading=_("Approved")),
    ]
    return document_build(story, title=title, commune_name=brigade.commune.name, note=title)
