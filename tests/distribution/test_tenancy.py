"""The distribution of commune B is out of reach of everyone in commune A.

Commune B is built with the same council codes and household references as A (CC01-0001 in
both) and a programme of the same name (CLAP), an open round of its own, and names found
nowhere in A. Then every access function, every page that takes a round, programme or
household id, the tables' check-in by card, every list and count, and the command are asked,
as each of A's roles, for what B holds.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404
from django.test import Client

from comuna.census.models import Household
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.tenancy import SESSION_KEY
from comuna.distribution import access, selectors, services
from comuna.distribution.models import Delivery, Entitlement, NonDelivery, Programme, Round
from comuna.ledger.models import Entry
from comuna.memberships.selectors import actor_for
from comuna.users.actors import Actor
from comuna.users.models import Role, User
from comuna.users.tokens import token_create
from tests import factories
from tests.conftest import World, client_for
from tests.distribution.conftest import Day, bag_programme

pytestmark = pytest.mark.django_db

# Found only in commune B: any of them in an answer to A is a leak.
B_NAMES = ("Zoraida", "Bracho", "Callejón Bravo", "Gas Bravo", "Plaza Bravo")


@dataclass
class B:
    commune: Commune
    programme: Programme  # "CLAP", as A's
    round: Round  # open
    household: Household  # CC01-0001, as A's
    both: User  # administrator of A and of B


@pytest.fixture
def b(day: Day) -> B:
    commune = factories.make_commune(name="Comuna Bravo", code="bravo")
    households = []
    for code in ("CC01", "CC02"):
        council = factories.make_council(commune, code, name=f"Barrio Bravo {code}")
        for reference in ("0001", "0002"):
            household = factories.make_household(
                council, reference=reference, address=f"Callejón Bravo {reference}"
            )
            factories.make_person(household, first_names="Zoraida", last_names="Bracho")
            households.append(household)
    both = factories.make_user("ambas", Role.ADMIN, commune=day.world.commune)
    factories.make_membership(both, Role.ADMIN, commune=commune)
    programme = services.programme_save(
        commune=commune, name="CLAP", kind="food_bag", unit="BAG", base_quantity=1,
        per_member=0, cap=1, fee_minor=700,
    )  # fmt: skip
    services.programme_save(
        commune=commune, name="Gas Bravo", kind="gas", unit="CYL", base_quantity=1,
        per_member=0, cap=1,
    )  # fmt: skip
    round_ = services.round_create(
        programme=programme, stock_received=3, received_on=dt.date(2026, 4, 10),
        distribution_on=dt.date(2026, 4, 11), points="Plaza Bravo", tables=2,
    )  # fmt: skip
    round_ = services.round_open(round=round_, seed="bravo", by=both)
    return B(commune, programme, round_, households[0], both)


def personas(world: World, b: B) -> dict[str, User]:
    """Everyone of A, and a superuser and a member of both communes, all acting in A."""
    return {
        "admin": world.admin,
        "spokesperson": world.spokesperson,
        "comptroller": world.comptroller,
        "resident": world.resident,
        "outsider": world.outsider,
        "superuser": factories.make_user("raiz", is_superuser=True),
        "both": b.both,
    }


def a_client(world: World, user: User | None) -> Client:
    """A client (logged in as ``user``, if any) with commune A chosen, as the menu would."""
    client = client_for(user)
    session = client.session
    session[SESSION_KEY] = world.commune.pk
    session.save()
    return client


def post(client: Client, url: str, data: Mapping[str, object]) -> int:
    client.get("/reparto/publico/")
    if "csrftoken" not in client.cookies:
        client.get("/")
    token = client.cookies["csrftoken"].value
    return client.post(url, {**data, "csrfmiddlewaretoken": token}).status_code


def assert_no_b(text: str, where: str) -> None:
    for name in B_NAMES:
        assert name not in text, f"{name} of commune B in {where}"


# (a) Access functions, for every role of A


def test_no_access_function_reaches_anything_of_b_for_any_role(day: Day, b: B) -> None:
    world = day.world
    for role, user in personas(world, b).items():
        actor = world.actor(user)
        for options in ({}, {"manage": True}, {"table": True}):
            with pytest.raises(Http404):
                access.round_for_user(actor, b.round.pk, **options)
        # Programmes are the administrator's: anyone else is refused before any lookup.
        refusal = Http404 if access.distribution_is_managed(actor) else PermissionDenied
        with pytest.raises(refusal):
            access.programme_for_user(actor, b.programme.pk)
        assert not access.households_at_table(actor).filter(commune=b.commune).exists(), role
        with pytest.raises(Http404):
            access.household_at_table(actor, b.household.pk)
        with pytest.raises(Http404):
            access.household_at_table_by_card(actor, b.household.card_code)


def test_a_member_of_both_reaches_b_only_when_acting_in_b(day: Day, b: B) -> None:
    in_a, in_b = day.world.actor(b.both), actor_for(b.both, b.commune)
    assert access.round_for_user(in_a, day.round.pk, manage=True) == day.round
    assert access.round_for_user(in_b, b.round.pk, manage=True) == b.round
    assert access.programme_for_user(in_b, b.programme.pk) == b.programme
    assert access.household_at_table_by_card(in_b, b.household.card_code) == b.household
    assert set(access.households_at_table(in_a)) == set(Household.objects.of(day.world.commune))


def test_roles_in_b_give_nothing_in_a(day: Day, b: B) -> None:
    spokesperson_of_b = factories.make_user(
        "vocera-b", Role.SPOKESPERSON, council=b.household.council
    )
    actor = day.world.actor(spokesperson_of_b)
    assert not access.distribution_is_readable(actor) and not access.tables_are_workable(actor)
    assert not access.households_at_table(actor).exists()
    with pytest.raises(Http404):
        access.round_for_user(actor, day.round.pk)


def test_an_actor_without_a_commune_reaches_nothing(day: Day, b: B) -> None:
    actor = Actor(commune=None, user=day.world.admin, roles=frozenset({Role.ADMIN}))
    assert not access.households_at_table(actor).exists()
    with pytest.raises(Http404):
        access.round_for_user(actor, b.round.pk)


# (b) Every page that takes an id of B answers 404


@pytest.mark.parametrize("persona", ["admin", "spokesperson", "comptroller", "both"])
def test_every_page_of_a_round_of_b_is_404(day: Day, b: B, persona: str) -> None:
    user = b.both if persona == "both" else getattr(day.world, persona)
    client = a_client(day.world, user)
    base = f"/reparto/rondas/{b.round.pk}/"
    for url in (
        base,
        base + "verificar/",
        base + "mesa/1/",
        base + "mesa/1/buscar/?q=zoraida",
        base + "consejos/CC01/lista.pdf",
    ):
        assert client.get(url).status_code == 404, url
    household = {"household": b.household.pk}
    for url, data in (
        (base + "abrir/", {"seed": "x"}),
        (base + "cerrar/", {"remaining_counted": 0}),
        (base + "entregar/", {**household, "table": 1, "collected_by": "head"}),
        (base + "mesa/1/no-entrega/", {**household, "reason": "absent"}),
    ):
        assert post(client, url, data) == 404, url
    b.round.refresh_from_db()
    assert b.round.status == "open"
    assert not Delivery.objects.of(b.commune).exists()
    assert not NonDelivery.objects.of(b.commune).exists()


def test_a_programme_of_b_is_404_to_the_administrators_of_a(day: Day, b: B) -> None:
    for user in (day.world.admin, b.both):
        client = a_client(day.world, user)
        url = f"/reparto/programas/{b.programme.pk}/"
        assert client.get(url).status_code == 404
        assert post(client, url, {"name": "Robado", "kind": "food_bag", "unit": "BAG"}) == 404
    b.programme.refresh_from_db()
    assert b.programme.name == "CLAP"


def test_a_household_of_b_is_404_on_the_household_page(day: Day, b: B) -> None:
    for user in (day.world.admin, day.world.resident, b.both):
        url = f"/reparto/hogares/{b.household.pk}/"
        assert a_client(day.world, user).get(url).status_code == 404


def test_a_card_of_b_is_not_found_at_a_table_of_a(day: Day, b: B) -> None:
    client = a_client(day.world, b.both)
    base = f"/reparto/rondas/{day.round.pk}/"
    found = client.get(base + "mesa/1/buscar/", {"q": b.household.card_code}).content.decode()
    assert "No household found in your reach." in found
    scanned = f"http://10.0.0.2:8000/censo/carnet/?code={b.household.card_code}"
    found = client.get(base + "mesa/1/buscar/", {"q": scanned}).content.decode()
    assert "No household found in your reach." in found
    assert_no_b(found, "the table's check-in")
    assert (
        "No household found"
        not in client.get(
            base + "mesa/1/buscar/", {"q": day.world.household.card_code}
        ).content.decode()
    )
    data = {"household": b.household.pk, "table": 1, "collected_by": "head"}
    assert post(client, base + "entregar/", data) == 404
    assert post(client, base + "mesa/1/no-entrega/", {**data, "reason": "absent"}) == 404
    assert not Delivery.objects.exists() and not NonDelivery.objects.exists()


def test_the_api_refuses_bs_rounds_and_cards_to_a_token_of_a(day: Day, b: B) -> None:
    _token, raw = token_create(actor=day.world.actor(b.both))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")

    def deliver(round_id: int, body: dict[str, object]) -> int:
        url = f"/api/distribution/rounds/{round_id}/deliveries"
        return client.post(url, json.dumps(body), content_type="application/json").status_code

    assert deliver(b.round.pk, {"household_id": b.household.pk}) == 404
    assert deliver(day.round.pk, {"card_code": b.household.card_code}) == 404
    assert deliver(day.round.pk, {"household_id": b.household.pk}) == 404
    assert not Delivery.objects.exists()
    listed = {r["id"] for r in client.get("/api/distribution/rounds").json()}
    assert listed == {day.round.pk}


# (c) Lists and counts of A show nothing of B


def test_the_lists_of_a_show_nothing_of_b(day: Day, b: B) -> None:
    a = day.world.commune.pk
    for user in (day.world.admin, b.both):
        client = a_client(day.world, user)
        index = client.get("/reparto/")
        assert {r.commune_id for r in index.context["rounds"]} == {a}
        assert {p.commune_id for p in index.context["programmes"]} == {a}
        assert_no_b(index.content.decode(), "the index")
        reports = client.get("/reparto/informes/")
        assert {s["programme"].commune_id for s in reports.context["sections"]} == {a}
        assert_no_b(reports.content.decode(), "the reports")
        round_page = client.get(f"/reparto/rondas/{day.round.pk}/")
        assert round_page.context["totals"]["listed"] == 6
        assert_no_b(round_page.content.decode(), "A's round")
    reconciliation = a_client(day.world, day.world.comptroller).get("/reparto/conciliacion/")
    assert {r.round.commune_id for r in reconciliation.context["rows"]} == {a}
    public = a_client(day.world, None).get("/reparto/publico/")
    assert [r.pk for r in public.context["rounds"]] == [day.round.pk]
    assert_no_b(public.content.decode(), "the public figures")


def test_the_counts_of_a_are_as_alone(day: Day, b: B) -> None:
    commune = day.world.commune
    facts = selectors.households_facts(commune)
    assert {f.household_id for f in facts} == set(
        Household.objects.of(commune).values_list("pk", flat=True)
    )
    assert [r.pk for r in selectors.rounds_listed(commune)] == [day.round.pk]
    assert [r.round.pk for r in selectors.reconciliations(commune)] == [day.round.pk]
    assert selectors.round_totals(b.round)["listed"] == 4


def test_a_round_lists_only_its_communes_households_and_each_row_is_its_communes(
    day: Day, b: B
) -> None:
    for commune, round_ in ((day.world.commune, day.round), (b.commune, b.round)):
        rows = Entitlement.objects.filter(round=round_)
        assert set(rows.values_list("commune_id", flat=True)) == {commune.pk}
        assert set(rows.values_list("household__commune_id", flat=True)) == {commune.pk}
    assert Entitlement.objects.values("uuid").distinct().count() == Entitlement.objects.count()


def test_a_programme_name_is_unique_within_a_commune_only(day: Day, b: B) -> None:
    assert b.programme.name == day.programme.name
    with pytest.raises(Refusal):
        bag_programme(day.world)


def test_a_rounds_stock_is_posted_to_its_own_communes_books(day: Day, b: B) -> None:
    reference = f"distribution-round-{b.round.pk}"
    assert Entry.objects.of(b.commune).filter(reference=reference).exists()
    assert not Entry.objects.of(day.world.commune).filter(reference=reference).exists()


# (d) The command lists one commune's rounds, and asks when there are several


def rounds(*args: str) -> list[dict[str, object]]:
    out = io.StringIO()
    call_command("distribution", "rounds", "--json", *args, stdout=out)
    listed: list[dict[str, object]] = json.loads(out.getvalue())
    return listed


def test_the_command_lists_the_rounds_of_the_commune_named(day: Day, b: B) -> None:
    assert [r["id"] for r in rounds("--commune", "bravo")] == [b.round.pk]
    assert [r["id"] for r in rounds("--commune", day.world.commune.code)] == [day.round.pk]


def test_the_command_refuses_when_several_communes_and_none_named(day: Day, b: B) -> None:
    with pytest.raises(CommandError, match="--commune"):
        rounds()
    with pytest.raises(CommandError):
        rounds("--commune", "nowhere")
