"""Who may read and write the letters to institutions. Every view and API operation goes
through here.

- the administrator writes, sends, records answers and reminders, and keeps the institutions;
- the comptroller reads every letter and changes nothing;
- a council's spokesperson reads the letters about their council's incidents;
- anyone else: only the public page's counts per institution.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.letters.models import Institution, Letter
from comuna.users.actors import Actor


def letters_are_written(actor: Actor) -> bool:
    return actor.is_admin


def letters_are_read(actor: Actor) -> bool:
    """Whether the actor reads any letter (the list page)."""
    return actor.is_admin or actor.is_comptroller or actor.is_spokesperson


def letters_readable(actor: Actor) -> QuerySet[Letter]:
    """The letters of the actor's commune that the actor may read."""
    if actor.commune is None or not letters_are_read(actor):
        return Letter.objects.none()
    letters = Letter.objects.of(actor.commune)
    if actor.is_admin or actor.is_comptroller:
        return letters
    return letters.filter(incidents__council_id__in=actor.council_ids).distinct()


def letters_read_require(actor: Actor) -> None:
    if not letters_are_read(actor):
        raise Http404(_("The letters to institutions are not in your reach."))


def letters_write_require(actor: Actor) -> None:
    letters_read_require(actor)
    if not letters_are_written(actor):
        raise PermissionDenied(_("Only the administrator writes and sends letters."))


def letter_for_user(actor: Actor, pk: int, *, write: bool = False) -> Letter:
    """A letter the actor may read (and write, with ``write``); 404 for one out of reach."""
    letter = letters_readable(actor).select_related("institution").filter(pk=pk).first()
    if letter is None:
        raise Http404(_("No such letter."))
    if write:
        letters_write_require(actor)
    return letter


def institution_for_user(actor: Actor, pk: int, *, write: bool = False) -> Institution:
    letters_read_require(actor)
    if write:
        letters_write_require(actor)
    institution = (
        Institution.objects.of(actor.commune).filter(pk=pk).first()
        if actor.commune is not None
        else None
    )
    if institution is None:
        raise Http404(_("No such institution."))
    return institution
