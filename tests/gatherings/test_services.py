"""The calendar's and the gatherings' writes: each refusal clear and changing nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from comuna.core.refusals import Refusal
from comuna.gatherings import selectors, services
from comuna.gatherings.documents import declaration_pdf
from comuna.gatherings.models import (
    Action,
    Amendment,
    Delegate,
    Gathering,
    Participation,
    Speaker,
    Vote,
)
from tests.gatherings.conftest import Federation
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def _delegates(f: Federation, n: int, *, present: int | None = None) -> list[Delegate]:
    found = []
    for k in range(n):
        d = services.delegate_register(
            gathering=f.gathering,
            organisation=f.movement if k % 2 else f.union,
            name=f"Delegada {k}",
            by=f.city_officer,
        )
        if present is None or k < present:
            services.delegate_presence_set(delegate=d, present=True, by=f.city_officer)
        found.append(d)
    return found


def _action(f: Federation, **fields: object) -> Action:
    return services.action_call(
        **{
            "kind": "work_day",
            "title": "Jornada de limpieza",
            "description": "",
            "starts_on": f.today - dt.timedelta(days=1),
            "ends_on": f.today,
            "unit": f.city,
            "organisations": [f.movement],
            "by": f.city_officer,
            **fields,
        }
    )


# ---------------------------------------------------------------- the calendar


def test_an_officer_of_the_city_or_of_the_state_calls_an_action(federation: Federation) -> None:
    f = federation
    assert _action(f).taking_part.get().organisation == f.movement
    _action(f, title="Otra", by=f.state_officer)
    assert Action.objects.count() == 2


def test_an_officer_of_another_city_or_a_commune_admin_cannot_call_one(
    federation: Federation,
) -> None:
    f = federation
    for user in (f.other_officer, f.world.admin):
        with pytest.raises(Refusal) as refused:
            _action(f, by=user)
        assert refused.value.status == 403
    assert not Action.objects.exists()


def test_an_action_cannot_end_before_it_starts(federation: Federation) -> None:
    with pytest.raises(Refusal, match="end cannot come before"):
        _action(federation, ends_on=federation.today - dt.timedelta(days=5))


def test_a_commune_reports_once_and_corrects_by_editing(federation: Federation) -> None:
    f = federation
    action = _action(f)
    services.participation_report(
        commune=f.world.commune, action=action, people=30, hours=Decimal(90), by=f.world.admin
    )
    services.participation_report(
        commune=f.world.commune,
        action=action,
        people=35,
        hours=Decimal("100.5"),
        note="corregido",
        by=f.world.spokesperson,
    )
    report = Participation.objects.of(f.world.commune).get()
    assert (report.people, report.hours, report.note) == (35, Decimal("100.5"), "corregido")
    totals = selectors.participation_totals(action)
    assert (totals.communes, totals.people) == (1, 35)


def test_two_reports_of_one_commune_are_refused_by_the_database(federation: Federation) -> None:
    f = federation
    action = _action(f)
    Participation.objects.create(commune=f.world.commune, action=action, people=1, hours=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(commune=f.world.commune, action=action, people=2, hours=2)


def test_a_commune_not_called_cannot_report(federation: Federation) -> None:
    f = federation
    action = _action(f)
    with pytest.raises(Refusal, match="not called"):
        services.participation_report(
            commune=f.other, action=action, people=3, hours=Decimal(3), by=f.other_admin
        )
    assert not Participation.objects.all_communes().exists()


def test_an_action_called_by_the_state_calls_every_city_of_it(federation: Federation) -> None:
    f = federation
    action = _action(f, unit=f.state, by=f.state_officer)
    services.participation_report(
        commune=f.other, action=action, people=3, hours=Decimal(3), by=f.other_admin
    )
    assert Participation.objects.of(f.other).count() == 1


def test_nobody_reports_an_action_that_has_not_begun(federation: Federation) -> None:
    f = federation
    action = _action(
        f, starts_on=f.today + dt.timedelta(days=3), ends_on=f.today + dt.timedelta(days=3)
    )
    with pytest.raises(Refusal, match="not begun"):
        services.participation_report(
            commune=f.world.commune, action=action, people=3, hours=Decimal(3), by=None
        )


def test_hours_with_nobody_taking_part_are_refused(federation: Federation) -> None:
    f = federation
    with pytest.raises(Refusal) as refused:
        services.participation_report(
            commune=f.world.commune, action=_action(f), people=0, hours=Decimal(4), by=None
        )
    assert refused.value.field == "people"


# ---------------------------------------------------------------- delegates and speakers


def test_a_delegate_registered_twice_is_refused_with_a_clear_message(
    federation: Federation,
) -> None:
    f = federation
    services.delegate_register(
        gathering=f.gathering,
        organisation=f.movement,
        name="Ana Pérez",
        national_id="V 1234567",
        by=f.city_officer,
    )
    with pytest.raises(Refusal) as refused:
        services.delegate_register(
            gathering=f.gathering, organisation=f.movement, name="ana  pérez", by=f.city_officer
        )
    assert str(refused.value) == (
        "Ana Pérez is already registered as a delegate of Movimiento de Pobladores."
    )
    with pytest.raises(Refusal) as refused:
        services.delegate_register(
            gathering=f.gathering,
            organisation=f.union,
            name="Ana M. Pérez",
            national_id="v1234567",
            by=f.city_officer,
        )
    assert refused.value.message == (
        "A delegate with the national ID V1234567 is already registered."
    )
    assert refused.value.status == 409
    assert Delegate.objects.count() == 1


def test_the_database_refuses_a_national_id_twice_at_one_gathering(
    federation: Federation,
) -> None:
    f = federation
    Delegate.objects.create(gathering=f.gathering, organisation=f.union, name="A", national_id="V1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Delegate.objects.create(
            gathering=f.gathering, organisation=f.movement, name="B", national_id="V1"
        )


def test_the_chair_gives_the_floor_in_order(federation: Federation) -> None:
    f = federation
    a, b, c = _delegates(f, 3)
    session = services.session_open(
        gathering=f.gathering,
        title="Plenaria",
        starts_at=dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC),
        agenda="",
        by=f.city_officer,
    )
    for d in (b, a, c):
        services.speaker_ask(session=session, delegate=d, by=f.city_officer)
    with pytest.raises(Refusal, match="already on the speakers' list"):
        services.speaker_ask(session=session, delegate=a, by=f.city_officer)
    assert services.speaker_next(session=session, by=f.city_officer).delegate == b
    assert services.speaker_next(session=session, by=f.city_officer).delegate == a
    services.speaker_done(session=session, by=f.city_officer)
    with pytest.raises(Refusal, match="Nobody has the floor"):
        services.speaker_done(session=session, by=f.city_officer)
    # Having spoken, one may ask again: last on the list.
    services.speaker_ask(session=session, delegate=b, by=f.city_officer)
    assert services.speaker_next(session=session, by=f.city_officer).delegate == c
    assert services.speaker_next(session=session, by=f.city_officer).delegate == b
    with pytest.raises(Refusal, match="Nobody is waiting"):
        services.speaker_next(session=session, by=f.city_officer)
    # The refusal changed nothing: b keeps the floor until the chair says b has finished.
    assert session.speakers.get(status=Speaker.Status.SPEAKING).delegate == b
    assert session.speakers.filter(status=Speaker.Status.DONE).count() == 3


# ---------------------------------------------------------------- amendments and votes


def test_an_amendment_to_a_paragraph_that_does_not_exist_is_refused(
    federation: Federation,
) -> None:
    f = federation
    _delegates(f, 1)
    with pytest.raises(Refusal) as refused:
        services.amendment_propose(
            gathering=f.gathering,
            paragraph_number=7,
            kind="replace",
            text="Séptimo",
            organisation=f.union,
            by=f.city_officer,
        )
    assert refused.value.message == "The draft has no paragraph 7: it has 3."
    assert refused.value.field == "paragraph"
    assert not Amendment.objects.exists()


def test_an_organisation_without_delegates_cannot_propose(federation: Federation) -> None:
    f = federation
    with pytest.raises(Refusal, match="has no delegate registered"):
        services.amendment_propose(
            gathering=f.gathering,
            paragraph_number=1,
            kind="delete",
            text="",
            organisation=f.movement,
            by=f.city_officer,
        )


def test_a_double_vote_is_refused(federation: Federation) -> None:
    f = federation
    (d,) = _delegates(f, 1)
    amendment = services.amendment_propose(
        gathering=f.gathering,
        paragraph_number=1,
        kind="delete",
        text="",
        organisation=f.union,
        by=f.city_officer,
    )
    services.vote_cast(
        gathering=f.gathering, amendment=amendment, delegate=d, choice="yes", by=f.city_officer
    )
    with pytest.raises(Refusal) as refused:
        services.vote_cast(
            gathering=f.gathering, amendment=amendment, delegate=d, choice="no", by=f.city_officer
        )
    assert refused.value.message == "Delegada 0 has already voted on this."
    assert refused.value.code == "already_voted"
    assert Vote.objects.get().choice == "yes"


def test_the_database_refuses_a_double_vote_on_the_declaration(federation: Federation) -> None:
    f = federation
    (d,) = _delegates(f, 1)
    Vote.objects.create(gathering=f.gathering, delegate=d, choice="yes")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(gathering=f.gathering, delegate=d, choice="no")


def test_a_delegate_not_present_does_not_vote(federation: Federation) -> None:
    f = federation
    _a, b = _delegates(f, 2, present=1)
    with pytest.raises(Refusal, match="not marked present"):
        services.vote_cast(gathering=f.gathering, delegate=b, choice="yes", by=f.city_officer)


def test_without_quorum_nothing_is_counted(federation: Federation) -> None:
    f = federation
    delegates = _delegates(f, 4, present=2)
    services.vote_cast(gathering=f.gathering, delegate=delegates[0], choice="yes", by=None)
    with pytest.raises(Refusal) as refused:
        services.declaration_count(gathering=f.gathering, by=f.city_officer)
    assert refused.value.message.startswith("No quorum: 2 delegates present, 3 needed")
    f.gathering.refresh_from_db()
    assert f.gathering.status == Gathering.Status.OPEN


def test_amendments_then_the_declaration_are_voted_and_the_pdf_says_the_adopted_text(
    federation: Federation,
) -> None:
    f = federation
    delegates = _delegates(f, 5)
    carried = services.amendment_propose(
        gathering=f.gathering,
        paragraph_number=2,
        kind="replace",
        text="Segundo: coordinamos un calendario común.",
        organisation=f.union,
        by=f.city_officer,
    )
    rejected = services.amendment_propose(
        gathering=f.gathering,
        paragraph_number=3,
        kind="delete",
        text="ignorado",
        organisation=f.movement,
        by=f.state_officer,
    )
    for amendment, choices in ((carried, "yyyna"), (rejected, "ynnnn")):
        for d, c in zip(delegates, choices, strict=True):
            services.vote_cast(
                gathering=f.gathering,
                amendment=amendment,
                delegate=d,
                choice={"y": "yes", "n": "no", "a": "abstain"}[c],
                by=f.city_officer,
            )
    # The declaration waits for every amendment.
    with pytest.raises(Refusal, match="Vote every amendment"):
        services.vote_cast(gathering=f.gathering, delegate=delegates[0], choice="yes", by=None)
    assert services.amendment_count(amendment=carried, by=f.city_officer).carried
    assert not services.amendment_count(amendment=rejected, by=f.city_officer).carried
    with pytest.raises(Refusal, match="counted already"):
        services.amendment_count(amendment=carried, by=f.city_officer)
    for d, c in zip(delegates, "yyyna", strict=True):
        services.vote_cast(
            gathering=f.gathering,
            delegate=d,
            choice={"y": "yes", "n": "no", "a": "abstain"}[c],
            by=f.city_officer,
        )
    # Absolute majority of the 5 present: 3 for carries it.
    assert services.declaration_count(gathering=f.gathering, by=f.city_officer).carried
    f.gathering.refresh_from_db()
    assert f.gathering.status == Gathering.Status.ADOPTED
    assert (f.gathering.votes_yes, f.gathering.present, f.gathering.registered) == (3, 5, 5)
    assert [p.text for p in selectors.declaration_adopted(f.gathering)] == [
        "Primero: nos organizamos.",
        "Segundo: coordinamos un calendario común.",
        "Tercero: rendimos cuentas.",
    ]
    text = " ".join(pdf_text(declaration_pdf(f.gathering)).split())
    assert "2. Segundo: coordinamos un calendario común." in text
    assert "Declaration of Encuentro del Sur" in text
    # Once voted, the debate is closed.
    with pytest.raises(Refusal, match="debate is closed"):
        services.delegate_register(
            gathering=f.gathering, organisation=f.union, name="Tarde", by=f.city_officer
        )


def test_an_officer_of_another_city_cannot_organise_the_gathering(
    federation: Federation,
) -> None:
    f = federation
    with pytest.raises(Refusal) as refused:
        services.delegate_register(
            gathering=f.gathering, organisation=f.union, name="X", by=f.other_officer
        )
    assert refused.value.status == 403
    assert not Delegate.objects.exists()


def test_a_delegate_is_withdrawn_until_they_vote(federation: Federation) -> None:
    f = federation
    a, b = _delegates(f, 2)
    services.delegate_withdraw(delegate=a, by=f.city_officer)
    assert list(f.gathering.delegates.all()) == [b]
    services.vote_cast(gathering=f.gathering, delegate=b, choice="yes", by=f.city_officer)
    with pytest.raises(Refusal) as refused:
        services.delegate_withdraw(delegate=b, by=f.city_officer)
    assert refused.value.code == "on_record"
    assert f.gathering.delegates.filter(pk=b.pk).exists()
    with pytest.raises(Refusal):
        services.delegate_withdraw(delegate=b, by=f.other_officer)


def test_an_amendment_is_withdrawn_before_its_first_vote_and_blocks_nothing(
    federation: Federation,
) -> None:
    f = federation
    (d,) = _delegates(f, 1)

    def propose() -> Amendment:
        return services.amendment_propose(
            gathering=f.gathering,
            paragraph_number=1,
            kind="delete",
            text="",
            organisation=f.union,
            by=f.city_officer,
        )

    first, second = propose(), propose()
    assert services.amendment_withdraw(amendment=first, by=f.city_officer).status == "withdrawn"
    with pytest.raises(Refusal) as refused:
        services.vote_cast(
            gathering=f.gathering, amendment=first, delegate=d, choice="yes", by=f.city_officer
        )
    assert refused.value.code == "withdrawn"
    services.vote_cast(
        gathering=f.gathering, amendment=second, delegate=d, choice="yes", by=f.city_officer
    )
    with pytest.raises(Refusal) as voting:
        services.amendment_withdraw(amendment=second, by=f.city_officer)
    assert voting.value.code == "voting"
    services.amendment_count(amendment=second, by=f.city_officer)
    # The withdrawn amendment does not hold back the vote on the declaration.
    services.vote_cast(gathering=f.gathering, delegate=d, choice="yes", by=f.city_officer)
    first.refresh_from_db()
    assert first.status == "withdrawn" and first.voted_at is None
