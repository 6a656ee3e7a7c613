"""The row locks of the consultations, and their order.

A commune's write locks the assembly's meeting first (``governance.locks.meeting_lock``),
then its holding (``holding_lock``); the federation's writes lock the consultation
(``consultation_lock``) and take no commune's lock. Call inside a transaction.
"""

from __future__ import annotations

from comuna.consultations.models import Consultation, Holding


def consultation_lock(consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=consultation.pk)
    )


def holding_lock(holding: Holding) -> Holding:
    return (
        Holding.objects.of(holding.commune_id)
        .select_for_update(of=("self",))
        .select_related("consultation", "meeting__organ")
        .get(pk=holding.pk)
    )
