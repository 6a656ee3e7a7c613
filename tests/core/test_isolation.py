"""Nothing of commune B reaches a user of commune A: for every URL pattern, every API
endpoint and every role (and anonymous), no name, no count, no id.

Two demo communes are built side by side (every kind of record: census, organs and seats,
meetings, votes, decisions, recall petitions, books, budgets, sharing rules, programmes,
rounds, deliveries, memberships, tokens) plus a few records that exist only in B and carry
names found nowhere else. Then every page is asked for, as each of A's roles, with B's ids
and codes wherever a pattern takes one:

- a record of B answers 404 to A's administrator (who may do everything in A, so no
  permission check can answer first), and 404, 403 or a redirect to the login to the others;
- no response of any kind (page, fragment, PDF, spreadsheet, JSON) names anything of B;
- no POST with B's ids changes anything in B;
- A's pages are the same, to the byte, before and after B grows, so no count of B leaks in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone, translation

from comuna.census.models import Council, Household, Person, Sector
from comuna.circuits.models import PlanLine
from comuna.core.models import CommunalModel, Commune
from comuna.core.tenancy import SESSION_KEY
from comuna.demo.builder import demo_build
from comuna.distribution.models import Programme, Round
from comuna.governance.models import Decision, Meeting, Proposal, RecallPetition, Seat
from comuna.ledger.models import Account, Entry, SharingRule, Statement
from comuna.memberships.models import Membership
from comuna.memberships.selectors import actor_for
from comuna.peace.models import MediationCase
from comuna.peace.models import Round as PeaceRound
from comuna.production.models import PlanInput, PlanScenario, Product, ProductionPlan
from comuna.users.models import ApiToken, User
from comuna.users.tokens import token_create
from tests.demo_snapshots import FAST_HASHER, Snapshots, demo_put_in_place
from tests.pages import PK_BY_PREFIX, all_routes
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

ROLES = ("admin", "vocera", "contralor", "vecino", None)
# Names that exist only in commune B: any of them in a response to A is a leak.
B_COUNCIL_NAME = "Consejo Exclusivo Bravo"
B_PERSON = ("Zoraida Yolimar", "Bravoexclusiva")
B_ADDRESS = "Callejón Exclusivo Bravo 77"


@dataclass
class Two:
    a: Commune
    b: Commune
    b_ids: dict[str, Any]  # URL parameter name → value that names a record of B
    markers: tuple[str, ...]


def _b_only_records(b: Commune) -> None:
    council = Council.objects.create(commune=b, code="CCB1", name=B_COUNCIL_NAME)
    sector = Sector.objects.create(council=council, name="Sector Exclusivo Bravo")
    household = Household.objects.create(
        council=council, sector=sector, reference="0001", address=B_ADDRESS
    )
    Person.objects.create(
        household=household,
        first_names=B_PERSON[0],
        last_names=B_PERSON[1],
        national_id="V99999991",
        birth_date="1980-01-01",
        search_text=f"{B_PERSON[0]} {B_PERSON[1]} V99999991".lower(),
    )
    Account.objects.create(
        commune=b, code="1.9.9", name="Caja Exclusiva Bravo", kind="asset", unit="VES"
    )


@pytest.fixture(scope="module")
def two(snapshots: Snapshots, django_db_blocker: Any) -> Iterator[Two]:
    with django_db_blocker.unblock():
        # The first commune from the session's copy of the demo; only the second is built.
        demo_put_in_place(snapshots)
        yield from _two()
        snapshots.restore("empty")


def _two() -> Iterator[Two]:
    with (
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        translation.override("en"),
        transaction.atomic(),
    ):
        demo_build(communes=2)
        a, b = Commune.objects.get(code="demo"), Commune.objects.get(code="demo2")
        _b_only_records(b)
        admin2 = User.objects.get(username="admin2")
        token_create(actor=actor_for(admin2, b), name="b-only")
        a_sequences = Entry.objects.of(a).count()
        b_entry = Entry.objects.of(b).filter(sequence__gt=a_sequences).first()
        b_household = Household.objects.of(b).get(address=B_ADDRESS)
        b_line = PlanLine.objects.of(b).filter(vehicle__isnull=False).order_by("pk").first()
        b_ids = {
            "household": b_household.pk,
            "person": Person.objects.of(b).get(last_names=B_PERSON[1]).pk,
            "sector": Sector.objects.of(b).get(council__code="CCB1").pk,
            "seat": Seat.objects.of(b).first().pk,  # type: ignore[union-attr]
            "petition": RecallPetition.objects.of(b).first().pk,  # type: ignore[union-attr]
            "meeting": Meeting.objects.of(b).first().pk,  # type: ignore[union-attr]
            "proposal": Proposal.objects.of(b).first().pk,  # type: ignore[union-attr]
            "decision": Decision.objects.of(b).first().pk,  # type: ignore[union-attr]
            "statement": Statement.objects.of(b).first().pk,  # type: ignore[union-attr]
            "rule": SharingRule.objects.of(b).first().pk,  # type: ignore[union-attr]
            "programme": Programme.objects.of(b).first().pk,  # type: ignore[union-attr]
            "round": Round.objects.of(b).first().pk,  # type: ignore[union-attr]
            "membership": Membership.objects.of(b).first().pk,  # type: ignore[union-attr]
            "token": ApiToken.objects.get(user=admin2).pk,
            "sequence": b_entry.sequence if b_entry is not None else None,
            "council_code": "CCB1",
            "account_code": "1.9.9",
            "card_code": b_household.card_code,
            "production_plan": ProductionPlan.objects.of(b).first().pk,  # type: ignore[union-attr]
            "production_input": PlanInput.objects.of(b).first().pk,  # type: ignore[union-attr]
            "production_product": Product.objects.of(b).first().pk,  # type: ignore[union-attr]
            "production_scenario": PlanScenario.objects.of(b).first().pk,  # type: ignore[union-attr]
            # peace (fix-peace)
            "peace_round": PeaceRound.objects.of(b).values_list("pk", flat=True).first(),
            "mediation_case": MediationCase.objects.of(b).values_list("pk", flat=True).first(),
            # circuits (fix-circuits)
            "circuit_cycle": b_line.cycle_id if b_line else None,
            "circuit_line": b_line.pk if b_line else None,
            "circuit_vehicle": b_line.vehicle_id if b_line else None,
        }
        markers = (
            b.name,
            B_COUNCIL_NAME,
            B_PERSON[1],
            B_ADDRESS,
            "Caja Exclusiva Bravo",
            "admin2",
            str(b.uuid),
            b_household.card_code,
        )
        yield Two(a=a, b=b, b_ids=b_ids, markers=markers)
        transaction.set_rollback(True)


def _path_for(route: str, ids: dict[str, Any]) -> tuple[str, bool] | None:
    """The path with B's ids in it, and whether it names a record of B; ``None`` to skip."""
    names_b = False

    def fill(match: re.Match[str]) -> str:
        nonlocal names_b
        converter, name = match.group(1) or "str", match.group(2)
        if name in ("pk",):
            key = next((k for p, k in PK_BY_PREFIX if route.startswith(p)), None)
            if key is None or ids.get(key) is None:
                raise LookupError
            names_b = True
            return str(ids[key])
        if name == "sequence":
            if ids["sequence"] is None:
                raise LookupError
            names_b = True
            return str(ids["sequence"])
        if name == "code":
            names_b = True
            return str(ids["account_code"] if "cuenta/" in route else ids["council_code"])
        if name in ("household_id", "person_id", "round_id", "card_code"):
            names_b = True
            key = name.removesuffix("_id")
            return str(ids[key] if key != "card_code" else ids["card_code"])
        if name == "table":
            return "1"
        if name == "fmt":
            return "csv"
        if name == "kind":
            return "income"
        if name == "month":
            return f"{timezone.localdate():%Y-%m}"
        if name == "circuit_list":
            return "ofertas"
        if name == "circuit_vehicle":
            if ids.get(name) is None:
                raise LookupError
            names_b = True
            return str(ids[name])
        if name in ("worker", "enterprise"):
            key = "waste_enterprise" if name == "enterprise" else name
            if ids.get(key) is None:
                raise LookupError
            names_b = True
            return str(ids[key])
        if name in ("unit", "ref", "commune_code"):
            # The federation (fix-federation): its levels and registrations are no commune's
            # records (tests/federation/test_tenancy.py asks for them at every level), and
            # the way to a commune's public page opens what is open to anyone.
            raise LookupError
        raise AssertionError(f"no value for <{converter}:{name}> in {route}")

    try:
        path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)
    except LookupError:
        return None
    return "/" + path.replace("^", "").replace("$", ""), names_b


def _client(two: Two, username: str | None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if username is not None:
        client.force_login(User.objects.get(username=username))
    session = client.session
    session[SESSION_KEY] = two.a.pk
    session.save()
    return client


def _text(response: Any) -> str:
    if response.get("Content-Type", "").startswith("application/pdf"):
        return pdf_text(response.content)
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _b_fingerprint(b: Commune) -> dict[str, int]:
    """How many rows of each communal model B holds, and its books' length."""
    counts = {
        model.__name__: model.objects.of(b).count()  # type: ignore[attr-defined]
        for model in apps.get_models()
        if issubclass(model, CommunalModel)
    }
    counts["Entry"] = Entry.objects.of(b).count()
    return counts


def _leaks(text: str, two: Two) -> list[str]:
    return [marker for marker in two.markers if marker in text]


@pytest.mark.parametrize("username", ROLES)
def test_no_page_shows_anything_of_another_commune(two: Two, username: str | None) -> None:
    client = _client(two, username)
    before = _b_fingerprint(two.b)
    problems = []
    for route in all_routes():
        if route.startswith(("api/", "i18n/", "jsi18n/", "cuenta/salir/", "comunas/")):
            continue
        filled = _path_for(route, two.b_ids)
        if filled is None:
            continue
        path, names_b = filled
        for method in ("get", "post") if names_b else ("get",):
            response = getattr(client, method)(path)
            status = response.status_code
            # A page that only takes a POST answers a GET with 405 before it looks anything up.
            expected = (404, 405) if method == "get" else (404,)
            if names_b and username == "admin" and status not in expected:
                problems.append(f"{method.upper()} {path}: {status} to A's admin, not 404")
            if names_b and status not in (404, 403, 302, 405):
                problems.append(f"{method.upper()} {path}: {status} as {username}")
            if names_b and status == 302 and "/cuenta/entrar/" not in response["Location"]:
                problems.append(f"{method.upper()} {path}: redirects to {response['Location']}")
            if leaked := _leaks(_text(response), two):
                problems.append(f"{method.upper()} {path} as {username} shows {leaked}")
    assert not problems, "\n".join(problems)
    assert _b_fingerprint(two.b) == before


API_ROUTES = (
    ("get", "/api/census/stats"),
    ("get", "/api/census/councils"),
    ("get", "/api/census/households"),
    ("get", "/api/census/households?council=CCB1"),
    ("get", "/api/census/households/by-card/{card_code}"),
    ("get", "/api/census/households/{household}"),
    ("get", "/api/census/people?q=Bravoexclusiva"),
    ("get", "/api/census/people/{person}"),
    ("post", "/api/census/households"),
    ("post", "/api/census/households/{household}/people"),
    ("get", "/api/distribution/rounds"),
    ("post", "/api/distribution/rounds/{round}/deliveries"),
    ("get", "/api/ledger/funds"),
    ("get", "/api/ledger/accounts"),
    ("get", "/api/ledger/statements"),
    ("get", "/api/ledger/verify"),
    ("get", "/api/production/plans"),
    ("get", "/api/production/plans/{production_plan}"),
    ("post", "/api/production/plans/{production_plan}/solve"),
)
BODIES = {
    "/api/census/households": {"council": "CCB1", "reference": "9999", "address": "Calle 1"},
    "/api/census/households/{household}/people": {
        "first_names": "Ana",
        "last_names": "Pérez",
        "birth_date": "1990-01-01",
    },
    "/api/distribution/rounds/{round}/deliveries": {"household_id": 1, "table": 1},
}


def test_the_api_lists_every_endpoint_checked_here(two: Two) -> None:
    """A new endpoint must be added to API_ROUTES, so that it is checked too."""
    listed = {re.sub(r"\{\w+\}", "{}", route.split("?")[0]) for _method, route in API_ROUTES}
    served = {
        "/" + re.sub(r"<\w+>", "{}", route)
        for route in all_routes()
        if route.startswith(("api/census", "api/distribution", "api/ledger", "api/production"))
    }
    assert served <= listed


@pytest.mark.parametrize("username", ["admin", "vocera", "contralor", "vecino"])
def test_no_api_endpoint_gives_anything_of_another_commune(two: Two, username: str) -> None:
    user = User.objects.get(username=username)
    _token, raw = token_create(actor=actor_for(user, two.a), name="isolation")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")
    before = _b_fingerprint(two.b)
    problems = []
    for method, route in API_ROUTES:
        path = route.format(**two.b_ids)
        body = BODIES.get(route.split("?")[0])
        if method == "post":
            response = client.post(path, body or {}, content_type="application/json")
        else:
            response = client.get(path)
        names_b = "{" in route or "CCB1" in route
        if names_b and response.status_code not in (404, 403, 400):
            problems.append(f"{method.upper()} {path}: {response.status_code}")
        if username == "admin" and "{" in route and response.status_code != 404:
            problems.append(f"{method.upper()} {path}: {response.status_code} to A's admin")
        if leaked := _leaks(_text(response), two):
            problems.append(f"{method.upper()} {path} as {username} shows {leaked}")
    assert not problems, "\n".join(problems)
    assert _b_fingerprint(two.b) == before


def test_a_token_of_another_commune_acts_only_there(two: Two) -> None:
    admin2 = User.objects.get(username="admin2")
    _token, raw = token_create(actor=actor_for(admin2, two.b), name="b")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")
    a_household = Household.objects.of(two.a).first()
    assert a_household is not None
    assert client.get(f"/api/census/households/{a_household.pk}").status_code == 404
    assert client.get(f"/api/census/households/{two.b_ids['household']}").status_code == 200


# What differs between two renderings of the same page whatever the data: the CSRF token,
# the one-time token of a books form (against double posting), and the clock.
_VOLATILE = re.compile(
    r'name="(?:csrfmiddlewaretoken|token|form_once)" value="[^"]*"|"X-CSRFToken": "[^"]*"'
    r"|\d{1,2}:\d{2}(?::\d{2})?"
)


def _page(client: Client, path: str) -> str:
    return _VOLATILE.sub("", client.get(path).content.decode())


def test_commune_a_looks_the_same_however_much_b_grows(two: Two) -> None:
    pages = [
        route
        for route in all_routes()
        if "<" not in route
        and not route.startswith(("api/docs", "i18n/", "jsi18n/", "cuenta/salir/", "comunas/"))
        and not route.endswith((".pdf", ".csv", ".xlsx", "xlsx/", "csv/"))
    ]
    clients = {username: _client(two, username) for username in ROLES}
    before = {(u, p): _page(c, "/" + p) for u, c in clients.items() for p in pages}
    with transaction.atomic():
        council = Council.objects.of(two.b).get(code="CCB1")
        for n in range(1, 40):
            household = Household.objects.create(
                council=council, reference=f"9{n:03d}", address=f"Vereda Bravo {n}"
            )
            Person.objects.create(
                household=household,
                first_names="Bravo",
                last_names=f"Crecimiento {n}",
                birth_date="2001-02-03",
                search_text=f"bravo crecimiento {n}",
            )
        after = {(u, p): _page(c, "/" + p) for u, c in clients.items() for p in pages}
        transaction.set_rollback(True)
    changed = sorted(f"{p} as {u}" for (u, p), text in after.items() if text != before[(u, p)])
    assert changed == []
