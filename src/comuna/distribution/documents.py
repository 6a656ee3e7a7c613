"""The printed list of a council for the distribution day, with a signature column."""

from __future__ import annotations

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from comuna.census.models import Council, Person, PersonStatus
from comuna.core.pdf import WIDTH, document_build, paragraph, table
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
    title = f"{round_.programme.name} · {round_.distribution_on:%d/%m/%Y} · {council}"
    rows = [[_("Household"), _("Head of household"), _("Units"), _("Signature")]]
    rows += [
        [e.household.label, heads.get(e.household_id, ""), str(e.awarded), ""] for e in entitlements
    ]
    story = [
        paragraph(title, "title"),
        paragraph(
            _("Seed %(seed)s · list hash %(hash)s")
            % {"seed": round_.seed, "hash": round_.input_hash},
            "mono",
        ),
        Spacer(1, 4 * mm),
        # Rows tall enough to sign in.
        table(rows, [28 * mm, 72 * mm, 22 * mm, WIDTH - 122 * mm], numeric={2}, row_height=9 * mm),
    ]
    return document_build(story, title=title, commune_name=council.commune.name)
