"""The letters' row locks, in the order they are taken: the commune's numbering first, then
a letter. Call inside a transaction."""

from __future__ import annotations

from comuna.core.models import Commune
from comuna.letters.models import Letter


def letters_numbering_lock(commune: Commune) -> None:
    """Hold the commune's row, so that two letters written at once take numbers one after the
    other (a new year has no letter row yet to lock)."""
    Commune.objects.select_for_update().filter(pk=commune.pk).first()


def letter_lock(letter: Letter) -> Letter:
    """The letter as stored now, locked until the transaction ends."""
    return (
        Letter.objects.of(letter.commune_id)
        .select_for_update()
        .select_related("commune")
        .get(pk=letter.pk)
    )
