"""The writes of peace: numbering, outcomes, follow-ups and rounds, with their refusals."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from comuna.core.refusals import Refusal
from comuna.peace import services
from comuna.peace.models import CaseStatus, MediationCase, Round
from tests.peace.conftest import DAY, Peace


@pytest.mark.django_db
def test_cases_are_numbered_one_after_another(peace: Peace) -> None:
    assert [peace.her_case.number, peace.his_case.number] == [1, 2]
    assert peace.her_case.reference == "MED-0001"


@pytest.mark.django_db
def test_an_agreement_closes_the_case_and_a_second_outcome_is_refused(peace: Peace) -> None:
    services.agreement_record(case=peace.her_case, agreed_on=DAY, terms="Respeto")
    peace.her_case.refresh_from_db()
    assert (peace.her_case.status, peace.her_case.closed_on) == (CaseStatus.AGREEMENT, DAY)
    with pytest.raises(Refusal):
        services.agreement_record(case=peace.her_case, agreed_on=DAY, terms="Otra vez")
    with pytest.raises(Refusal):
        services.case_close(case=peace.her_case, status=CaseStatus.WITHDRAWN, closed_on=DAY)
    with pytest.raises(Refusal):
        services.session_record(case=peace.her_case, date=DAY, attended="Ana", notes="")


@pytest.mark.django_db
def test_a_follow_up_needs_an_agreement_and_comes_after_it(peace: Peace) -> None:
    with pytest.raises(Refusal):
        services.followup_record(case=peace.his_case, date=DAY, kept=True, notes="")
    services.agreement_record(case=peace.his_case, agreed_on=DAY, terms="Pagar en dos cuotas")
    with pytest.raises(Refusal):
        services.followup_record(
            case=peace.his_case, date=DAY - dt.timedelta(days=1), kept=True, notes=""
        )
    services.followup_record(
        case=peace.his_case, date=DAY + dt.timedelta(days=30), kept=False, notes="Una cuota"
    )
    assert peace.his_case.followups.get().kept is False


@pytest.mark.django_db
def test_a_case_needs_an_active_mediator(peace: Peace) -> None:
    with pytest.raises(Refusal):
        services.case_open(
            commune=peace.world.commune, kind="noise", opened_on=DAY, mediators=[], by=None
        )
    peace.first.active = False
    peace.first.save(update_fields=["active"])
    with pytest.raises(Refusal):
        services.case_open(
            commune=peace.world.commune,
            kind="noise",
            opened_on=DAY,
            mediators=[peace.first],
            by=None,
        )


@pytest.mark.django_db
def test_a_round_is_walked_by_members_of_its_brigade(peace: Peace) -> None:
    from comuna.brigades.models import Brigade, BrigadeKind, BrigadeMember

    water = Brigade.objects.create(commune=peace.world.commune, name="Agua", kind=BrigadeKind.WATER)
    stranger = BrigadeMember.objects.create(
        brigade=water, person=peace.world.neighbour, joined_on=DAY
    )
    common = {
        "date": DAY,
        "starts_at": dt.time(19),
        "ends_at": dt.time(21),
        "sector": None,
        "route": "",
        "notes": "",
        "by": None,
    }
    with pytest.raises(Refusal):
        services.round_record(brigade=water, members=[stranger], **common)  # type: ignore[arg-type]
    with pytest.raises(Refusal):
        services.round_record(brigade=peace.brigade, members=[stranger], **common)  # type: ignore[arg-type]
    assert not Round.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_cases_opened_at_the_same_moment_get_different_numbers(peace: Peace) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the race needs concurrent writers (PostgreSQL)")
    start = threading.Barrier(6)

    def open_one(n: int) -> int:
        start.wait()
        try:
            return services.case_open(
                commune=peace.world.commune,
                kind="noise",
                opened_on=DAY,
                mediators=[peace.first],
                by=None,
            ).number
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        numbers = sorted(pool.map(open_one, range(6)))
    assert numbers == [3, 4, 5, 6, 7, 8]
    assert MediationCase.objects.of(peace.world.commune).count() == 8
