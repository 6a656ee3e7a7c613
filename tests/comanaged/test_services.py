"""The co-managed enterprises' writes: the registry and its refusals, the rule applied once
into the host's books and into each served commune's own books, the transition plan."""

from __future__ import annotations

import datetime as dt

import pytest

from comuna.comanaged import services
from comuna.comanaged.models import PeriodShare, ServedCommune, Side, StageStatus
from comuna.core.refusals import Refusal
from comuna.ledger.models import Account, Entry
from comuna.ledger.selectors import account_change
from tests.comanaged.conftest import MARCH, REGISTERED, Co, carried_decision

pytestmark = pytest.mark.django_db


def _gained(commune: object, code: str) -> int:
    account = Account.objects.of(commune).get(code=code)
    return account_change(account, start=dt.date(2000, 1, 1), end=dt.date(2100, 12, 31))


def test_registering_opens_the_accounts_in_every_communes_books(co: Co) -> None:
    plant = co.plant
    host = co.world.commune
    assert plant.enterprise.commune == host and plant.board.commune == host
    for code in (plant.income_account, plant.fund_account, plant.shared_account):
        assert Account.objects.of(host).filter(code=code).exists()
    for row in ServedCommune.objects.of(host).filter(comanaged=plant):
        assert Account.objects.of(row.served).filter(code=row.earmarked_account).exists()
        assert Account.objects.of(row.served).filter(code=row.income_account).exists()


def test_it_refuses_shares_above_one_hundred_percent(co: Co) -> None:
    other = co.b
    with pytest.raises(Refusal) as refused:
        services.comanaged_register(
            commune=co.world.commune,
            name="Embotelladora",
            activity="Agua",
            registered_on=REGISTERED,
            fund_basis_points=0,
            served=[(co.world.commune, 6000), (other, 5000)],
        )
    assert "100%" in refused.value.message and refused.value.code == "shares_above_all"
    with pytest.raises(Refusal, match="100%"):
        services.served_share_set(
            row=ServedCommune.objects.of(co.world.commune).get(served=co.b), basis_points=5001
        )


def test_it_refuses_a_commune_served_twice(co: Co) -> None:
    with pytest.raises(Refusal) as refused:
        services.served_commune_add(comanaged=co.plant, served=co.b, basis_points=100)
    assert refused.value.code == "served_twice"
    with pytest.raises(Refusal, match="twice"):
        services.comanaged_register(
            commune=co.world.commune,
            name="Embotelladora",
            activity="Agua",
            registered_on=REGISTERED,
            fund_basis_points=0,
            served=[(co.b, 1000), (co.b, 2000)],
        )


def test_it_refuses_negative_amounts_and_unfinished_periods(co: Co) -> None:
    with pytest.raises(Refusal, match="negative"):
        services.result_record(
            comanaged=co.plant,
            kind="month",
            start=dt.date(2026, 4, 1),
            income=-1,
            wages=0,
            maintenance=0,
            materials=0,
        )
    with pytest.raises(Refusal, match="not ended"):
        services.result_record(
            comanaged=co.plant,
            kind="month",
            start=dt.date(2099, 4, 1),
            income=1,
            wages=0,
            maintenance=0,
            materials=0,
        )


def test_the_preview_explains_the_rounding(co: Co) -> None:
    preview = services.rule_preview(co.march)
    # 10.000 − 7.000 = 3.000 left; 10% to the fund; 2.700 surplus.
    assert (preview.left, preview.fund, preview.surplus) == (3_000_00, 300_00, 2_700_00)
    assert [line.amount for line in preview.lines] == [1_350_00, 810_00, 405_00]
    assert preview.kept == 135_00 and preview.unshared_basis_points == 500


def test_applying_posts_to_the_host_and_to_each_served_communes_books(co: Co) -> None:
    host = co.world.commune
    services.result_apply(result=co.march, by="tesorera")
    co.march.refresh_from_db()
    assert co.march.applied and co.march.surplus == 2_700_00 and co.march.kept == 135_00
    plant = co.plant
    assert _gained(host, plant.enterprise.cash_account) == 10_000_00 - 7_000_00 - 300_00 - 2_565_00
    assert _gained(host, plant.fund_account) == 300_00
    for commune, amount in ((host, 1_350_00), (co.b, 810_00), (co.c, 405_00)):
        row = ServedCommune.objects.of(host).get(comanaged=plant, served=commune)
        assert _gained(commune, row.earmarked_account) == amount
        share = PeriodShare.objects.of(host).get(result=co.march, served=commune)
        assert share.amount == amount
        entry = Entry.objects.of(commune).get(sequence=share.served_entry)
        assert entry.debit == row.earmarked_account and entry.amount == amount


def test_applying_twice_posts_nothing_the_second_time(co: Co) -> None:
    services.result_apply(result=co.march, by="tesorera")
    counts = [Entry.objects.of(c).count() for c in (co.world.commune, co.b, co.c)]
    with pytest.raises(Refusal) as refused:
        services.result_apply(result=co.march, by="tesorera")
    assert refused.value.code == "already_shared"
    assert [Entry.objects.of(c).count() for c in (co.world.commune, co.b, co.c)] == counts
    with pytest.raises(Refusal, match="already shared"):
        services.result_record(
            comanaged=co.plant,
            kind="month",
            start=MARCH,
            income=1,
            wages=0,
            maintenance=0,
            materials=0,
        )


def test_a_quarter_overlapping_a_month_is_refused(co: Co) -> None:
    with pytest.raises(Refusal, match="overlaps"):
        services.result_record(
            comanaged=co.plant,
            kind="quarter",
            start=dt.date(2026, 1, 1),
            income=1,
            wages=0,
            maintenance=0,
            materials=0,
        )


def test_a_period_with_costs_above_income_shares_nothing_and_the_books_refuse_the_overdraft(
    co: Co,
) -> None:
    april = services.result_record(
        comanaged=co.plant,
        kind="month",
        start=dt.date(2026, 4, 1),
        income=100,
        wages=200,
        maintenance=0,
        materials=0,
    )
    assert services.rule_preview(april).surplus == 0
    with pytest.raises(Refusal):
        services.result_apply(result=april, by="tesorera")
    april.refresh_from_db()
    assert not april.applied


def test_board_seats_are_governance_seats_of_the_board(co: Co) -> None:
    seat = services.board_seat_add(
        comanaged=co.plant,
        title="Vocería comunal",
        side=Side.COMMUNITY,
        represents=co.b,
        outside_holder="Ana Vocera",
    )
    assert seat.seat.organ == co.plant.board and seat.holder_name == "Ana Vocera"
    held = services.board_seat_add(
        comanaged=co.plant,
        title="Vocería de la comuna anfitriona",
        side=Side.COMMUNITY,
        holder=co.world.head,
        term_start=dt.date(2026, 1, 1),
    )
    held.seat.refresh_from_db()
    assert held.seat.holder == co.world.head and held.seat.terms.count() == 1
    with pytest.raises(Refusal, match="community seat"):
        services.board_seat_add(
            comanaged=co.plant, title="Ministerio", side=Side.STATE, represents=co.b
        )


def test_a_stage_is_completed_only_with_an_approving_decision(co: Co) -> None:
    first = services.stage_add(
        comanaged=co.plant,
        title="Mayoría comunitaria en la junta",
        condition="La comunidad ocupa 2 de 3 puestos",
        community_seats=2,
        target_date=dt.date(2026, 12, 1),
    )
    services.board_seat_add(comanaged=co.plant, title="Ministerio", side=Side.STATE)
    services.board_seat_add(
        comanaged=co.plant, title="Vocería 1", side=Side.COMMUNITY, outside_holder="Ana"
    )
    approving = carried_decision(co.world.commune, "Aprobar la mayoría comunitaria")
    with pytest.raises(Refusal, match="condition is not met"):
        services.stage_complete(stage=first, decision=approving, on=MARCH)
    services.board_seat_add(
        comanaged=co.plant, title="Vocería 2", side=Side.COMMUNITY, outside_holder="Luis"
    )
    council_decision = carried_decision(co.world.commune, "Otra", kind="executive")
    with pytest.raises(Refusal, match="parliament or an assembly"):
        services.stage_complete(stage=first, decision=council_decision, on=MARCH)
    elsewhere = carried_decision(co.b, "De otra comuna")
    with pytest.raises(Refusal, match="this commune"):
        services.stage_complete(stage=first, decision=elsewhere, on=MARCH)
    done = services.stage_complete(stage=first, decision=approving, on=MARCH)
    assert done.status == StageStatus.DONE and done.decision == approving
    second = services.stage_add(
        comanaged=co.plant,
        title="Administración comunal",
        condition="Dos años de estados auditados",
        target_date=dt.date(2028, 1, 1),
    )
    assert second.position == 2 and second.status == StageStatus.PLANNED
