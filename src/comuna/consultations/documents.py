"""The published result of a consultation as an A4 PDF in the house style (``comuna.core.pdf``):
the question, the totals (and the projects funded), and each commune's line with the
fingerprint of its assembly's minutes, so that anyone can check it against the commune's own."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from comuna.consultations.selectors import Published
from comuna.core.pdf import WIDTH, document_build, paragraph, particulars, table


def _number(value: Decimal | int | None) -> str:
    return formats.number_format(value or 0, use_l10n=True, force_grouping=True)


def result_pdf(result: Published) -> bytes:
    consultation = result.consultation
    story: list[Flowable] = [
        paragraph(consultation.title, "title"),
        particulars(
            [
                (_("Level"), consultation.unit.name),
                (_("Question"), consultation.question or "—"),
                (
                    _("Held"),
                    f"{consultation.opens_on.isoformat()} – {consultation.closes_on.isoformat()}",
                ),
                (_("Communes"), str(len(result.lines))),
                (_("Present"), _number(result.present)),
                (_("Blank or spoiled"), _number(result.blank)),
            ]
            + ([(_("Budget (Bs.)"), _number(consultation.budget))] if consultation.budget else [])
        ),
        paragraph(_("Totals"), "heading"),
    ]
    head: list[object] = [_("Option"), _("Votes")]
    if consultation.is_projects:
        head += [_("Cost (Bs.)"), _("Funded")]
    rows: list[list[object]] = [head]
    for option in result.options:
        row: list[object] = [option.label, _number(option.votes or 0)]
        if consultation.is_projects:
            row += [_number(option.cost), _("Yes") if option.funded else _("No")]
        rows.append(row)
    widths = (
        [WIDTH - 90 * mm, 25 * mm, 40 * mm, 25 * mm]
        if consultation.is_projects
        else [WIDTH - 30 * mm, 30 * mm]
    )
    story.append(table(rows, widths, numeric={1, 2}))
    story += [Spacer(1, 4 * mm), paragraph(_("Each commune"), "heading")]
    rows = [[_("Commune"), _("Held on"), _("Present"), _("Votes"), _("Fingerprint of the minutes")]]
    for line in result.lines:
        head_text = line.result.acta_head
        rows.append(
            [
                line.result.commune_name,
                line.result.held_on.isoformat(),
                _number(line.result.present),
                _number(line.cast),
                f"{head_text[:32]} {head_text[32:]}",
            ]
        )
    story.append(
        table(rows, [45 * mm, 22 * mm, 18 * mm, 18 * mm, WIDTH - 103 * mm], numeric={2, 3})
    )
    if not result.lines:
        story.append(paragraph(_("No commune's result arrived.")))
    story.append(Spacer(1, 4 * mm))
    story.append(
        paragraph(
            _(
                "The fingerprint of the minutes is a SHA-256 of the record of the assembly that "
                "voted: any change to its attendance, votes or minutes changes it."
            )
        )
    )
    note = _("Consultation no. %(id)s") % {"id": consultation.pk}
    return document_build(
        story, title=consultation.title, commune_name=consultation.unit.name, note=note
    )
