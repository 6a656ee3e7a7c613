"""Bad input at every edge answers 400 with a message, never 500, and changes nothing.

One demo commune is built for the module. Then, as its administrator:

- every page reachable from the URL patterns is read, and every ``<form>`` on it (and every
  input that htmx sends on its own) is collected with its fields and their current values;
- every URL pattern that takes a POST must have been met as the target of such a form;
- for each form and each field, the form is sent with that one field replaced by a NUL byte,
  by 100,000 characters and, for a number field, by 2^63, -2^63, 10^20 and ``1e400``: the
  answer is a 400 (a 404 for an id in the path), and no row is inserted, updated or deleted;
- every id in a URL is replaced by 2^63: 404, never 500;
- every operation of the OpenAPI document gets the same values in its parameters and in each
  field of its JSON body: a JSON 400 (or 404 for an id) with a ``detail``; an oversized or
  malformed body too.

Each request runs inside a transaction rolled back after it, so one request's writes (if any
slipped through, the test fails on them) never change what the next one meets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django import forms
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from comuna.census.models import Household, Person, Sector
from comuna.circuits.models import Cycle as CircuitCycle
from comuna.circuits.models import PlanLine
from comuna.core.models import Commune
from comuna.core.tenancy import SESSION_KEY
from comuna.distribution.forms import DeliveryForm, NonDeliveryForm, OpenForm
from comuna.distribution.models import Programme, Round
from comuna.enterprises.models import Enterprise, EnterpriseKind, Worker
from comuna.governance.forms import CloseForm as MeetingCloseForm
from comuna.governance.forms import HandsForm, SignaturesForm, TallyForm
from comuna.governance.models import Decision, Meeting, Proposal, RecallPetition, Seat
from comuna.incidents.models import Incident
from comuna.ledger.forms import VoidForm
from comuna.ledger.models import Entry, SharingRule, Statement
from comuna.memberships.models import Membership
from comuna.memberships.selectors import actor_for
from comuna.users.models import ApiToken, User
from comuna.users.tokens import token_create
from comuna.waste.models import CollectionPoint, DayPlan, Route, Site, Vehicle, VehicleBreakdown
from tests.pages import PK_BY_PREFIX, all_routes

pytestmark = pytest.mark.django_db

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
NUL = "ab\x00cd"
LONG = "x" * 100_000
TEXT_VALUES = (NUL, LONG)
NUMBER_VALUES = (str(2**63), str(-(2**63)), str(10**20), "1e400")
HUGE_ID = 2**63
# What the demo builds and the forms post to, that the check below may not send bad input to:
# logging out and switching language change the session only; uploads are files.
NOT_FUZZED = ("cuenta/salir/", "i18n/setlang/", "api/")


@dataclass
class Demo:
    commune: Commune
    ids: dict[str, Any]  # a record of each kind, by the name the URL patterns use
    variants: dict[str, list[int]]  # one record of each kind in each of its states
    token: str


_MODELS: dict[str, Any] = {
    "household": Household,
    "person": Person,
    "sector": Sector,
    "seat": Seat,
    "petition": RecallPetition,
    "meeting": Meeting,
    "proposal": Proposal,
    "decision": Decision,
    "statement": Statement,
    "rule": SharingRule,
    "programme": Programme,
    "round": Round,
    "membership": Membership,
    "enterprise": Enterprise,
    "worker": Worker,
    "route": Route,
    "dayplan": DayPlan,
    "vehicle": Vehicle,
    "breakdown": VehicleBreakdown,
    "site": Site,
    "point": CollectionPoint,
    "day_plan": DayPlan,
    "incident": Incident,
    "circuit_cycle": CircuitCycle,
    "circuit_line": PlanLine,
}


def _variants(model: Any, commune: Commune) -> list[int]:
    """One record in each state the model's rows are in, since a page's forms depend on it."""
    names = {f.name for f in model._meta.get_fields()}
    states = [n for n in ("status", "vote_method", "role") if n in names]
    if "approved_on" in names:
        states.append("approved_on")
    first: dict[tuple[Any, ...], int] = {}
    for row in model.objects.of(commune).order_by("-pk").values("pk", *states):
        state = tuple(row[s] if s != "approved_on" else row[s] is None for s in states)
        first.setdefault(state, row["pk"])
    return sorted(first.values())


@pytest.fixture(scope="module")
def demo(demo_module: Any, django_db_blocker: Any) -> Iterator[Demo]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        translation.override("en"),
        transaction.atomic(),
    ):
        commune = Commune.objects.get(code="demo")
        admin = User.objects.get(username="admin")
        _token, raw = token_create(actor=actor_for(admin, commune), name="fuzz")
        variants = {key: _variants(model, commune) for key, model in _MODELS.items()}
        variants["token"] = list(ApiToken.objects.filter(user=admin).values_list("pk", flat=True))
        variants["sequence"] = list(
            Entry.objects.of(commune).order_by("-sequence").values_list("sequence", flat=True)[:1]
        )
        values: dict[str, Any] = {
            key: found[0] if found else None for key, found in variants.items()
        }
        values["council_code"] = "CC01"
        values["account_code"] = "1.1.01"
        household = Household.objects.of(commune).order_by("pk").first()
        assert household is not None
        values["card_code"] = household.card_code
        line = PlanLine.objects.of(commune).filter(vehicle__isnull=False).order_by("pk").first()
        values["circuit_vehicle"] = line.vehicle_id if line else None
        yield Demo(commune=commune, ids=values, variants=variants, token=raw)
        transaction.set_rollback(True)


# --- The URL patterns ---------------------------------------------------------------------

_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _path_for(route: str, ids: dict[str, Any], huge: bool = False) -> str | None:
    """The path of ``route`` with the demo's ids in it (2^63 for every integer id when
    ``huge``); ``None`` when there is no record to name."""

    def fill(match: re.Match[str]) -> str:
        converter, name = match.group(1) or "str", match.group(2)
        if huge and converter == "int":
            return str(HUGE_ID)
        if name == "pk":
            key = next((k for p, k in PK_BY_PREFIX if route.startswith(p)), None)
            if key is None or ids.get(key) is None:
                raise LookupError
            return str(ids[key])
        if name == "sequence":
            if ids["sequence"] is None:
                raise LookupError
            return str(ids["sequence"])
        if name == "code":
            return str(ids["account_code"] if "cuenta/" in route else ids["council_code"])
        if name == "table":
            return "1"
        if name == "fmt":
            return "csv"
        if name == "kind":
            return "income"
        if name == "month":
            return "2026-01"
        if name == "photo":
            return "0"  # the demo keeps no photos: a missing one
        if name == "circuit_list":
            return "ofertas"
        if name == "circuit_vehicle":
            if ids.get("circuit_vehicle") is None:
                raise LookupError
            return str(ids["circuit_vehicle"])
        if name == "worker":
            if ids.get("worker") is None:
                raise LookupError
            return str(ids["worker"])
        if name == "commune_code":
            return "demo"
        if name in ("unit", "ref", "delegate"):
            # The federation's levels, registrations and gatherings: the one-commune demo has
            # none (tests/federation and tests/gatherings send them bad input).
            raise LookupError
        raise AssertionError(f"no value for <{converter}:{name}> in {route}")

    try:
        path = _PARAM.sub(fill, route)
    except LookupError:
        return None
    return "/" + path


def _route_of(path: str) -> str | None:
    """The URL pattern a path resolves to, as its route text."""
    for route in all_routes():
        regex = "^" + _PARAM.sub(lambda m: r"\d+" if m.group(1) == "int" else r"[^/]+", route)
        if re.fullmatch(regex.replace(".", r"\.") + "$", path.lstrip("/")):
            return route
    return None


# --- The forms on the pages ---------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # "text", "number", "choice", "check", "file", "hidden"
    value: str
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: list[Field]


class _FormParser(HTMLParser):
    """Every form of a page with its fields, and every input htmx sends on its own."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: Field | None = None
        self.textarea: Field | None = None

    def _form_for(self, attrs: dict[str, str]) -> Form | None:
        if self.current is not None:
            return self.current
        target = attrs.get("hx-get") or attrs.get("hx-post")
        if target and attrs.get("name"):
            method = "get" if attrs.get("hx-get") else "post"
            form = Form(self.page, target, method, [])
            self.forms.append(form)
            return form
        return None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "form":
            action = attrs.get("action") or attrs.get("hx-post") or attrs.get("hx-get") or ""
            method = (attrs.get("method") or ("post" if attrs.get("hx-post") else "get")).lower()
            self.current = Form(self.page, action or self.page, method, [])
            self.forms.append(self.current)
            return
        name = attrs.get("name")
        if tag == "input" and name:
            form = self._form_for(attrs)
            if form is None:
                return
            kind = attrs.get("type", "text").lower()
            value = attrs.get("value", "")
            if kind in ("submit", "button", "reset", "image"):
                self._button(form, name, value)
                return
            if kind in ("checkbox", "radio"):
                existing = next((f for f in form.fields if f.name == name), None)
                if existing is None:
                    existing = Field(name, "check" if kind == "checkbox" else "choice", "")
                    form.fields.append(existing)
                existing.options.append(value or "on")
                if "checked" in attrs and not (kind == "checkbox" and existing.value):
                    existing.value = value or "on"
                return
            if kind == "number" or attrs.get("inputmode") in ("numeric", "decimal"):
                kind = "number"
            elif kind == "file":
                kind = "file"
            elif kind == "hidden":
                kind = "hidden"
            else:
                kind = "text"
            form.fields.append(Field(name, kind, value))
        elif tag == "button" and name and attrs.get("type", "submit") == "submit":
            form = self._form_for(attrs)
            if form is not None:
                self._button(form, name, attrs.get("value", ""))
        elif tag == "select" and name:
            form = self._form_for(attrs)
            if form is not None:
                self.select = Field(name, "choice", "")
                form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            self.select.options.append(value)
            if "selected" in attrs or not self.select.value:
                self.select.value = value
        elif tag == "textarea" and name:
            form = self._form_for(attrs)
            if form is not None:
                self.textarea = Field(name, "text", "")
                form.fields.append(self.textarea)

    @staticmethod
    def _button(form: Form, name: str, value: str) -> None:
        """The first named submit button is pressed, as a browser sends it."""
        if not any(f.kind == "button" for f in form.fields):
            form.fields.append(Field(name, "button", value))

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def _forms_of(page: str, html: str) -> list[Form]:
    parser = _FormParser(page)
    parser.feed(html)
    for form in parser.forms:
        form.action = urlsplit(form.action).path or page
    return parser.forms


# A plausible value for a field left empty on the page, so that the one bad field is the
# only thing wrong with what is sent.
def _plausible(name: str, field_: Field) -> str:
    if field_.value:
        return field_.value
    if field_.options:
        return next((o for o in field_.options if o), "")
    if field_.kind == "number" or name in ("amount", "percent"):
        return "1"
    if "date" in name or name in ("on", "start", "end", "date"):
        return "2026-11-20"
    if "national_id" in name or name in ("holder", "substitute", "candidate"):
        return "V12345678"
    return "Prueba"


def _data(form: Form, bad_field: str, bad_value: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for f in form.fields:
        if f.kind == "file" or (f.kind == "check" and not f.value):
            continue
        data[f.name] = bad_value if f.name == bad_field else _plausible(f.name, f)
    return data


# --- Sending and checking -----------------------------------------------------------------

_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# Tables a request may write without changing the commune: the session, the login guard,
# when a token was last used, and a form's one-time token (written and taken back in the same
# transaction when the form is refused: tests/core/test_once.py).
_BOOKKEEPING = ("django_session", "axes_", "users_apitoken", "core_formsubmission")


@dataclass
class Answer:
    status: int
    body: str
    writes: list[str]
    flashed_error: bool = False


def _send(client: Client, method: str, path: str, **kwargs: Any) -> Answer:
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, **kwargs)
        transaction.set_rollback(True)
    writes = [
        q["sql"][:120]
        for q in queries.captured_queries
        if _WRITE.match(q["sql"]) and not any(t in q["sql"][:80] for t in _BOOKKEEPING)
    ]
    body = (
        "" if hasattr(response, "streaming_content") else response.content.decode(errors="replace")
    )
    flashed = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    return Answer(response.status_code, body, writes, bool(flashed))


def _admin(demo: Demo) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="es", raise_request_exception=False)
    client.force_login(User.objects.get(username="admin"))
    session = client.session
    session[SESSION_KEY] = demo.commune.pk
    session.save()
    return client


def _short(value: str) -> str:
    return value if len(value) < 30 else f"<{len(value)} chars>"


def _key_of(route: str) -> str | None:
    if "<int:pk>" in route:
        return next((k for p, k in PK_BY_PREFIX if route.startswith(p)), None)
    return None


def _paths(route: str, demo: Demo) -> Iterator[str]:
    """The route's path for each state of the record it names (once when it names none)."""
    key = _key_of(route)
    for pk in demo.variants.get(key, []) if key else [None]:
        path = _path_for(route, {**demo.ids, key: pk} if key else demo.ids)
        if path is not None:
            yield path


@pytest.fixture(scope="module")
def pages(demo: Demo, django_db_blocker: Any) -> dict[str, list[Form]]:
    """Every page the administrator can read (each record in each of its states), with its
    forms."""
    with django_db_blocker.unblock():
        client = _admin(demo)
        found: dict[str, list[Form]] = {}
        for route in all_routes():
            if route.startswith(NOT_FUZZED) or route.endswith((".pdf", ".csv", ".xlsx")):
                continue
            for path in _paths(route, demo):
                answer = _send(client, "get", path)
                if answer.status == 200 and ("<form" in answer.body or "hx-get" in answer.body):
                    found[path] = _forms_of(path, answer.body)
        return found


def _fields_of(form_class: type[forms.BaseForm]) -> list[Field]:
    fields = []
    for name, form_field in form_class.base_fields.items():
        if isinstance(form_field, forms.BooleanField):
            continue
        if isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            kind = "number"
        elif isinstance(form_field, forms.ChoiceField):
            kind = "choice"
        else:
            kind = "text"
        options = [str(v) for v, _label in getattr(form_field, "choices", [])]
        fields.append(Field(name, kind, "", options if kind == "choice" else []))
    return fields


# The forms of the patterns whose page shows them only in a state the demo does not hold
# (an open petition, a vote under way, a round not yet open, a household found at a table):
# their fields are those of the form class the view reads.
UNSEEN: dict[str, list[Field]] = {
    "gobierno/revocatorias/<int:pk>/firmas/": _fields_of(SignaturesForm),
    "gobierno/reuniones/<int:pk>/cerrar/": _fields_of(MeetingCloseForm),
    "gobierno/reuniones/<int:pk>/asistencia/registrar/": [
        Field("person", "number", ""),
        Field("method", "choice", "", ["search", "card", "sheet"]),
    ],
    "gobierno/propuestas/<int:pk>/mano-alzada/": _fields_of(HandsForm),
    "gobierno/propuestas/<int:pk>/escrutinio/": _fields_of(TallyForm),
    "cuentas/propuestas/<int:sequence>/": [
        Field("action", "button", "void"),
        *_fields_of(VoidForm),
    ],
    "reparto/rondas/<int:pk>/abrir/": _fields_of(OpenForm),
    "reparto/rondas/<int:pk>/entregar/": _fields_of(DeliveryForm),
    "reparto/rondas/<int:pk>/mesa/<int:table>/no-entrega/": _fields_of(NonDeliveryForm),
}
# Buttons that send nothing but the CSRF token.
NOTHING_SENT = (
    "gobierno/reuniones/<int:pk>/segunda-convocatoria/",
    "gobierno/propuestas/<int:pk>/conciliar/",
    "gobierno/propuestas/<int:pk>/votacion-nominal/cerrar/",
    # circuits (fix-circuits): the demo's cycle is approved, so its plan's buttons are gone
    "circuitos/ciclos/<int:pk>/planificar/",
    "circuitos/ciclos/<int:pk>/aprobar/",
)


def _unseen_forms(demo: Demo) -> list[Form]:
    found = []
    for route, fields in UNSEEN.items():
        path = _path_for(route, demo.ids)
        assert path is not None, route
        found.append(Form(path, path, "post", fields))
    return found


def test_every_pattern_that_takes_only_a_post_has_a_form_checked_here(
    demo: Demo, pages: dict[str, list[Form]]
) -> None:
    client = _admin(demo)
    targets = {_route_of(form.action) for found in pages.values() for form in found}
    targets |= {*UNSEEN, *NOTHING_SENT}
    missing = []
    for route in all_routes():
        if route.startswith(NOT_FUZZED) or route in targets:
            continue
        path = _path_for(route, demo.ids)
        if path is not None and _send(client, "get", path).status == 405:
            missing.append(route)
    assert missing == [], "POST patterns with no form on any page: " + ", ".join(missing)


def test_bad_text_and_numbers_in_every_form_answer_400_and_change_nothing(
    demo: Demo, pages: dict[str, list[Form]]
) -> None:
    client = _admin(demo)
    seen: set[tuple[str | None, str, str]] = set()
    problems = []
    for found in [*pages.values(), _unseen_forms(demo)]:
        for form in found:
            route = _route_of(form.action)
            if route is None or route.startswith(NOT_FUZZED):
                continue
            for f in form.fields:
                if f.kind in ("file", "check", "button") or f.name == "csrfmiddlewaretoken":
                    continue
                if (route, form.method, f.name) in seen:
                    continue
                seen.add((route, form.method, f.name))
                values = TEXT_VALUES + (NUMBER_VALUES if f.kind == "number" else ())
                for value in values:
                    data = _data(form, f.name, value)
                    answer = _send(client, form.method, form.action, data=data)
                    said = f"{form.method.upper()} {form.action} {f.name}={_short(value)}"
                    if answer.status == 302 and answer.flashed_error:
                        pass  # a button's form: back to its page, the error shown there
                    elif answer.status != 400:
                        problems.append(f"{said}: {answer.status}")
                    if answer.writes:
                        problems.append(f"{said} wrote: {answer.writes[0]}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_an_id_beyond_the_database_range_is_not_found(demo: Demo) -> None:
    client = _admin(demo)
    problems = []
    for route in all_routes():
        if "<int:" not in route or route.startswith(("api/",)):
            continue
        path = _path_for(route, demo.ids, huge=True)
        assert path is not None
        for method in ("get", "post"):
            answer = _send(client, method, path)
            if answer.status not in (400, 404, 405) or answer.writes:
                problems.append(f"{method.upper()} {path}: {answer.status} {answer.writes}")
    assert not problems, "\n".join(problems)


# --- The JSON API -------------------------------------------------------------------------


def _api(demo: Demo) -> Client:
    return Client(
        HTTP_AUTHORIZATION=f"Bearer {demo.token}",
        HTTP_ACCEPT_LANGUAGE="es",
        raise_request_exception=False,
    )


def _sample(schema: dict[str, Any], document: dict[str, Any]) -> Any:
    if "$ref" in schema:
        return _sample(document["components"]["schemas"][schema["$ref"].split("/")[-1]], document)
    if "anyOf" in schema:
        return _sample(schema["anyOf"][0], document)
    kind = schema.get("type")
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "integer":
        return 1
    if kind == "boolean":
        return False
    if kind == "string":
        return "2026-01-10" if schema.get("format") == "date" else "Prueba"
    if kind == "object":
        return {k: _sample(v, document) for k, v in schema.get("properties", {}).items()}
    return None


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


def _numberish(schema: dict[str, Any]) -> bool:
    kinds = [schema.get("type")] + [s.get("type") for s in schema.get("anyOf", [])]
    return "integer" in kinds or "number" in kinds


def test_bad_values_in_every_api_operation_answer_400_in_json(demo: Demo) -> None:
    client = _api(demo)
    document = client.get("/api/openapi.json").json()
    ids = {"household_id": demo.ids["household"], "person_id": demo.ids["person"]}
    ids |= {"round_id": demo.ids["round"], "card_code": demo.ids["card_code"]}
    # A route of the day's plans (any id when the demo has none: the body is refused first).
    ids |= {"route_id": demo.ids["route"] or 1}
    waste = Enterprise.objects.of(demo.commune).filter(kind=EnterpriseKind.WASTE_COLLECTION)
    ids |= {"enterprise_id": waste.values_list("pk", flat=True).first()}
    ids |= {"plan_id": demo.ids.get("production_plan") or 1}
    ids |= {"incident_id": demo.ids.get("incident") or 1}
    ids |= {  # fix-circuits
        "cycle_id": demo.ids.get("circuit_cycle") or 1,
        "line_id": demo.ids.get("circuit_line") or 1,
    }
    # A co-managed enterprise's report names a served commune (fix-comanaged).
    ids |= {"pk": 1, "commune_id": demo.commune.pk}
    ids |= {"date": timezone.localdate().isoformat(), "month": f"{timezone.localdate():%Y-%m}"}
    # The federation's: a commune by its uuid (sync), a level by its code, a consultation,
    # an action and a gathering (the one-commune demo has none of the last four).
    ids |= {"commune": str(demo.commune.uuid), "code": "ciudad", "consultation_id": 1}
    ids |= {"action_id": 1, "gathering_id": 1}
    problems = []
    checked = 0
    for method, path, operation in _operations(document):
        params = operation.get("parameters", [])
        body_ref = (
            operation.get("requestBody", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema")
        )
        body = _sample(body_ref, document) if body_ref else None
        base_query = {
            p["name"]: ("Prueba" if p["schema"].get("type") == "string" else 1)
            for p in params
            if p["in"] == "query" and p.get("required")
        }

        def call(
            path_values: dict[str, Any],
            query: dict[str, Any],
            payload: Any,
            path: str = path,
            method: str = method,
        ) -> Answer:
            url = path.format(**path_values)
            if method == "get":
                return _send(client, "get", url, data=query)
            suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
            return _send(
                client,
                method,
                url + suffix,
                data=json.dumps(payload),
                content_type="application/json",
            )

        cases: list[tuple[str, dict[str, Any], dict[str, Any], Any]] = []
        for p in params:
            values = TEXT_VALUES + (NUMBER_VALUES if _numberish(p["schema"]) else ())
            for value in values:
                if p["in"] == "path":
                    cases.append(
                        (
                            f"{p['name']}={_short(value)}",
                            {**ids, p["name"]: value},
                            base_query,
                            body,
                        )
                    )
                elif p["in"] == "query":
                    cases.append(
                        (
                            f"?{p['name']}={_short(value)}",
                            ids,
                            {**base_query, p["name"]: value},
                            body,
                        )
                    )
        if isinstance(body, dict) and body_ref is not None:
            resolved = document["components"]["schemas"][body_ref["$ref"].split("/")[-1]]
            for name, prop in resolved.get("properties", {}).items():
                values: tuple[Any, ...] = TEXT_VALUES
                if _numberish(prop):
                    values += (2**63, -(2**63), 10**20, "1e400")
                for value in values:
                    cases.append(
                        (
                            f"body.{name}={_short(str(value))}",
                            ids,
                            base_query,
                            {**body, name: value},
                        )
                    )
        for said, path_values, query, payload in cases:
            answer = call(path_values, query, payload)
            checked += 1
            where = f"{method.upper()} {path} {said}"
            is_path = not said.startswith(("?", "body."))
            expected = (400, 404) if is_path else (400,)
            if answer.status not in expected:
                problems.append(f"{where}: {answer.status} {answer.body[:100]}")
            elif "detail" not in json.loads(answer.body or "{}"):
                problems.append(f"{where}: no detail in {answer.body[:100]}")
            if answer.writes:
                problems.append(f"{where} wrote: {answer.writes[0]}")
    assert checked > 50
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_an_oversized_or_malformed_json_body_answers_a_json_400(demo: Demo) -> None:
    client = _api(demo)
    url = "/api/census/households"
    big = json.dumps(
        {"council": "CC01", "reference": "1", "address": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    )
    for body in (big, "{not json", '{"council": "CC01", "reference": "1", "address": "\\u0000"}'):
        answer = _send(client, "post", url, data=body, content_type="application/json")
        assert answer.status == 400, (answer.status, answer.body[:200])
        assert json.loads(answer.body)["detail"]
        assert not answer.writes


def test_every_view_renders_through_core_web() -> None:
    """So that every form sent back with its errors answers 400 (``core.web.render``)."""
    from pathlib import Path

    import comuna

    root = Path(comuna.__file__).parent
    found = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if re.search(r"from django\.shortcuts import [^\n]*\brender\b", path.read_text())
        and path.name != "web.py"
    ]
    assert found == []
