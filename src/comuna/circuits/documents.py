"""A vehicle's delivery sheet for a cycle, printed for the driver: what to take from whom to
where, with room to write what was delivered and for the outlet's person to sign."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from comuna.circuits.models import Cycle, PlanLine, Vehicle
from comuna.circuits.services import kg_text
from comuna.core.pdf import document_build, paragraph, particulars, table


def sheet_pdf(cycle: Cycle, vehicle: Vehicle, lines: list[PlanLine]) -> bytes:
    rows: list[list[object]] = [
        [_("From"), _("To"), _("Product"), _("kg planned"), _("kg delivered"), _("Received by")]
    ]
    rows += [
        [line.producer.name, line.outlet.name, line.product.name, kg_text(line.quantity_g), "", ""]
        for line in lines
    ]
    story = [
        paragraph(_("Delivery sheet"), "title"),
        particulars(
            [
                (_("Cycle"), cycle.name),
                (
                    _("Dates"),
                    f"{formats.date_format(cycle.starts_on, 'SHORT_DATE_FORMAT')} – "
                    f"{formats.date_format(cycle.ends_on, 'SHORT_DATE_FORMAT')}",
                ),
                (_("Vehicle"), vehicle.name),
                (_("Driver"), vehicle.driver.get_username() if vehicle.driver else "-"),
                (_("kg to carry"), kg_text(sum(line.quantity_g for line in lines))),
            ]
        ),
        Spacer(1, 4 * mm),
        table(
            rows,
            [38 * mm, 38 * mm, 28 * mm, 22 * mm, 22 * mm, 32 * mm],
            numeric=(3,),
            row_height=10 * mm,
        ),
    ]
    return document_build(
        story,
        title=_("Delivery sheet"),
        commune_name=cycle.commune.name,
        note=f"{cycle.name} · {vehicle.name}",
    )
