"""The printed list of a council for the distribution day, with a signature column."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from comuna.census.models import Council, Person, PersonStatus
from comuna.distribution.models import Round


def council_list_pdf(round_: Round, council: Council) -> bytes:
    """Every household of ``council`` awarded something in ``round_``, in queue order."""
    entitlements = list(
        round_.entitlements.filter(household__council=council, awarded__gt=0)
        .select_related("household")
        .order_by("household__reference")
    )
    heads = {
        p.household_id: p.full_name
        for p in Person.objects.of(round_.commune_id).filter(
            household_id__in=[e.household_id for e in entitlements],
            is_head=True,
            status=PersonStatus.ACTIVE,
        )
    }
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm
    )
    title = f"{round_.programme.name} · {round_.distribution_on:%d/%m/%Y} · {council}"
    rows = [[_("Household"), _("Head of household"), _("Units"), _("Signature")]]
    rows += [
        [e.household.label, heads.get(e.household_id, ""), str(e.awarded), ""] for e in entitlements
    ]
    table = Table(rows, colWidths=[28 * mm, 80 * mm, 16 * mm, 60 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.whitesmoke]),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
            ]
        )
    )
    story = [
        Paragraph(title, styles["Title"]),
        Paragraph(
            _("Seed %(seed)s · list hash %(hash)s")
            % {"seed": round_.seed, "hash": round_.input_hash},
            styles["Normal"],
        ),
        Spacer(1, 4 * mm),
        table,
    ]
    doc.build(story)
    return buffer.getvalue()
