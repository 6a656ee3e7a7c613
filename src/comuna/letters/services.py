"""Every write of the letters: institutions, a letter from draft to answer, its reminders.

Each is one transaction with its checks beside it, refusing with :class:`Refusal`. Numbers
are taken under a lock (``comuna.letters.locks``) so that two letters written at the same
moment never share a reference; the unique constraint stands behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.incidents.models import Incident
from comuna.letters.locks import letter_lock, letters_numbering_lock
from comuna.letters.models import Institution, Letter, LetterStatus, Reminder
from comuna.letters.selectors import brigade_work_summary
from comuna.users.models import User

# How long an institution has to answer, unless the writer says otherwise.
ANSWER_DAYS = 15


def _institution_name_check(commune: Commune, name: str, exclude: int | None = None) -> None:
    same = Institution.objects.of(commune).filter(name__iexact=name.strip())
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise Refusal(
            _("There is already an institution with that name."), field="name", code="duplicate"
        )


@transaction.atomic
def institution_create(
    *, commune: Commune, name: str, kind: str, address: str = "", contact: str = ""
) -> Institution:
    _institution_name_check(commune, name)
    return Institution.objects.create(
        commune=commune, name=name.strip(), kind=kind, address=address, contact=contact
    )


@transaction.atomic
def institution_update(
    *, institution: Institution, name: str, kind: str, address: str, contact: str
) -> Institution:
    _institution_name_check(institution.commune, name, exclude=institution.pk)
    institution.name, institution.kind = name.strip(), kind
    institution.address, institution.contact = address, contact
    institution.save(update_fields=["name", "kind", "address", "contact"])
    return institution


def _incidents_check(commune: Commune, incidents: Sequence[Incident]) -> None:
    if not incidents:
        raise Refusal(
            _("Choose at least one incident the letter is about."),
            field="incidents",
            code="no_incident",
        )
    if any(i.commune_id != commune.pk for i in incidents):
        raise Refusal(_("No such incident."), field="incidents", code="not_found", status=404)


def _institution_check(commune: Commune, institution: Institution) -> None:
    if institution.commune_id != commune.pk:
        raise Refusal(_("No such institution."), field="institution", code="not_found")


@transaction.atomic
def letter_create(
    *,
    commune: Commune,
    institution: Institution,
    subject: str,
    incidents: Sequence[Incident],
    body: str,
    needed: str,
    brigade_work: str = "",
    by: User | None,
    on: dt.date | None = None,
) -> Letter:
    """A draft letter, numbered in the year it is written (``on``, today by default). Left
    empty, what the brigade already did is written from the incidents' work logs."""
    _institution_check(commune, institution)
    _incidents_check(commune, incidents)
    if not brigade_work.strip():
        brigade_work = brigade_work_summary(incidents)
    year = (on or timezone.localdate()).year
    letters_numbering_lock(commune)
    last = Letter.objects.of(commune).filter(year=year).aggregate(last=Max("number"))["last"]
    letter = Letter.objects.create(
        commune=commune,
        year=year,
        number=(last or 0) + 1,
        institution=institution,
        subject=subject.strip(),
        body=body,
        needed=needed,
        brigade_work=brigade_work,
        written_by=by,
        written_at=timezone.now(),
    )
    letter.incidents.set(incidents)
    return letter


@transaction.atomic
def letter_update(
    *,
    letter: Letter,
    institution: Institution,
    subject: str,
    incidents: Sequence[Incident],
    body: str,
    needed: str,
    brigade_work: str,
) -> Letter:
    """Change a draft; a letter already sent says what it said."""
    letter = letter_lock(letter)
    if letter.status != LetterStatus.DRAFT:
        raise Refusal(
            _("This letter was already sent: it can no longer be changed."), code="already_sent"
        )
    _institution_check(letter.commune, institution)
    _incidents_check(letter.commune, incidents)
    letter.institution, letter.subject = institution, subject.strip()
    letter.body, letter.needed, letter.brigade_work = body, needed, brigade_work
    letter.save(update_fields=["institution", "subject", "body", "needed", "brigade_work"])
    letter.incidents.set(incidents)
    return letter


@transaction.atomic
def letter_send(
    *,
    letter: Letter,
    sent_on: dt.date,
    sent_to: str,
    answer_due_on: dt.date | None = None,
    by: User | None,
) -> Letter:
    """Record that the letter went out on ``sent_on`` to ``sent_to`` (a person or an office);
    the answer is due ``ANSWER_DAYS`` later unless ``answer_due_on`` says otherwise."""
    letter = letter_lock(letter)
    if letter.status != LetterStatus.DRAFT:
        raise Refusal(_("This letter was already sent."), code="already_sent", status=409)
    if sent_on > timezone.localdate():
        raise Refusal(_("A letter cannot be sent in the future."), field="sent_on")
    due = answer_due_on or sent_on + dt.timedelta(days=ANSWER_DAYS)
    if due < sent_on:
        raise Refusal(
            _("The answer cannot be due before the letter is sent."), field="answer_due_on"
        )
    if not sent_to.strip():
        raise Refusal(_("Say to whom the letter was given."), field="sent_to")
    letter.status = LetterStatus.SENT
    letter.sent_on, letter.sent_to, letter.sent_by = sent_on, sent_to.strip(), by
    letter.answer_due_on = due
    letter.save(update_fields=["status", "sent_on", "sent_to", "sent_by", "answer_due_on"])
    return letter


@transaction.atomic
def letter_answer(*, letter: Letter, answered_on: dt.date, summary: str) -> Letter:
    """Record the institution's answer: when it came, and what it said."""
    letter = letter_lock(letter)
    if letter.status == LetterStatus.DRAFT:
        raise Refusal(_("A draft has no answer: send the letter first."), code="not_sent")
    if letter.status == LetterStatus.ANSWERED:
        raise Refusal(_("The answer to this letter is already recorded."), code="answered")
    assert letter.sent_on is not None  # noqa: S101 - letter_sent_has_date
    if answered_on < letter.sent_on:
        raise Refusal(_("The answer cannot come before the letter was sent."), field="answered_on")
    if answered_on > timezone.localdate():
        raise Refusal(_("The answer cannot come in the future."), field="answered_on")
    if not summary.strip():
        raise Refusal(_("Say what they answered."), field="summary")
    letter.status = LetterStatus.ANSWERED
    letter.answered_on, letter.answer_summary = answered_on, summary.strip()
    letter.save(update_fields=["status", "answered_on", "answer_summary"])
    return letter


@transaction.atomic
def reminder_send(*, letter: Letter, sent_on: dt.date, by: User | None) -> Reminder:
    """A reminder for a sent letter with no answer, numbered after the letter's others."""
    letter = letter_lock(letter)
    if letter.status != LetterStatus.SENT:
        raise Refusal(
            _("Only a letter sent and not yet answered gets a reminder."), code="not_waiting"
        )
    assert letter.sent_on is not None  # noqa: S101 - letter_sent_has_date
    if sent_on < letter.sent_on or sent_on > timezone.localdate():
        raise Refusal(
            _("A reminder goes out after its letter and not in the future."), field="sent_on"
        )
    last = letter.reminders.aggregate(last=Max("number"))["last"]
    return Reminder.objects.create(
        commune_id=letter.commune_id,
        letter=letter,
        number=(last or 0) + 1,
        sent_on=sent_on,
        sent_by=by,
    )
