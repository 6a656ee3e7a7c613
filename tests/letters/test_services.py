"""Writing, sending, answering and reminding: the letter's life, and what it refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from comuna.core.refusals import Refusal
from comuna.letters import services
from comuna.letters.models import Letter, LetterStatus, Reminder
from comuna.letters.selectors import institution_records, letter_figures, letters_overdue
from tests.factories import make_commune
from tests.letters.conftest import Post, letter_write

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _letter(post: Post) -> Letter:
    letter = letter_write(post)
    assert isinstance(letter, Letter)
    return letter


def test_letters_are_numbered_per_commune_and_year(post: Post) -> None:
    first, second = _letter(post), _letter(post)
    year = TODAY().year
    assert (first.reference, second.reference) == (f"CPS-{year}-001", f"CPS-{year}-002")
    earlier = services.letter_create(
        commune=post.world.commune,
        institution=post.utility,
        subject="Old",
        incidents=[post.pipe],
        body="b",
        needed="n",
        by=None,
        on=dt.date(year - 1, 12, 30),
    )
    assert earlier.reference == f"CPS-{year - 1}-001"


def test_the_figures_count_days_without_service_and_households(post: Post) -> None:
    figures = letter_figures(_letter(post), today=TODAY())
    days = {row.reference: row.days for row in figures.rows}
    # The pipe fails since ten days ago and lasts; the pump was restored after seven.
    assert days == {"INC-00001": 10, "INC-00002": 7}
    assert (figures.days, figures.households) == (10, 65)


def test_a_letter_goes_from_draft_to_sent_to_answered(post: Post) -> None:
    letter = _letter(post)
    sent_on = TODAY() - dt.timedelta(days=20)
    services.letter_send(letter=letter, sent_on=sent_on, sent_to="Ana, reception", by=None)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert letter.answer_due_on == sent_on + dt.timedelta(days=services.ANSWER_DAYS)
    assert letter.is_overdue_on(TODAY())
    assert list(letters_overdue(Letter.objects.all(), today=TODAY())) == [letter]
    reminder = services.reminder_send(letter=letter, sent_on=TODAY(), by=None)
    assert reminder.reference == f"{letter.reference}-R1"
    services.letter_answer(letter=letter, answered_on=TODAY(), summary="A crew comes Monday")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ANSWERED and not letter.is_overdue_on(TODAY())
    [record] = institution_records(post.world.commune, today=TODAY())
    assert (record.sent, record.answered, record.overdue, record.max_days) == (1, 1, 0, 20)


def test_a_sent_letter_cannot_be_changed_or_sent_again(post: Post) -> None:
    letter = _letter(post)
    services.letter_send(letter=letter, sent_on=TODAY(), sent_to="Office", by=None)
    with pytest.raises(Refusal):
        services.letter_update(
            letter=letter,
            institution=post.utility,
            subject="Changed",
            incidents=[post.pipe],
            body="b",
            needed="n",
            brigade_work="",
        )
    with pytest.raises(Refusal):
        services.letter_send(letter=letter, sent_on=TODAY(), sent_to="Office", by=None)
    letter.refresh_from_db()
    assert letter.subject == "No water"


@pytest.mark.parametrize("days_before_sent, field", [(1, "answered_on"), (-2, "answered_on")])
def test_an_answer_before_the_letter_or_in_the_future_is_refused(
    post: Post, days_before_sent: int, field: str
) -> None:
    letter = _letter(post)
    sent_on = TODAY() - dt.timedelta(days=1)
    services.letter_send(letter=letter, sent_on=sent_on, sent_to="Office", by=None)
    with pytest.raises(Refusal) as refused:
        services.letter_answer(
            letter=letter, answered_on=sent_on - dt.timedelta(days=days_before_sent), summary="x"
        )
    assert refused.value.field == field
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT


def test_a_draft_gets_no_answer_and_no_reminder(post: Post) -> None:
    letter = _letter(post)
    with pytest.raises(Refusal):
        services.letter_answer(letter=letter, answered_on=TODAY(), summary="x")
    with pytest.raises(Refusal):
        services.reminder_send(letter=letter, sent_on=TODAY(), by=None)
    assert not Reminder.objects.exists()


def test_a_letter_needs_an_incident_of_its_own_commune(post: Post) -> None:
    with pytest.raises(Refusal):
        services.letter_create(
            commune=post.world.commune,
            institution=post.utility,
            subject="s",
            incidents=[],
            body="b",
            needed="n",
            by=None,
        )
    other = make_commune(name="Comuna Otra")
    with pytest.raises(Refusal):
        services.letter_create(
            commune=other,
            institution=post.utility,
            subject="s",
            incidents=[post.pipe],
            body="b",
            needed="n",
            by=None,
        )
    assert not Letter.objects.exists()


def test_a_future_sending_date_is_refused(post: Post) -> None:
    letter = _letter(post)
    with pytest.raises(Refusal) as refused:
        services.letter_send(
            letter=letter, sent_on=TODAY() + dt.timedelta(days=1), sent_to="Office", by=None
        )
    assert refused.value.field == "sent_on"


def test_left_empty_what_the_brigade_did_is_written_from_the_work_logs(post: Post) -> None:
    from decimal import Decimal

    from comuna.brigades.models import Brigade
    from comuna.incidents import services as incident_services

    brigade = Brigade.objects.create(
        commune=post.world.commune, name="Brigada de agua", kind="water"
    )
    incident_services.incident_assign(incident=post.pipe, brigade=brigade, by=post.world.admin)
    incident_services.worklog_record(
        incident=post.pipe,
        date=post.pipe.since + dt.timedelta(days=1),
        hours=Decimal("3.5"),
        people=4,
        done="Dug   out the broken main",
        by=post.world.admin,
    )
    letter = services.letter_create(
        commune=post.world.commune,
        institution=post.utility,
        subject="No water",
        incidents=[post.pipe, post.pump],
        body="Dear sirs.",
        needed="A new pump.",
        brigade_work="  ",
        by=post.world.admin,
    )
    assert "INC-00001: Dug out the broken main (4 people, 3.5 h)." in letter.brigade_work
    # What the writer says is kept as they said it.
    assert letter_write(post).brigade_work == "Changed two valves."
