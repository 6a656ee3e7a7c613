"""The agreement of a mediation case, printed for both parties to sign."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from comuna.core.pdf import document_build, paragraph, particulars, signature_lines
from comuna.peace.models import Agreement


def agreement_pdf(agreement: Agreement) -> bytes:
    """The agreement with the case's particulars, its terms, and a line to sign for each
    party and each mediator. Read only by the case's mediators (``peace.access``)."""
    case = agreement.case
    parties = [str(party) for party in case.parties.select_related("person")]
    mediators = [str(m) for m in case.mediators.select_related("person")]
    story = [
        paragraph(_("Mediation agreement"), "title"),
        particulars(
            [
                (_("Case"), case.reference),
                (_("Kind"), str(case.get_kind_display())),
                (_("Agreed on"), formats.date_format(agreement.agreed_on, "DATE_FORMAT")),
                (_("Parties"), "; ".join(parties) or "-"),
                (_("Mediators"), "; ".join(mediators)),
            ]
        ),
        Spacer(1, 4 * mm),
        paragraph(_("Terms"), "heading"),
        *[paragraph(line) for line in agreement.terms.splitlines() if line.strip()],
        Spacer(1, 4 * mm),
        paragraph(
            _(
                "The parties agree to these terms freely, before the commune's peace "
                "mediators, and to meet again to follow up on them."
            )
        ),
        signature_lines(
            [_("Party: %(name)s") % {"name": name} for name in parties]
            + [_("Mediator: %(name)s") % {"name": name} for name in mediators],
            heading=_("Signed"),
        ),
    ]
    return document_build(
        story,
        title=_("Mediation agreement"),
        commune_name=case.commune.name,
        note=case.reference,
    )
