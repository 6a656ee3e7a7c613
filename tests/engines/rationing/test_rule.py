"""The rationing rule, one sentence at a time."""

from __future__ import annotations

import json

from comuna.engines.rationing import (
    Claim,
    PriorityClass,
    Reason,
    Status,
    lottery_key,
    ration,
)

MEDICAL = PriorityClass.MEDICAL
ELDERLY = PriorityClass.ELDERLY_ALONE
CHILDREN = PriorityClass.SMALL_CHILDREN
GENERAL = PriorityClass.GENERAL


def claim(
    household: str,
    group: str = "CC01",
    priority: PriorityClass = GENERAL,
    units: int = 1,
    streak: int = 0,
    total: int = 0,
) -> Claim:
    return Claim(household, group, priority, units, streak, total)


def awarded(claims: list[Claim], stock: int, seed: str = "seed") -> dict[str, int]:
    return {a.household_id: a.awarded for a in ration(claims, stock, seed).allocations}


def shares(claims: list[Claim], stock: int, seed: str = "seed") -> dict[str, int]:
    return {s.group: s.share for s in ration(claims, stock, seed).shares}


def council(code: str, households: int, units: int = 1) -> list[Claim]:
    return [claim(f"{code}-{i:03}", code, GENERAL, units) for i in range(households)]


def test_when_the_stock_covers_every_claim_everyone_is_served_in_full() -> None:
    claims = [claim("a", units=2), claim("b", "CC02", MEDICAL, 1), claim("c", "CC03", units=3)]
    result = ration(claims, 10, "any seed")
    assert all(a.status is Status.FULL and a.awarded == a.claimed for a in result.allocations)
    assert all(a.reason is Reason.CLASS_COVERED for a in result.allocations)
    assert result.total_awarded == 6
    assert result.unused == 4
    assert not result.stock_was_short


def test_when_the_stock_covers_every_claim_the_seed_does_not_matter() -> None:
    claims = council("CC01", 5) + council("CC02", 7, units=2)
    assert awarded(claims, 19, "one") == awarded(claims, 19, "another")


def test_councils_share_the_stock_in_proportion_to_their_households() -> None:
    # 20 units for 60 + 30 + 15 households: quotas 11.43, 5.71, 2.86.
    claims = council("CC01", 60) + council("CC02", 30) + council("CC03", 15)
    result = ration(claims, 20, "seed")
    (stage,) = result.stages
    assert [line.floor for line in stage.lines] == [11, 5, 2]
    assert [line.extra_unit for line in stage.lines] == [False, True, True]
    assert shares(claims, 20) == {"CC01": 11, "CC02": 6, "CC03": 3}


def test_the_apportionment_arithmetic_is_recorded_as_exact_fractions() -> None:
    claims = council("CC01", 60) + council("CC02", 30) + council("CC03", 15)
    share = {s.group: s for s in ration(claims, 20, "seed").shares}["CC02"]
    assert (share.quota, share.floor, share.remainder) == (
        share.quota.__class__(40, 7),
        5,
        share.quota.__class__(5, 7),
    )
    assert share.extra_unit and share.share == 6 and share.stage == 1


def test_households_count_for_their_council_however_many_units_they_claim() -> None:
    # Entitlement is per household: two households claiming 5 weigh the same as two claiming 1.
    claims = council("CC01", 2, units=5) + council("CC02", 2, units=1)
    assert shares(claims, 2) == {"CC01": 1, "CC02": 1}


def test_a_council_never_gets_more_than_it_claimed_and_the_rest_is_shared_again() -> None:
    # Quotas 4 and 4, but CC01 claims only 2: it gets 2, and CC02 the other 6.
    claims = council("CC01", 2, units=1) + council("CC02", 2, units=5)
    result = ration(claims, 8, "seed")
    assert shares(claims, 8) == {"CC01": 2, "CC02": 6}
    first, second = result.stages
    assert [(line.group, line.allotted, line.capped) for line in first.lines] == [
        ("CC01", 4, True),
        ("CC02", 4, False),
    ]
    assert second.stock == 6
    assert [(line.group, line.allotted) for line in second.lines] == [("CC02", 6)]
    by_group = {s.group: s for s in result.shares}
    assert by_group["CC01"].capped and by_group["CC01"].stage == 1
    assert not by_group["CC02"].capped and by_group["CC02"].stage == 2


def test_equal_remainders_are_settled_by_the_lottery_of_the_council_codes() -> None:
    claims = council("CC01", 1, units=5) + council("CC02", 1, units=5)
    winners = set()
    for seed in map(str, range(20)):
        got = shares(claims, 3, seed)
        expected = min(("CC01", "CC02"), key=lambda g: lottery_key(seed, g))
        assert got[expected] == 2
        winners.add(expected)
    assert winners == {"CC01", "CC02"}, "the lottery, not the code order, settles ties"


def test_councils_with_nothing_claimed_take_no_part_in_the_apportionment() -> None:
    claims = [claim("a", "CC01", units=0), *council("CC02", 3)]
    result = ration(claims, 2, "seed")
    assert shares(claims, 2) == {"CC01": 0, "CC02": 2}
    assert [line.group for line in result.stages[0].lines] == ["CC02"]


def test_priority_classes_are_served_in_order_within_a_council() -> None:
    claims = [
        claim("general", priority=GENERAL),
        claim("children", priority=CHILDREN),
        claim("elderly", priority=ELDERLY),
        claim("medical", priority=MEDICAL),
    ]
    assert awarded(claims, 2) == {"medical": 1, "elderly": 1, "children": 0, "general": 0}
    assert awarded(claims, 3) == {"medical": 1, "elderly": 1, "children": 1, "general": 0}


def test_a_class_reached_after_the_share_ran_out_is_told_so() -> None:
    result = ration([claim("m", priority=MEDICAL, units=2), claim("g")], 2, "seed")
    general = result.by_household()["g"]
    assert general.reason is Reason.HIGHER_CLASSES_USED_SHARE
    assert general.status is Status.NONE
    assert general.explain("en") == (
        "not served: the share of CC01 (2 units) was used up by higher priority classes "
        "before class general"
    )


def test_a_council_whose_share_is_zero_is_told_it_received_nothing() -> None:
    claims = council("CC01", 5) + council("CC02", 1)
    result = ration(claims, 1, "seed")
    lone = result.by_household()["CC02-000"]
    assert lone.reason is Reason.GROUP_SHARE_EMPTY
    assert "CC02 received no units" in lone.explanation


def test_within_a_short_class_each_household_gets_an_equal_share_up_to_its_claim() -> None:
    # 7 units for claims 1, 3 and 5: the level is 3, so 1 + 3 + 3.
    claims = [claim("one", units=1), claim("three", units=3), claim("five", units=5)]
    result = ration(claims, 7, "seed")
    assert awarded(claims, 7) == {"one": 1, "three": 3, "five": 3}
    by_id = result.by_household()
    assert by_id["one"].reason is Reason.EQUAL_SHARE_COVERS_CLAIM
    assert by_id["five"].status is Status.PARTIAL
    assert by_id["five"].class_level == 3 and by_id["five"].leftover == 0


def test_units_left_below_a_full_level_go_one_each_in_queue_order() -> None:
    # 5 units for three claims of 2: everyone gets 1, the 2 left go to the first two in queue.
    claims = [claim("a", units=2), claim("b", units=2), claim("c", units=2)]
    result = ration(claims, 5, "seed")
    queue = sorted(result.allocations, key=lambda a: a.queue_position or 0)
    assert [a.awarded for a in queue] == [2, 2, 1]
    assert [a.reason for a in queue] == [
        Reason.REACHED_IN_QUEUE,
        Reason.REACHED_IN_QUEUE,
        Reason.NOT_REACHED_IN_QUEUE,
    ]
    assert all(a.class_level == 1 and a.leftover == 2 and a.queue_reached == 2 for a in queue)


def test_households_left_short_last_round_rank_first() -> None:
    claims = [claim(f"h{i}") for i in range(10)] + [claim("waited", streak=1, total=1)]
    assert awarded(claims, 1)["waited"] == 1


def test_a_longer_streak_ranks_before_a_shorter_one() -> None:
    claims = [claim("once", streak=1, total=5), claim("twice", streak=2, total=2)]
    assert awarded(claims, 1) == {"twice": 1, "once": 0}


def test_with_equal_streaks_more_rounds_short_in_total_rank_first() -> None:
    claims = [claim("less", streak=1, total=1), claim("more", streak=1, total=2)]
    assert awarded(claims, 1) == {"more": 1, "less": 0}


def test_remaining_ties_follow_the_lottery_key_of_the_household() -> None:
    claims = [claim(f"h{i}") for i in range(12)]
    result = ration(claims, 4, "draw at the assembly")
    expected = sorted(claims, key=lambda c: lottery_key("draw at the assembly", c.household_id))
    assert [a.household_id for a in result.allocations] == [c.household_id for c in expected]
    assert {a.household_id for a in result.allocations if a.awarded} == {
        c.household_id for c in expected[:4]
    }


def test_a_different_seed_draws_a_different_list() -> None:
    claims = [claim(f"h{i}") for i in range(30)]
    assert awarded(claims, 10, "one") != awarded(claims, 10, "two")


def test_the_carry_over_for_next_round_counts_rounds_left_short() -> None:
    claims = [claim("served", streak=3, total=4), claim("short", streak=1, total=2)]
    by_id = ration(claims, 1, "seed").by_household()
    served, short = by_id["served"], by_id["short"]
    assert (served.next_short_streak, served.next_short_total) == (0, 4)
    assert short.left_short and (short.next_short_streak, short.next_short_total) == (2, 3)


def test_a_household_that_claims_nothing_is_listed_but_not_entitled() -> None:
    claims = [claim("none", units=0, streak=2, total=2), *council("CC02", 1)]
    result = ration(claims, 1, "seed")
    none = result.by_household()["none"]
    assert none.status is Status.NO_CLAIM and none.queue_position is None
    assert (none.next_short_streak, none.next_short_total) == (0, 2)
    assert shares(claims, 1) == {"CC01": 0, "CC02": 1}


def test_the_list_is_ordered_by_council_then_class_then_queue() -> None:
    claims = [
        claim("b-general", "CC02"),
        claim("a-general-2", "CC01", units=1),
        claim("a-medical", "CC01", MEDICAL),
        claim("a-general-1", "CC01", streak=1, total=1),
    ]
    result = ration(claims, 2, "seed")
    assert [a.household_id for a in result.allocations] == [
        "a-medical",
        "a-general-1",
        "a-general-2",
        "b-general",
    ]


def test_every_household_can_read_why_in_spanish_and_english() -> None:
    claims = [claim("a", units=2), claim("b", units=2), claim("c", units=2, streak=1, total=1)]
    by_id = ration(claims, 4, "seed").by_household()
    c = by_id["c"]
    assert c.queue_position == 1
    assert c.explain("en") == (
        "served in full: the share of CC01 ran out within priority class general; every "
        "household got up to 1 unit; the 1 unit left over went one per household in queue "
        "order, reaching position 1; you are at position 1 of 3 "
        "(left short 1 round in a row before this one)"
    )
    assert c.explain("es").startswith(
        "atendido completo: la cuota de CC01 se agotó dentro de la clase de prioridad «general»"
    )
    last = next(a for a in by_id.values() if a.queue_position == 3)
    assert last.explanation.startswith("served 1 of 2: ")
    assert last.explain().startswith("atendido 1 de 2: ")
    assert "usted está en el puesto 3 de 3" in last.explain("es")


def test_a_household_not_reached_at_all_is_told_its_place_in_the_queue() -> None:
    claims = [claim(f"h{i}") for i in range(40)]
    result = ration(claims, 5, "seed")
    last = result.allocations[-1]
    assert last.status is Status.NONE
    assert last.explanation == (
        "not served: the share of CC01 ran out within priority class general; the 5 units for "
        "this class went one per household in queue order, reaching position 5; you are at "
        "position 40 of 40"
    )


def test_the_result_records_the_seed_and_the_hash_of_the_list() -> None:
    result = ration([claim("a")], 1, 2025)
    assert result.seed == "2025"
    assert len(result.input_hash) == 64
    assert result.rule == "comuna-rationing/1"


def test_the_result_can_be_written_as_json() -> None:
    claims = council("CC01", 3) + council("CC02", 2, units=2)
    data = ration(claims, 4, "seed").to_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert json.loads(text)["allocations"][0]["explanation"]["es"]
    assert data["shares"][0]["quota"] == "12/5"


def test_the_worked_example_in_the_docs_gives_what_the_docs_say() -> None:
    claims = [
        claim("CC01-A", "CC01", MEDICAL, 2),
        claim("CC01-B", "CC01", ELDERLY, 1),
        claim("CC01-C", "CC01", CHILDREN, 2),
        claim("CC01-D", "CC01", CHILDREN, 1),
        claim("CC01-E", "CC01", GENERAL, 1),
        claim("CC01-F", "CC01", GENERAL, 2, streak=1, total=1),
        claim("CC01-G", "CC01", GENERAL, 2),
        claim("CC01-H", "CC01", GENERAL, 2),
        claim("CC02-A", "CC02", GENERAL, 1),
        claim("CC02-B", "CC02", GENERAL, 2),
        claim("CC02-C", "CC02", GENERAL, 2),
        claim("CC02-D", "CC02", GENERAL, 2),
        claim("CC03-A", "CC03", CHILDREN, 1),
        claim("CC03-B", "CC03", GENERAL, 1),
        claim("CC03-C", "CC03", GENERAL, 1),
    ]
    result = ration(claims, 20, "asamblea 2025-03-01")
    assert result.input_hash == "96c67377bf0e1a09779b974d56b19858358d1b22ae79afb22521f656a948eb12"
    assert [(s.group, s.share) for s in result.shares] == [("CC01", 11), ("CC02", 6), ("CC03", 3)]
    assert awarded(claims, 20, "asamblea 2025-03-01") == {
        "CC01-A": 2,
        "CC01-B": 1,
        "CC01-C": 2,
        "CC01-D": 1,
        "CC01-E": 1,
        "CC01-F": 2,
        "CC01-G": 1,
        "CC01-H": 1,
        "CC02-A": 1,
        "CC02-B": 2,
        "CC02-C": 1,
        "CC02-D": 2,
        "CC03-A": 1,
        "CC03-B": 1,
        "CC03-C": 1,
    }
    g = result.by_household()["CC01-G"]
    assert g.explain("es") == (
        "atendido 1 de 2: la cuota de CC01 se agotó dentro de la clase de prioridad «general»; "
        "cada hogar recibió hasta 1 unidad; la unidad sobrante se entregó en orden de la cola, "
        "al puesto 1; usted está en el puesto 2 de 4"
    )
    assert g.explain("en") == (
        "served 1 of 2: the share of CC01 ran out within priority class general; every "
        "household got up to 1 unit; the 1 unit left over went one per household in queue "
        "order, reaching position 1; you are at position 2 of 4"
    )
    carried = {
        a.household_id: (a.next_short_streak, a.next_short_total)
        for a in result.allocations
        if a.next_short_total
    }
    assert carried == {"CC01-F": (0, 1), "CC01-G": (1, 1), "CC01-H": (1, 1), "CC02-C": (1, 1)}
