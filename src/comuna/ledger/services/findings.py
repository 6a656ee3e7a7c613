"""The comptroller's findings: what it records, since it changes nothing in the books."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.ledger.models import Entry, Finding
from comuna.users.models import User


def finding_record(
    *,
    commune: Commune,
    title: str,
    text: str,
    entry_sequence: int | None,
    found_on: dt.date,
    by: User,
) -> Finding:
    """Record a finding; refused when it names an entry the books do not hold, or a date
    still to come."""
    if found_on > timezone.localdate():
        raise Refusal(_("The date is in the future."), field="found_on")
    with transaction.atomic():
        if (
            entry_sequence is not None
            and not Entry.objects.of(commune).filter(sequence=entry_sequence).exists()
        ):
            raise Refusal(
                _("The books hold no entry %(n)s.") % {"n": entry_sequence},
                field="entry_sequence",
            )
        return Finding.objects.create(
            commune=commune,
            title=title,
            text=text,
            entry_sequence=entry_sequence,
            found_on=found_on,
            recorded_by=by,
        )
