from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from comuna.brigades import services
from comuna.brigades.models import BrigadeKind, SalaryMonth, Shift, ShiftSwap, SwapStatus
from comuna.brigades.selectors import (
    brigade_is_led_by,
    brigades_of_login,
    hours_served,
    on_duty,
    public_figures,
)
from comuna.core.refusals import Refusal
from comuna.ledger.models import Account, Entry
from tests.brigades.conftest import Crew, at

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 10)


def test_a_brigade_of_another_kind_needs_its_name(crew: Crew) -> None:
    with pytest.raises(Refusal) as refused:
        services.brigade_create(commune=crew.world.commune, name="Deportes", kind=BrigadeKind.OTHER)
    assert refused.value.field == "other_kind"
    made = services.brigade_create(
        commune=crew.world.commune, name="Deportes", kind="other", other_kind="Deportes"
    )
    assert made.kind_label == "Deportes"


def test_two_brigades_never_share_a_name(crew: Crew) -> None:
    with pytest.raises(Refusal):
        services.brigade_create(commune=crew.world.commune, name="brigada de AGUA", kind="water")


def test_a_person_is_in_a_brigade_once_and_it_has_one_spokesperson(crew: Crew) -> None:
    with pytest.raises(Refusal) as refused:
        services.member_add(brigade=crew.water, person=crew.pedro, joined_on=DAY)
    assert refused.value.code == "already_member"
    services.member_add(
        brigade=crew.security, person=crew.pedro, joined_on=DAY, is_spokesperson=True
    )
    with pytest.raises(Refusal) as refused:
        services.member_add(
            brigade=crew.security, person=crew.world.child, joined_on=DAY, is_spokesperson=True
        )
    assert refused.value.code == "two_spokespeople"


def test_naming_a_new_spokesperson_replaces_the_old(crew: Crew) -> None:
    services.spokesperson_name(member=crew.member)
    crew.leader.refresh_from_db()
    assert not crew.leader.is_spokesperson
    actor = crew.world.actor(crew.member_login)
    assert brigade_is_led_by(actor, crew.water)
    assert not brigade_is_led_by(crew.world.actor(crew.leader_login), crew.water)


def test_the_brigades_of_a_login_are_those_where_it_is_an_active_member(crew: Crew) -> None:
    actor = crew.world.actor(crew.member_login)
    assert list(brigades_of_login(actor)) == [crew.water]
    services.member_end(member=crew.member, left_on=DAY)
    assert list(brigades_of_login(actor)) == []
    assert list(brigades_of_login(crew.world.actor(crew.world.admin))) == []


def test_a_shift_that_overlaps_another_of_the_same_person_is_refused(crew: Crew) -> None:
    services.shift_add(
        brigade=crew.water, member=crew.member, starts_at=at(DAY, 8), ends_at=at(DAY, 16)
    )
    with pytest.raises(Refusal) as refused:
        services.shift_add(
            brigade=crew.water, member=crew.member, starts_at=at(DAY, 15), ends_at=at(DAY, 20)
        )
    assert refused.value.code == "overlap"
    assert "Pedro Gómez" in refused.value.message
    # Back to back is not an overlap; another person at the same time is fine.
    services.shift_add(
        brigade=crew.water, member=crew.member, starts_at=at(DAY, 16), ends_at=at(DAY, 20)
    )
    services.shift_add(
        brigade=crew.water, member=crew.third, starts_at=at(DAY, 8), ends_at=at(DAY, 16)
    )
    assert Shift.objects.count() == 3


def test_the_same_person_in_two_brigades_cannot_be_on_duty_in_both_at_once(crew: Crew) -> None:
    other = services.member_add(brigade=crew.security, person=crew.pedro, joined_on=DAY)
    services.shift_add(
        brigade=crew.water, member=crew.member, starts_at=at(DAY, 8), ends_at=at(DAY, 16)
    )
    with pytest.raises(Refusal) as refused:
        services.shift_add(
            brigade=crew.security, member=other, starts_at=at(DAY, 10), ends_at=at(DAY, 12)
        )
    assert "Brigada de agua" in refused.value.message


def test_a_shift_ends_after_it_starts_and_lasts_a_day_at_most(crew: Crew) -> None:
    for start, end in ((at(DAY, 10), at(DAY, 10)), (at(DAY, 10), at(DAY, 9))):
        with pytest.raises(Refusal):
            services.shift_add(brigade=crew.water, member=crew.member, starts_at=start, ends_at=end)
    with pytest.raises(Refusal):
        services.shift_add(
            brigade=crew.water,
            member=crew.member,
            starts_at=at(DAY, 8),
            ends_at=at(DAY + dt.timedelta(days=2), 8),
        )
    with pytest.raises(Refusal):
        services.shift_add(
            brigade=crew.security, member=crew.member, starts_at=at(DAY, 8), ends_at=at(DAY, 9)
        )
    assert not Shift.objects.exists()


def test_a_swap_accepted_moves_both_shifts_at_once(crew: Crew) -> None:
    later = timezone.localdate() + dt.timedelta(days=3)
    mine = services.shift_add(
        brigade=crew.water, member=crew.member, starts_at=at(later, 6), ends_at=at(later, 14)
    )
    theirs = services.shift_add(
        brigade=crew.water, member=crew.third, starts_at=at(later, 14), ends_at=at(later, 22)
    )
    swap = services.swap_ask(mine=mine, theirs=theirs)
    with pytest.raises(Refusal):
        services.swap_ask(mine=mine, theirs=theirs)
    services.swap_complete(swap=swap, by=crew.leader_login)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.member_id, theirs.member_id) == (crew.third.pk, crew.member.pk)
    swap.refresh_from_db()
    assert swap.status == SwapStatus.DONE
    with pytest.raises(Refusal):
        services.swap_complete(swap=swap, by=crew.leader_login)


def test_a_swap_that_would_overlap_the_takers_other_shift_changes_nothing(crew: Crew) -> None:
    later = timezone.localdate() + dt.timedelta(days=3)
    mine = services.shift_add(
        brigade=crew.water, member=crew.member, starts_at=at(later, 6), ends_at=at(later, 14)
    )
    theirs = services.shift_add(
        brigade=crew.water, member=crew.third, starts_at=at(later, 14), ends_at=at(later, 22)
    )
    # Rosa is also on duty in the morning somewhere else: she cannot take Pedro's morning.
    other = services.member_add(brigade=crew.security, person=crew.rosa, joined_on=DAY)
    services.shift_add(
        brigade=crew.security, member=other, starts_at=at(later, 7), ends_at=at(later, 9)
    )
    swap = services.swap_ask(mine=mine, theirs=theirs)
    with pytest.raises(Refusal):
        services.swap_complete(swap=swap, by=crew.leader_login)
    mine.refresh_from_db()
    assert mine.member_id == crew.member.pk
    assert ShiftSwap.objects.get().status == SwapStatus.ASKED


def test_hours_served_count_the_part_inside_the_month(crew: Crew) -> None:
    last = dt.date(2026, 10, 31)
    services.shift_add(
        brigade=crew.water,
        member=crew.member,
        starts_at=at(last, 22),
        ends_at=at(DAY.replace(day=1), 6),
    )
    services.shift_add(
        brigade=crew.water, member=crew.member, starts_at=at(DAY, 8), ends_at=at(DAY, 12)
    )
    served = hours_served(crew.water, dt.date(2026, 11, 1))
    assert [(s.member.pk, s.shifts, s.hours) for s in served] == [(crew.member.pk, 2, 10.0)]


def test_who_is_on_duty_now(crew: Crew) -> None:
    now = timezone.now()
    services.shift_add(
        brigade=crew.water,
        member=crew.member,
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=1),
    )
    services.shift_add(
        brigade=crew.water,
        member=crew.third,
        starts_at=now + dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=3),
    )
    from comuna.brigades.models import Brigade

    commune = crew.water.commune
    on_now = on_duty(commune, Brigade.objects.of(commune))
    assert [s.member_id for s in on_now] == [crew.member.pk]


def test_a_months_salaries_are_posted_once_as_income_and_expense(crew: Crew) -> None:
    month = dt.date(2026, 11, 1)
    posted = services.salaries_post(
        brigade=crew.water, month=month, amount=13_500_00, author="admin", date=DAY
    )
    assert posted.people == 3
    crew.water.refresh_from_db()
    income = Account.objects.get(commune=crew.world.commune, code=crew.water.income_account)
    expense = Account.objects.get(commune=crew.world.commune, code=crew.water.expense_account)
    assert income.kind == "income" and expense.kind == "expense"
    entry = Entry.objects.get(pk=posted.entry_id)
    assert entry.amount == 13_500_00
    with pytest.raises(Refusal) as refused:
        services.salaries_post(brigade=crew.water, month=month, amount=1_00, author="admin")
    assert refused.value.code == "already_posted"
    assert SalaryMonth.objects.count() == 1
    services.salaries_post(
        brigade=crew.water, month=dt.date(2026, 10, 1), amount=1_00, author="admin", date=DAY
    )
    crew.water.refresh_from_db()
    assert Account.objects.filter(code__startswith="4.3.").count() == 1


def test_salaries_need_a_funder(crew: Crew) -> None:
    with pytest.raises(Refusal):
        services.salaries_post(
            brigade=crew.security, month=DAY, amount=1_00, author="admin", date=DAY
        )


def test_the_public_figures_are_counts(crew: Crew) -> None:
    figures = public_figures(crew.world.commune, today=DAY)
    assert sorted(b.members for b in figures.brigades) == [1, 3]
    assert sum(count for _kind, count in figures.by_kind) == 2
