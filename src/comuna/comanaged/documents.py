"""A served commune's report, printed: what it received from a co-managed enterprise, period
by period."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from comuna.comanaged.models import Comanaged, PeriodShare
from comuna.core.models import Commune
from comuna.core.pdf import WIDTH, document_build, paragraph, particulars, table
from comuna.engines.ledger import format_amount


def report_pdf(comanaged: Comanaged, served: Commune, rows: Sequence[PeriodShare]) -> bytes:
    total = sum(row.amount for row in rows)
    lines: list[list[object]] = [
        [_("Period"), _("Surplus"), _("Share"), _("Received (Bs.)"), _("Entry")]
    ]
    for row in rows:
        lines.append(
            [
                f"{row.result.start:%Y-%m}",
                format_amount(row.result.surplus, "VES"),
                f"{row.basis_points / 100:g}%",
                format_amount(row.amount, "VES"),
                str(row.served_entry or "-"),
            ]
        )
    lines.append([_("Total"), "", "", format_amount(total, "VES"), ""])
    story = [
        paragraph(_("What the commune received from a co-managed enterprise"), "title"),
        particulars(
            [
                (_("Enterprise"), comanaged.name),
                (_("Activity"), comanaged.activity),
                (_("Host commune"), comanaged.commune.name),
                (_("Commune served"), served.name),
            ]
        ),
        Spacer(1, 4 * mm),
        table(lines, [WIDTH * w for w in (0.2, 0.25, 0.12, 0.25, 0.18)], numeric={1, 2, 3, 4}),
        Spacer(1, 4 * mm),
        paragraph(
            _(
                "Each share is rounded down to the cent; what rounding leaves stays with the "
                "enterprise. The amounts are posted to the commune's own books, on its account "
                "earmarked for infrastructure."
            )
        ),
    ]
    return document_build(
        story,
        title=_("Co-managed enterprise: report"),
        commune_name=served.name,
        note=comanaged.name,
    )
