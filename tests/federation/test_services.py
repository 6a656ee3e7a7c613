"""The federation's writes: levels, places, officers, keys, registrations and identity flags,
each refused with a reason and nothing changed when it breaks a rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from comuna.census.models import Person
from comuna.core.models import Commune
from comuna.core.published import published_models
from comuna.core.refusals import Refusal
from comuna.federation import selectors, services
from comuna.federation.models import (
    CommuneKey,
    CommuneTally,
    CommuneUnit,
    IdentityFlag,
    Registration,
    RegistrationStatus,
    Unit,
)
from comuna.federation.selectors import commune_public_key, level_figures
from tests import factories
from tests.federation.conftest import KEY, Fed, registration_data

pytestmark = pytest.mark.django_db


def test_the_levels_are_published_to_the_laptops() -> None:
    assert Unit in published_models()


def test_a_city_must_be_part_of_a_state(fed: Fed) -> None:
    with pytest.raises(Refusal):
        services.unit_create(code="x", name="X", level="city", parent=fed.nation)
    with pytest.raises(Refusal):
        services.unit_create(code="y", name="Y", level="nation", parent=fed.nation)
    with pytest.raises(Refusal):
        services.unit_create(code="registros", name="Z", level="state", parent=fed.nation)
    with pytest.raises(Refusal):
        services.unit_create(code="lara", name="Lara 2", level="state", parent=fed.nation)
    assert Unit.objects.count() == 6


def test_the_database_refuses_a_nation_with_a_parent(fed: Fed) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(code="n2", name="N2", level="nation", parent=fed.nation)


def test_a_commune_is_placed_in_a_city_only_and_moves(fed: Fed) -> None:
    with pytest.raises(Refusal):
        services.commune_place(commune=fed.a, unit=fed.state)
    services.commune_place(commune=fed.a, unit=fed.other_city)
    assert CommuneUnit.objects.get(commune=fed.a).unit == fed.other_city


def test_an_officer_is_added_once_and_removed(fed: Fed) -> None:
    services.officer_add(user=fed.city_officer, unit=fed.city)
    assert fed.city_officer.pk is not None
    assert services.officer_remove(user=fed.city_officer, unit=fed.city)
    assert not services.officer_remove(user=fed.city_officer, unit=fed.city)


def test_a_communes_key_is_set_then_replaced_and_must_be_32_bytes(fed: Fed) -> None:
    services.commune_key_set(commune=fed.b, public_key=KEY)
    services.commune_key_set(commune=fed.b, public_key=bytes(32))
    assert commune_public_key(fed.b) == bytes(32)
    with pytest.raises(Refusal):
        services.commune_key_set(commune=fed.b, public_key=b"short")
    assert CommuneKey.objects.filter(commune=fed.b).count() == 1


def test_accepting_creates_the_commune_with_its_laptops_id_place_and_key(fed: Fed) -> None:
    commune = services.registration_accept(registration=fed.pending, by=fed.city_officer)
    assert commune.uuid == fed.pending.commune_uuid
    assert commune.code == "comuna-nueva"
    assert CommuneUnit.objects.get(commune=commune).unit == fed.city
    assert commune_public_key(commune) == KEY
    fed.pending.refresh_from_db()
    assert fed.pending.status == RegistrationStatus.ACCEPTED
    assert fed.pending.commune == commune
    with pytest.raises(Refusal) as refused:
        services.registration_accept(registration=fed.pending, by=fed.city_officer)
    assert refused.value.code == "already_decided"
    assert Commune.objects.filter(uuid=commune.uuid).count() == 1


def test_a_refused_acceptance_changes_nothing(fed: Fed) -> None:
    # A commune with the registration's code is already here: nothing is created.
    factories.make_commune(code="comuna-nueva", name="Otra")
    with pytest.raises(Refusal):
        services.registration_accept(registration=fed.pending, by=fed.city_officer)
    fed.pending.refresh_from_db()
    assert fed.pending.status == RegistrationStatus.PENDING
    assert not Commune.objects.filter(uuid=fed.pending.commune_uuid).exists()


def test_a_returned_registration_is_corrected_and_sent_again(fed: Fed) -> None:
    with pytest.raises(Refusal):
        services.registration_return(registration=fed.pending, by=fed.city_officer, reason=" ")
    services.registration_return(
        registration=fed.pending, by=fed.city_officer, reason="El acta no está firmada."
    )
    assert fed.pending.status == RegistrationStatus.RETURNED
    corrected = registration_data(fed.city, name="Comuna La Nueva (corregida)")
    again = services.registration_submit(data=corrected, resubmit=fed.pending)
    assert again.pk == fed.pending.pk
    assert again.status == RegistrationStatus.PENDING
    assert again.commune_uuid == fed.pending.commune_uuid  # keeps the commune's identity
    assert again.spokespeople.count() == 1
    with pytest.raises(Refusal):
        services.registration_submit(data=corrected, resubmit=again)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"acta": b"<html>not a pdf"}, "acta"),
        ({"public_key": b"x" * 31}, "public_key"),
        ({"present": 600}, "present"),
        ({"votes_for": 200}, "votes_for"),
        ({"votes_for": 20, "votes_against": 260}, "votes_for"),
        ({"spokespeople": ()}, "spokespeople"),
        ({"assembly_on": timezone.localdate() + dt.timedelta(days=1)}, "assembly_on"),
    ],
)
def test_a_bad_registration_is_refused_and_nothing_is_recorded(
    fed: Fed, changes: dict[str, object], field: str
) -> None:
    before = Registration.objects.count()
    data = replace(registration_data(fed.city), **changes)
    with pytest.raises(Refusal) as refused:
        services.registration_submit(data=data)
    assert refused.value.field == field
    assert Registration.objects.count() == before


def test_the_database_refuses_votes_that_do_not_add_up(fed: Fed) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=fed.pending.pk).update(abstentions=99)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=fed.pending.pk).update(registered_voters=10)


def test_a_second_submit_of_the_same_form_makes_no_second_registration(fed: Fed) -> None:
    data = registration_data(fed.city)
    first = services.registration_submit(data=data, token="t" * 32)
    second = services.registration_submit(data=replace(data), token="t" * 32)
    assert first.pk == second.pk
    assert Registration.objects.filter(commune_uuid=data.commune_uuid).count() == 1


def test_an_id_in_two_communes_is_flagged_to_both_and_never_merged(fed: Fed) -> None:
    council = factories.make_council(fed.b, "B01")
    household = factories.make_household(council)
    twin = factories.make_person(
        household, first_names="Otra", last_names="Persona", national_id="V12345678"
    )
    assert services.identity_flags_refresh(commune=fed.b) == 1
    assert services.identity_flags_refresh(commune=fed.b) == 0  # idempotent
    assert services.identity_flags_refresh(commune=fed.a) == 0  # the same pair, once
    flag = IdentityFlag.objects.get()
    assert {flag.first, flag.second} == {fed.a, fed.b}
    assert flag.national_id == "V12345678"
    # Both people are still there, each in their own commune.
    assert Person.objects.of(fed.b).get(pk=twin.pk).national_id == "V12345678"
    assert Person.objects.of(fed.a).filter(national_id="V12345678").count() == 1


def test_the_level_figures_add_up_the_communes_below(fed: Fed) -> None:
    figures = level_figures(fed.city)
    assert [c.code for c in figures.communes] == [fed.a.code]
    assert figures.people == 3 and figures.households == 2
    assert sum(band.total for band in figures.age_bands) == 3
    state = level_figures(fed.state)
    assert {c.code for c in state.communes} == {fed.a.code, fed.b.code}
    assert {p.code: p.people for p in state.parts} == {"turbio": 3, "tocuyo": 0}
    nation = level_figures(fed.nation)
    assert len(nation.communes) == 3
    assert {p.code: p.communes for p in nation.parts} == {"lara": 2, "bolivar": 1}


def test_a_state_reads_the_tallies_and_a_city_counts_live(fed: Fed) -> None:
    assert services.tallies_refresh_stale(fed.state) == 2
    assert services.tallies_refresh_stale(fed.state) == 0  # counted today: nothing to do
    tally = CommuneTally.objects.get(commune=fed.a)
    assert (tally.people, tally.households, tally.counted_on) == (3, 2, timezone.localdate())
    factories.make_person(fed.world.household, first_names="Nueva")
    # The city counts live; the state keeps today's tally until the commune is counted again.
    assert level_figures(fed.city).people == 4
    state = level_figures(fed.state)
    assert state.people == 3 and state.counted_at == tally.counted_at
    assert services.tally_refresh([fed.a.pk]) == 1
    assert level_figures(fed.state).people == 4
    assert sum(band.total for band in level_figures(fed.state).age_bands) == 4


def test_a_tally_from_yesterday_is_counted_again(fed: Fed) -> None:
    services.tally_refresh([fed.a.pk, fed.b.pk, fed.c.pk])
    CommuneTally.objects.filter(commune=fed.a).update(
        counted_on=timezone.localdate() - dt.timedelta(days=1), people=99
    )
    assert selectors.tallies_stale(fed.nation) == [fed.a.pk]
    # Read without recounting: the stale tally is not trusted, the commune is counted live.
    assert level_figures(fed.nation).people == 3
    assert services.tallies_refresh_stale(fed.nation) == 1
    assert CommuneTally.objects.get(commune=fed.a).people == 3


def test_the_tallies_add_up_as_the_live_count_does(fed: Fed) -> None:
    live = level_figures(fed.nation)  # no tally yet: every commune counted live
    services.tallies_refresh_stale(fed.nation)
    tallied = level_figures(fed.nation)
    assert tallied.counted_at is not None and live.counted_at is None
    assert replace(tallied, counted_at=None) == live


def test_the_database_refuses_a_tally_whose_parts_exceed_the_whole(fed: Fed) -> None:
    services.tally_refresh([fed.a.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        CommuneTally.objects.filter(commune=fed.a).update(incidents_open=5, incidents=1)
