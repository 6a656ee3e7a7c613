"""The distribution's writes: programmes, opening a round with the rule, deliveries, closing."""

from __future__ import annotations

import datetime as dt

import pytest

from comuna.census.models import Household
from comuna.census.services import household_update, person_update
from comuna.core.refusals import Refusal
from comuna.distribution import services
from comuna.distribution.models import Delivery, Entitlement, NonDelivery, Round, RoundStatus
from comuna.distribution.selectors import reconciliations, round_rerun
from comuna.engines.rationing import PriorityClass
from comuna.ledger.models import Entry
from tests.conftest import World
from tests.distribution.conftest import Day, add_households, bag_programme

pytestmark = pytest.mark.django_db


def _round(world: World, *, stock: int, **fields: object) -> object:
    programme = bag_programme(world, **fields)
    return services.round_create(
        programme=programme,
        stock_received=stock,
        received_on=dt.date(2026, 3, 1),
        distribution_on=dt.date(2026, 3, 2),
    )


def test_opening_a_round_freezes_one_entitlement_per_claiming_household(day: Day) -> None:
    assert day.round.status == RoundStatus.OPEN
    assert day.round.entitlements.count() == 6
    assert len(day.round.input_hash) == 64 and day.round.seed == "asamblea"
    assert set(day.round.entitlements.values_list("awarded", flat=True)) == {1}


def test_later_census_edits_do_not_change_an_open_rounds_list(day: Day) -> None:
    before = list(day.round.entitlements.values_list("household_id", "priority", "claimed"))
    person_update(
        person=day.world.head,
        first_names=day.world.head.first_names,
        last_names=day.world.head.last_names,
        national_id=day.world.head.national_id,
        birth_date=day.world.head.birth_date,
        sex=day.world.head.sex,
        is_head=True,
        disability=True,
        pregnant=False,
        chronic_illness=False,
    )
    after = list(day.round.entitlements.values_list("household_id", "priority", "claimed"))
    assert before == after
    assert round_rerun(day.round).agrees


def test_a_household_with_a_medical_need_ranks_first(world: World) -> None:
    world.head.disability = True
    world.head.save()
    round_ = _round(world, stock=0)
    round_ = services.round_open(round=round_, seed="s", by=world.admin)  # type: ignore[arg-type]
    entitlement = Entitlement.objects.get(round=round_, household=world.household)
    assert entitlement.priority == PriorityClass.MEDICAL


def test_a_short_round_is_reproducible_from_its_seed_and_explains_each_place(world: World) -> None:
    add_households(world, 10)
    round_ = _round(world, stock=5)
    round_ = services.round_open(round=round_, seed="asamblea 2026", by=world.admin)  # type: ignore[arg-type]
    rerun = round_rerun(round_)
    assert rerun.agrees and rerun.result.total_awarded == 5
    for entitlement in round_.entitlements.all():
        assert entitlement.explanation("en") and entitlement.explanation("es")
    assert round_.entitlements.filter(awarded=0).count() == 7


def test_households_left_short_rank_first_in_the_next_round(world: World) -> None:
    add_households(world, 10)
    first = _round(world, stock=6)
    first = services.round_open(round=first, seed="uno", by=world.admin)  # type: ignore[arg-type]
    short = set(first.entitlements.filter(awarded=0).values_list("household_id", flat=True))
    second = services.round_create(
        programme=first.programme,  # type: ignore[attr-defined]
        stock_received=6,
        received_on=dt.date(2026, 4, 1),
        distribution_on=dt.date(2026, 4, 2),
    )
    second = services.round_open(round=second, seed="dos", by=world.admin)
    served = set(second.entitlements.filter(awarded=1).values_list("household_id", flat=True))
    assert short <= served


def test_gas_programmes_follow_the_household_gas_profile(world: World) -> None:
    household_update(household=world.household, address="Calle 1", sector=None, cylinders_10kg=2)
    household_update(
        household=world.other_household,
        address="Vereda 4",
        sector=None,
        cylinders_10kg=1,
        piped_gas=True,
    )
    round_ = _round(
        world,
        stock=10,
        name="Gas 10 kg",
        kind="gas",
        unit="CYL",
        cap=3,
        cylinder_kg=10,
        exclude_piped_gas=True,
        base_quantity=3,
    )
    round_ = services.round_open(round=round_, seed="gas", by=world.admin)  # type: ignore[arg-type]
    claims = dict(round_.entitlements.values_list("household_id", "claimed"))
    assert claims == {world.household.pk: 2}


def test_it_records_a_delivery_with_its_fee(day: Day) -> None:
    delivery = services.delivery_record(
        round=day.round, household=day.world.household, by=day.world.spokesperson, table=2
    )
    assert delivery.quantity == 1 and delivery.fee_minor == 500 and delivery.table == 2


def test_it_refuses_a_second_delivery_to_the_same_household(day: Day) -> None:
    services.delivery_record(round=day.round, household=day.world.household, by=day.world.admin)
    with pytest.raises(Refusal, match="already received in this round") as refused:
        services.delivery_record(
            round=day.round, household=day.world.household, by=day.world.admin, table=2
        )
    assert (refused.value.code, refused.value.status) == ("already_delivered", 409)
    assert Delivery.objects.count() == 1


def test_a_proxy_must_be_named(day: Day) -> None:
    with pytest.raises(Refusal, match="name of the person"):
        services.delivery_record(
            round=day.round,
            household=day.world.household,
            by=day.world.admin,
            collected_by="proxy",
            proxy_name="  ",
        )
    delivery = services.delivery_record(
        round=day.round,
        household=day.world.household,
        by=day.world.admin,
        collected_by="proxy",
        proxy_name="Rosa  Díaz",
    )
    assert delivery.proxy_name == "Rosa Díaz"


def test_a_household_not_served_is_refused_with_its_reason(world: World) -> None:
    add_households(world, 4)
    round_ = _round(world, stock=0)
    round_ = services.round_open(round=round_, seed="x", by=world.admin)  # type: ignore[arg-type]
    with pytest.raises(Refusal, match="not served in this round") as refused:
        services.delivery_record(round=round_, household=world.household, by=world.admin)
    assert refused.value.code == "not_entitled"


def test_a_non_delivery_is_recorded_and_a_later_delivery_replaces_it(day: Day) -> None:
    services.non_delivery_record(
        round=day.round, household=day.world.household, reason="absent", by=day.world.admin
    )
    assert NonDelivery.objects.count() == 1
    services.delivery_record(round=day.round, household=day.world.household, by=day.world.admin)
    assert NonDelivery.objects.count() == 0


def test_a_draft_round_takes_no_deliveries(world: World) -> None:
    round_ = _round(world, stock=3)
    with pytest.raises(Refusal, match="not open"):
        services.delivery_record(round=round_, household=world.household, by=world.admin)  # type: ignore[arg-type]


def test_a_round_closed_while_a_table_checks_takes_no_delivery(
    day: Day, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The table read the round open; the round closes before its delivery is written.
    checked = services._household_in_round

    def check_then_close(round_: Round, household: Household) -> Entitlement:
        entitlement = checked(round_, household)
        services.round_close(round=round_, remaining_counted=10, by=day.world.admin)
        return entitlement

    monkeypatch.setattr(services, "_household_in_round", check_then_close)
    with pytest.raises(Refusal, match="not open"):
        services.delivery_record(round=day.round, household=day.world.household, by=day.world.admin)
    assert not Delivery.objects.exists()


def test_closing_posts_the_stock_the_deliveries_and_the_fees_to_the_books(day: Day) -> None:
    services.delivery_record(round=day.round, household=day.world.household, by=day.world.admin)
    services.delivery_record(
        round=day.round, household=day.world.other_household, by=day.world.admin
    )
    services.round_close(round=day.round, remaining_counted=8, by=day.world.admin)
    entries = Entry.objects.filter(reference=f"distribution-round-{day.round.pk}")
    assert entries.count() == 3
    lines = {(e.description.split(": ")[1]) for e in entries}
    # A record of the books: in the commune's language (Spanish), whoever closed the round.
    assert lines == {
        "existencias recibidas",
        "entregado a los hogares",
        "aportes cobrados en las mesas",
    }
    assert not [r for r in reconciliations(day.world.commune) if r.flagged]


def test_reconciliation_flags_a_deliberate_discrepancy(day: Day) -> None:
    services.delivery_record(round=day.round, household=day.world.household, by=day.world.admin)
    # One bag went missing from the store: 10 in, 1 delivered, only 8 counted.
    services.round_close(round=day.round, remaining_counted=8, by=day.world.admin)
    (row,) = reconciliations(day.world.commune)
    assert row.flagged and row.difference == 1 and row.expected_remaining == 9


def test_a_round_cannot_be_opened_twice_nor_without_a_seed(world: World) -> None:
    round_ = _round(world, stock=3)
    with pytest.raises(Refusal, match="seed"):
        services.round_open(round=round_, seed=" ", by=world.admin)  # type: ignore[arg-type]
    services.round_open(round=round_, seed="s", by=world.admin)  # type: ignore[arg-type]
    with pytest.raises(Refusal, match="already open"):
        services.round_open(round=round_, seed="s", by=world.admin)  # type: ignore[arg-type]


def test_programme_names_are_unique_and_checked(world: World) -> None:
    bag_programme(world)
    with pytest.raises(Refusal, match="already a programme"):
        bag_programme(world)
    with pytest.raises(Refusal, match="counts in cylinders"):
        bag_programme(world, name="Otro", cylinder_kg=10)
