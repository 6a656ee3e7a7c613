"""Every page of the application, for every role of the demo commune.

`every_path(demo, username)` fills each URL pattern with records of the demo commune that the
role would meet (a resident's own household, a spokesperson's council), one of each state where
a page looks different by state (a meeting called, open or closed; a round open or closed);
`pages(client, demo, username)` asks for them and keeps what the role is shown: the status, the
kind of content and the text. The crawls (accessibility and overflow in Chromium, language
leaks, bad input) start from here so that a page added to the application is crawled without
anyone listing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.pdf import pdf_text

# Patterns no crawl asks for: the API (its contract test covers it), the language switch, the
# logout, and the JavaScript catalogue.
SKIPPED_PREFIXES = ("api/", "i18n/", "jsi18n/", "cuenta/salir/")

# Searches answer differently with words in them: ask them as a person types.
QUERIES = {
    "censo/buscar/": "?q=mar",
    "censo/carnet/": "?code=",
}


@dataclass
class Demo:
    """The demo commune as the crawls need it: its logins and, per role, the records its pages
    take in their URLs."""

    commune: Any
    usernames: dict[str, str]  # role base name ("admin", "vocera"…) → login
    ids: dict[str, dict[str, list[Any]]] = field(default_factory=dict)  # login → key → values

    @property
    def roles(self) -> tuple[str | None, ...]:
        """Every login of the demo and, last, nobody logged in."""
        return (*self.usernames.values(), None)


def demo_describe() -> Demo:
    """Read the demo commune (already in the database) into a `Demo`."""
    from comuna.census.models import Household, Person, Sector
    from comuna.core.models import Commune
    from comuna.demo.builder import DEMO_LOGINS
    from comuna.distribution.models import Programme, Round
    from comuna.enterprises.models import Enterprise, Worker
    from comuna.governance.models import Decision, Meeting, Proposal, RecallPetition, Seat
    from comuna.incidents.models import Incident, IncidentPhoto
    from comuna.ledger.models import Account, Entry, SharingRule, Statement
    from comuna.letters.models import Institution, Letter
    from comuna.memberships.models import Membership
    from comuna.production.models import PlanInput, PlanScenario, Product, ProductionPlan
    from comuna.recycling.models import Material
    from comuna.waste.models import Route

    commune = Commune.objects.get(code="demo")
    usernames = {base: base for base, _password, _role in DEMO_LOGINS}
    memberships = {
        m.user.username: m
        for m in Membership.objects.of(commune).select_related("user", "council", "household")
    }
    spokesperson = next((m for m in memberships.values() if m.council is not None), None)
    council = (
        spokesperson.council if spokesperson else (Household.objects.of(commune).first().council)  # type: ignore[union-attr]
    )

    def one_per_status(queryset: Any, status: str = "status") -> list[int]:
        seen: dict[Any, int] = {}
        for pk, state in queryset.order_by("pk").values_list("pk", status):
            seen.setdefault(state, pk)
        return list(seen.values())

    shared: dict[str, list[Any]] = {
        "sector": [Sector.objects.of(commune).filter(council=council).first().pk],  # type: ignore[union-attr]
        "seat": [Seat.objects.of(commune).order_by("pk").first().pk],  # type: ignore[union-attr]
        "petition": one_per_status(RecallPetition.objects.of(commune)),
        "meeting": one_per_status(Meeting.objects.of(commune)),
        "proposal": one_per_status(Proposal.objects.of(commune)),
        "decision": one_per_status(Decision.objects.of(commune)),
        "statement": one_per_status(Statement.objects.of(commune), status="approved_on"),
        "rule": [SharingRule.objects.of(commune).order_by("pk").first().pk],  # type: ignore[union-attr]
        "programme": [Programme.objects.of(commune).order_by("pk").first().pk],  # type: ignore[union-attr]
        "round": one_per_status(Round.objects.of(commune)),
        "membership": [],
        "token": [],
        "sequence": [Entry.objects.of(commune).order_by("sequence").first().sequence],  # type: ignore[union-attr]
        "council_code": [council.code],
        # recycling (fix-yard)
        "material": [Material.objects.of(commune).order_by("pk").first().pk],  # type: ignore[union-attr]
        "account_code": [Account.objects.of(commune).order_by("code").first().code],  # type: ignore[union-attr]
        # The enterprises: each, a job of one of them, and this month.
        "enterprise": list(
            Enterprise.objects.of(commune).order_by("pk").values_list("pk", flat=True)
        ),
        "worker": list(Worker.objects.of(commune).order_by("pk").values_list("pk", flat=True)[:1]),
        "month": [f"{timezone.localdate():%Y-%m}"],
        # letters (fix-letters): one letter of each status, the first with a reminder.
        "letter": list(
            dict.fromkeys(
                [
                    *Letter.objects.of(commune)
                    .filter(reminders__isnull=False)
                    .order_by("pk")
                    .values_list("pk", flat=True)[:1],
                    *one_per_status(Letter.objects.of(commune)),
                ]
            )
        ),
        "institution": list(
            Institution.objects.of(commune).order_by("pk").values_list("pk", flat=True)[:1]
        ),
        # Production plans: the first of each.
        **{
            key: list(model.objects.of(commune).order_by("pk").values_list("pk", flat=True)[:1])
            for key, model in (
                ("production_plan", ProductionPlan),
                ("production_input", PlanInput),
                ("production_product", Product),
                ("production_scenario", PlanScenario),
            )
        },
        **_waste_ids(commune),
        # incidents (fix-incidents): one per status, and a photo: the demo keeps no files,
        # so without one the crawl asks for photo 0, which answers 404 like any missing one.
        "incident": one_per_status(Incident.objects.of(commune)),
        "incident_photo": list(
            IncidentPhoto.objects.of(commune).order_by("pk").values_list("pk", flat=True)[:1]
        )
        or [0],
        **_health_ids(commune),
        **_brigades_ids(commune),
        **_peace_ids(commune),
        **_circuits_ids(commune),
        **_comanaged_ids(commune),
        **_clearing_ids(commune),
        **_gatherings_ids(),
        **_consultation_ids(),
        **_federation_ids(commune),
        # trips: a route logged and one not (when the demo has them), and a day's plan.
        "route": [
            pk
            for pk in (
                Route.objects.of(commune)
                .filter(log__isnull=False)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first(),
                Route.objects.of(commune)
                .filter(log__isnull=True)
                .order_by("-pk")
                .values_list("pk", flat=True)
                .first(),
            )
            if pk is not None
        ],
    }
    council_household = Household.objects.of(commune).filter(council=council).order_by("pk").first()
    demo = Demo(commune=commune, usernames=usernames)
    for username in [*usernames.values(), None]:
        membership = memberships.get(username) if username else None
        household = (
            membership.household
            if membership is not None and membership.household is not None
            else council_household
        )
        person = Person.objects.of(commune).filter(household=household).order_by("pk").first()
        demo.ids[username or ""] = {
            **shared,
            "household": [household.pk],  # type: ignore[union-attr]
            "person": [person.pk] if person else [],
            "card_code": [household.card_code],  # type: ignore[union-attr]
        }
    return demo


def _peace_ids(commune: Any) -> dict[str, list[Any]]:
    """A round and a mediation case with its agreement (read only by its mediators)."""
    from comuna.peace.models import MediationCase, Round

    round_pk = Round.objects.of(commune).order_by("pk").values_list("pk", flat=True).first()
    case_pk = (
        MediationCase.objects.of(commune)
        .filter(agreement__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return {
        "peace_round": [round_pk] if round_pk is not None else [],
        "mediation_case": [case_pk] if case_pk is not None else [],
    }


def _circuits_ids(commune: Any) -> dict[str, list[Any]]:
    """The demo's cycle, a vehicle with lines in it, and a line (fix-circuits)."""
    from comuna.circuits.models import PlanLine

    line = PlanLine.objects.of(commune).filter(vehicle__isnull=False).order_by("pk").first()
    if line is None:
        return {"circuit_cycle": [], "circuit_vehicle": [], "circuit_line": []}
    return {
        "circuit_cycle": [line.cycle_id],
        "circuit_vehicle": [line.vehicle_id],
        "circuit_line": [line.pk],
    }


def _comanaged_ids(commune: Any) -> dict[str, list[Any]]:
    """A co-managed enterprise the commune hosts (the demo of three communes has one), one
    of its periods (the first, shared), a served commune's report and a stage of its plan."""
    from comuna.comanaged.models import Comanaged, PeriodResult, ServedCommune, TransitionStage

    plant = Comanaged.objects.of(commune).order_by("pk").first()
    if plant is None:
        return {"comanaged": [], "comanaged_result": [], "served": [], "stage": []}

    def first(rows: Any, field: str = "pk") -> list[Any]:
        return list(rows.filter(comanaged=plant).order_by("pk").values_list(field, flat=True)[:1])

    return {
        "comanaged": [plant.pk],
        "comanaged_result": first(PeriodResult.objects.of(commune)),
        "served": first(ServedCommune.objects.of(commune), "served_id"),
        "stage": first(TransitionStage.objects.of(commune).exclude(status="done")),
    }


def _federation_ids(commune: Any) -> dict[str, list[Any]]:
    """The federation (fix-federation): its levels, a registration, and the commune itself
    (whose public page a level's table opens). The one-commune demo has no levels."""
    from comuna.federation.models import Registration, Unit

    registration = Registration.objects.order_by("pk").first()
    return {
        "federation_unit": list(Unit.objects.order_by("pk").values_list("code", flat=True)[:3]),
        "registration": [registration.pk] if registration else [],
        "registration_ref": [registration.uuid] if registration else [],
        "commune_code": [commune.code],
    }


def _clearing_ids(commune: Any) -> dict[str, list[Any]]:
    """An agreement, an obligation and a clearing run of the commune's parties (the exchange
    is built only by ``comuna demo --communes 3``, so one commune's demo has none)."""
    from django.db.models import Q

    from comuna.clearing.models import ClearingRun, ExchangeAgreement, Obligation, RunPosition

    def first(rows: Any) -> list[Any]:
        pk = rows.order_by("pk").values_list("pk", flat=True).first()
        return [pk] if pk is not None else []

    return {
        "clearing_agreement": first(
            ExchangeAgreement.objects.filter(Q(first__commune=commune) | Q(second__commune=commune))
        ),
        "clearing_obligation": first(
            Obligation.objects.filter(Q(debtor__commune=commune) | Q(creditor__commune=commune))
        ),
        "clearing_run": first(
            ClearingRun.objects.filter(pk__in=RunPosition.objects.of(commune).values("run_id"))
        ),
    }


def _gatherings_ids() -> dict[str, list[Any]]:
    """The federation's calendar and gatherings (fix-gather): the first of each, when the
    database holds any (the federation's demo builds them; a lone commune's demo does not)."""
    from comuna.gatherings.models import Action, Amendment, Delegate, Gathering, Session

    def first(model: Any) -> list[Any]:
        return list(model.objects.order_by("pk").values_list("pk", flat=True)[:1])

    return {
        "gatherings_action": first(Action),
        "gatherings_session": first(Session),
        "gatherings_amendment": first(Amendment),
        "gathering": first(Gathering),
        "gatherings_delegate": first(Delegate),
    }


def _consultation_ids() -> dict[str, list[Any]]:
    """A consultation of each status there is (the demo commune alone has none: the federation
    demo makes them); fix-consult."""
    from comuna.consultations.models import Consultation

    seen: dict[str, int] = {}
    for pk, status in Consultation.objects.order_by("pk").values_list("pk", "status"):
        seen.setdefault(status, pk)
    return {"consultation": list(seen.values())}


def _waste_ids(commune: Any) -> dict[str, list[Any]]:
    """The waste-collection records the pages take: the enterprise, one of each kind."""
    from comuna.enterprises.models import EnterpriseKind
    from comuna.waste.models import CollectionPoint, DayPlan, Site, Vehicle, VehicleBreakdown

    def first(queryset: Any) -> list[int]:
        found = queryset.order_by("pk").values_list("pk", flat=True).first()
        return [found] if found is not None else []

    from comuna.enterprises.models import Enterprise

    return {
        "waste_enterprise": first(
            Enterprise.objects.of(commune).filter(kind=EnterpriseKind.WASTE_COLLECTION)
        ),
        "vehicle": first(Vehicle.objects.of(commune)),
        "breakdown": first(VehicleBreakdown.objects.of(commune)),
        "site": first(Site.objects.of(commune)),
        "point": first(CollectionPoint.objects.of(commune)),
        "day_plan": first(DayPlan.objects.of(commune).filter(current=True)),
    }


def _health_ids(commune: Any) -> dict[str, list[Any]]:
    """The health records the pages take: the first of each (an open discrepancy, an issue
    waiting for its witness)."""
    from comuna.health.models import (
        Appointment,
        Batch,
        ClinicDay,
        Discrepancy,
        Dispensation,
        HelpCase,
        StockCount,
    )

    def first(queryset: Any) -> list[int]:
        found = queryset.order_by("pk").values_list("pk", flat=True).first()
        return [found] if found is not None else []

    return {
        "health_batch": first(Batch.objects.of(commune)),
        "health_day": first(ClinicDay.objects.of(commune)),
        "health_appointment": first(Appointment.objects.of(commune)),
        "health_issue": first(Dispensation.objects.of(commune).filter(confirmed_at__isnull=True)),
        "health_count": first(StockCount.objects.of(commune)),
        "health_discrepancy": first(Discrepancy.objects.of(commune)),
        "health_helpcase": first(HelpCase.objects.of(commune).filter(entry__isnull=True)),
    }


def _brigades_ids(commune: Any) -> dict[str, list[Any]]:
    """The water brigade (the ``brigadista``'s) and a council's security brigade, a member,
    a shift to come and a swap asked, when the demo has them."""
    from comuna.brigades.models import Brigade, BrigadeMember, Shift, ShiftSwap

    water = Brigade.objects.of(commune).filter(kind="water").order_by("pk").first()
    security = Brigade.objects.of(commune).filter(kind="security").order_by("pk").first()
    brigades = [b for b in (water, security) if b is not None]
    member = BrigadeMember.objects.of(commune).filter(brigade=water).order_by("pk").first()
    shift = (
        Shift.objects.of(commune)
        .filter(brigade=water, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    swap = ShiftSwap.objects.of(commune).order_by("pk").first()
    return {
        "brigade": [b.pk for b in brigades],
        "brigade_member": [member.pk] if member else [],
        "shift": [shift.pk] if shift else [],
        "swap": [swap.pk] if swap else [],
    }


# The record a pattern's ``<int:pk>`` names, by the pattern's first words.
PK_BY_PREFIX = (
    ("cuenta/tokens/", "token"),
    ("miembros/", "membership"),
    ("censo/sectores/", "sector"),
    ("censo/hogares/", "household"),
    ("censo/personas/", "person"),
    ("censo/importar/", None),  # an upload belongs to whoever made it
    ("gobierno/asientos/", "seat"),
    ("gobierno/revocatorias/", "petition"),
    ("gobierno/reuniones/", "meeting"),
    ("gobierno/propuestas/", "proposal"),
    ("gobierno/decisiones/", "decision"),
    ("cuentas/estados/", "statement"),
    ("cuentas/libro/importar/", None),
    ("cuentas/excedentes/", "rule"),
    ("reparto/programas/", "programme"),
    ("reparto/rondas/", "round"),
    ("reparto/hogares/", "household"),
    ("empresas/", "enterprise"),
    ("produccion/planes/", "production_plan"),
    ("produccion/insumos/", "production_input"),
    ("produccion/productos/", "production_product"),
    ("produccion/escenarios/", "production_scenario"),
    ("recoleccion/empresa/", "waste_enterprise"),
    # brigades (fix-brigades)
    ("brigadas/miembros/importar/", None),
    ("brigadas/", "brigade"),
    ("recoleccion/vehiculos/", "vehicle"),
    ("recoleccion/averias/", "breakdown"),
    ("recoleccion/sitios/", "site"),
    ("recoleccion/puntos/importar/", None),
    ("recoleccion/puntos/", "point"),
    ("recoleccion/planes/", "day_plan"),
    ("recoleccion/rutas/", "route"),
    ("recoleccion/viajes/importar/", None),
    # recycling (fix-yard)
    ("reciclaje/pesajes/importar/", None),
    ("reciclaje/materiales/", "material"),
    ("incidencias/", "incident"),
    # letters (fix-letters)
    ("oficios/instituciones/", "institution"),
    ("oficios/", "letter"),
    # health (fix-health)
    ("salud/conteos/importar/", None),
    ("salud/lotes/", "health_batch"),
    ("salud/consultas/", "health_day"),
    ("salud/citas/", "health_appointment"),
    ("salud/entregas/", "health_issue"),
    ("salud/conteos/", "health_count"),
    ("salud/discrepancias/", "health_discrepancy"),
    ("salud/ayudas/", "health_helpcase"),
    # peace (fix-peace)
    ("paz/rondas/", "peace_round"),
    ("paz/casos/", "mediation_case"),
    # circuits (fix-circuits)
    ("circuitos/importar/", None),  # an upload belongs to whoever made it
    ("circuitos/ciclos/", "circuit_cycle"),
    ("circuitos/lineas/", "circuit_line"),
    # co-managed enterprises (fix-comanaged)
    ("cogestion/", "comanaged"),
    # clearing (fix-clearing)
    ("compensacion/obligaciones/importar/", None),
    ("compensacion/acuerdos/", "clearing_agreement"),
    ("compensacion/obligaciones/", "clearing_obligation"),
    ("compensacion/corridas/", "clearing_run"),
    # coordination and gatherings (fix-gather)
    ("encuentros/acciones/", "gatherings_action"),
    ("encuentros/sesiones/", "gatherings_session"),
    ("encuentros/enmiendas/", "gatherings_amendment"),
    ("encuentros/", "gathering"),
    # popular consultations (fix-consult)
    ("consultas/", "consultation"),
    # federation (fix-federation)
    ("federacion/registros/", "registration"),
)
# Other parameters, by name: where the value comes from (an ids key) or the values themselves.
_BY_NAME: dict[str, str | tuple[str, ...]] = {
    "sequence": "sequence",
    "household_id": "household",
    "person_id": "person",
    "round_id": "round",
    "card_code": "card_code",
    "table": ("1",),
    "fmt": ("csv", "xlsx"),
    "kind": ("emergencia",),
    "worker": "worker",
    "month": "month",
    "enterprise": "waste_enterprise",
    "photo": "incident_photo",
    "number": ("1",),  # a letter's first reminder (fix-letters)
    "member": "brigade_member",
    "shift": "shift",
    "swap": "swap",
    "circuit_vehicle": "circuit_vehicle",  # fix-circuits
    "circuit_list": ("ofertas", "necesidades"),
    "result": "comanaged_result",  # co-managed enterprises (fix-comanaged)
    "commune": "served",
    "stage": "stage",
    "delegate": "gatherings_delegate",  # fix-gather
    # federation (fix-federation)
    "unit": "federation_unit",
    "ref": "registration_ref",
    "commune_code": "commune_code",
}


def all_routes() -> Iterator[str]:
    """Every URL pattern of the application, as its route text (``censo/hogares/<int:pk>/``)."""

    def walk(resolver: Any, prefix: str) -> Iterator[str]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    yield from walk(get_resolver(), "")


def routes() -> Iterator[str]:
    """The routes the crawls ask for (all but `SKIPPED_PREFIXES`)."""
    return (route for route in all_routes() if not route.startswith(SKIPPED_PREFIXES))


def _fill(route: str, ids: dict[str, list[Any]]) -> list[str]:
    """Every path the route gives with these ids (none when a record it needs is missing)."""
    paths = [route]
    for match in re.finditer(r"<(?:(\w+):)?(\w+)>", route):
        name = match.group(2)
        if name == "pk":
            key = next((k for p, k in PK_BY_PREFIX if route.startswith(p)), None)
            values: list[Any] = ids.get(key, []) if key else []
        elif name == "code":
            values = ids["account_code" if "cuenta" in route else "council_code"]
        else:
            source = _BY_NAME.get(name)
            if source is None:
                raise AssertionError(f"tests/pages.py has no value for <{name}> in {route}")
            values = list(source) if isinstance(source, tuple) else ids.get(source, [])
        if not values:
            return []
        paths = [p.replace(match.group(0), str(v), 1) for p in paths for v in values]
    return ["/" + p.replace("^", "").replace("$", "") + QUERIES.get(route, "") for p in paths]


def every_path(demo: Demo, username: str | None) -> list[str]:
    """Every path of the application filled with what ``username`` would meet."""
    ids = demo.ids[username or ""]
    return [path for route in routes() for path in _fill(route, ids)]


@dataclass
class Page:
    path: str
    status: int
    content_type: str
    text: str

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")

    @property
    def is_whole_page(self) -> bool:
        """A page of its own (not an htmx fragment, a file or a redirect)."""
        return self.status == 200 and self.is_html and "<html" in self.text[:500].lower()


def client_of(demo: Demo, username: str | None, language: str = "es") -> Client:
    """A test client logged in as ``username`` (nobody for ``None``) in the demo commune."""
    from comuna.core.tenancy import SESSION_KEY
    from comuna.users.models import User

    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    if username is not None:
        client.force_login(User.objects.get(username=username))
    session = client.session
    session[SESSION_KEY] = demo.commune.pk
    session.save()
    return client


def pages(client: Client, demo: Demo, username: str | None) -> Iterator[Page]:
    """GET every path as ``username`` and say what came back (redirects not followed)."""
    for path in every_path(demo, username):
        response = client.get(path)
        content_type = response.get("Content-Type", "")
        if content_type.startswith("application/pdf"):
            text = pdf_text(response.content)
        elif hasattr(response, "streaming_content"):
            text = b"".join(response.streaming_content).decode("utf-8", "replace")
        else:
            text = response.content.decode("utf-8", "replace")
        yield Page(path, response.status_code, content_type, text)
