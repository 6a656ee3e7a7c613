"""Every write of the communal circuits: one function each, in one transaction, checks beside
it. Refusals raise ``Refusal`` and change nothing.

The plan: ``plan_solve`` turns a cycle's offers and needs into a draft (lines per vehicle and,
for every need, what it got and why); ``plan_approve`` freezes it: after that no offer, need or
line changes, and deliveries are recorded against its lines (``delivery_record``), each posted
to the books in kind with its value at the product's accessible price.

Locks: a delivery takes its plan line's row lock (``locks.line_lock``) before the books'
posting lock, so that two drivers recording at once never deliver more than planned.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.census.models import Council
from comuna.circuits.accounts import DELIVERED_FOOD, RECEIVED_FOOD
from comuna.circuits.locks import cycle_lock, line_lock
from comuna.circuits.models import (
    Cycle,
    CycleStatus,
    Delivery,
    Need,
    Offer,
    Outlet,
    OutletKind,
    PlanLine,
    Producer,
    Product,
    Vehicle,
)
from comuna.core.language import as_recorded
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines import circuits as engine
from comuna.engines.ledger import Transfer
from comuna.enterprises.models import Enterprise
from comuna.ledger.services import entry_date_check, transfers_post_many
from comuna.users.models import User

MAX_QUANTITY_G = 10**12  # a million tonnes: above this, a typo
MAX_PRIORITY = 9


def kg_text(grams: int) -> str:
    return f"{grams / 1000:,.3f}".rstrip("0").rstrip(".")


def _name(value: str, field: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise Refusal(_("Give it a name."), field=field)
    return value


def _place_check(lat: float, lon: float) -> None:
    if not (-90 <= lat <= 90):
        raise Refusal(_("A latitude is between -90 and 90."), field="lat")
    if not (-180 <= lon <= 180):
        raise Refusal(_("A longitude is between -180 and 180."), field="lon")


def _quantity_check(grams: int, field: str = "quantity") -> None:
    if grams < 0:
        raise Refusal(_("A quantity cannot be negative."), field=field, code="negative")
    if grams == 0:
        raise Refusal(_("Give a quantity above zero."), field=field, code="zero")
    if grams > MAX_QUANTITY_G:
        raise Refusal(_("That quantity is too large: check the figure."), field=field)


def product_create(*, commune: Commune, name: str, price_cents_per_kg: int) -> Product:
    name = _name(name, "name")
    if price_cents_per_kg < 0:
        raise Refusal(_("A price cannot be negative."), field="price", code="negative")
    if Product.objects.of(commune).filter(name__iexact=name).exists():
        raise Refusal(_("There is already a product with that name."), field="name")
    with transaction.atomic():
        return Product.objects.create(
            commune=commune, name=name, price_cents_per_kg=price_cents_per_kg
        )


def product_price_set(*, product: Product, price_cents_per_kg: int) -> Product:
    """The accessible price the circuit sets; deliveries already recorded keep theirs."""
    if price_cents_per_kg < 0:
        raise Refusal(_("A price cannot be negative."), field="price", code="negative")
    with transaction.atomic():
        product.price_cents_per_kg = price_cents_per_kg
        product.save(update_fields=["price_cents_per_kg"])
    return product


def producer_create(
    *, commune: Commune, name: str, lat: float, lon: float, enterprise: Enterprise | None = None
) -> Producer:
    name = _name(name, "name")
    _place_check(lat, lon)
    if enterprise is not None and enterprise.commune_id != commune.pk:
        raise Refusal(_("Choose an enterprise of the commune."), field="enterprise")
    if Producer.objects.of(commune).filter(name__iexact=name).exists():
        raise Refusal(_("There is already a producer with that name."), field="name")
    with transaction.atomic():
        return Producer.objects.create(
            commune=commune, name=name, lat=lat, lon=lon, enterprise=enterprise
        )


def outlet_create(
    *,
    commune: Commune,
    name: str,
    kind: str,
    lat: float,
    lon: float,
    council: Council | None = None,
    keeper: User | None = None,
) -> Outlet:
    name = _name(name, "name")
    _place_check(lat, lon)
    if kind not in OutletKind.values:
        raise Refusal(_("Choose a kind of outlet from the list."), field="kind")
    if council is not None and council.commune_id != commune.pk:
        raise Refusal(_("Choose a council of the commune."), field="council")
    if Outlet.objects.of(commune).filter(name__iexact=name).exists():
        raise Refusal(_("There is already an outlet with that name."), field="name")
    with transaction.atomic():
        return Outlet.objects.create(
            commune=commune, name=name, kind=kind, lat=lat, lon=lon, council=council, keeper=keeper
        )


def vehicle_create(
    *, commune: Commune, name: str, capacity_kg: int, driver: User | None = None
) -> Vehicle:
    name = _name(name, "name")
    if capacity_kg <= 0:
        raise Refusal(_("A vehicle carries more than 0 kg."), field="capacity_kg")
    with transaction.atomic():
        return Vehicle.objects.create(
            commune=commune, name=name, capacity_kg=capacity_kg, driver=driver
        )


def cycle_create(
    *,
    commune: Commune,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    cost_cents_per_kg_km: int,
    vehicles: list[Vehicle],
    detour_factor: float = 1.3,
    reach_km: float | None = None,
) -> Cycle:
    name = _name(name, "name")
    if ends_on < starts_on:
        raise Refusal(_("A cycle ends on or after the day it starts."), field="ends_on")
    if cost_cents_per_kg_km < 0:
        raise Refusal(_("A cost cannot be negative."), field="cost_cents_per_kg_km")
    if detour_factor < 1:
        raise Refusal(_("The detour factor is 1 or more."), field="detour_factor")
    if reach_km is not None and reach_km <= 0:
        raise Refusal(_("The reach is more than 0 km."), field="reach_km")
    if any(v.commune_id != commune.pk for v in vehicles):
        raise Refusal(_("Choose the commune's vehicles."), field="vehicles")
    if Cycle.objects.of(commune).filter(name__iexact=name).exists():
        raise Refusal(_("There is already a cycle with that name."), field="name")
    with transaction.atomic():
        cycle = Cycle.objects.create(
            commune=commune,
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
            cost_cents_per_kg_km=cost_cents_per_kg_km,
            detour_factor=detour_factor,
            reach_km=reach_km,
        )
        cycle.vehicles.set(vehicles)
    return cycle


def _open_check(cycle: Cycle) -> None:
    if cycle.is_frozen:
        raise Refusal(
            _("The plan of this cycle is approved: its offers and needs no longer change."),
            code="frozen",
            status=409,
        )


def _reopen(cycle: Cycle) -> None:
    """A change to the offers or needs makes a drafted plan stale: back to open."""
    if cycle.status == CycleStatus.DRAFT:
        PlanLine.objects.of(cycle.commune).filter(cycle=cycle).delete()
        Need.objects.of(cycle.commune).filter(cycle=cycle).update(
            met_g=0, reason="", served_through=None
        )
        cycle.status = CycleStatus.OPEN
        cycle.save(update_fields=["status"])


def offer_record(
    *, cycle: Cycle, producer: Producer | None, product: Product | None, quantity_g: int
) -> Offer:
    """A producer's offer in the cycle (a second offer of the same product replaces it)."""
    if producer is None or producer.commune_id != cycle.commune_id:
        raise Refusal(_("Choose a producer of the commune."), field="producer", code="producer")
    if product is None or product.commune_id != cycle.commune_id:
        raise Refusal(_("Choose a product of the commune."), field="product", code="product")
    _quantity_check(quantity_g)
    with transaction.atomic():
        cycle = cycle_lock(cycle)
        _open_check(cycle)
        offer, _created = Offer.objects.update_or_create(
            commune=cycle.commune,
            cycle=cycle,
            producer=producer,
            product=product,
            defaults={"quantity_g": quantity_g},
        )
        _reopen(cycle)
    return offer


def need_record(
    *, cycle: Cycle, outlet: Outlet | None, product: Product | None, quantity_g: int, priority: int
) -> Need:
    """An outlet's need in the cycle (a second need of the same product replaces it)."""
    if outlet is None or outlet.commune_id != cycle.commune_id:
        raise Refusal(
            _("A need must name an outlet of the commune."), field="outlet", code="outlet"
        )
    if product is None or product.commune_id != cycle.commune_id:
        raise Refusal(_("Choose a product of the commune."), field="product", code="product")
    _quantity_check(quantity_g)
    if not (1 <= priority <= MAX_PRIORITY):
        raise Refusal(
            _("A priority is a number from 1 (highest) to %(last)s.") % {"last": MAX_PRIORITY},
            field="priority",
        )
    with transaction.atomic():
        cycle = cycle_lock(cycle)
        _open_check(cycle)
        need, _created = Need.objects.update_or_create(
            commune=cycle.commune,
            cycle=cycle,
            outlet=outlet,
            product=product,
            defaults={"quantity_g": quantity_g, "priority": priority},
        )
        _reopen(cycle)
    return need


def problem_of(cycle: Cycle) -> engine.Problem:
    """The engine's view of the cycle (ids are the rows' primary keys, as text)."""
    commune = cycle.commune
    offers = Offer.objects.of(commune).filter(cycle=cycle).select_related("producer")
    needs = Need.objects.of(commune).filter(cycle=cycle).select_related("outlet")
    producers = {o.producer for o in offers}
    outlets = {n.outlet for n in needs}
    return engine.Problem(
        producers=tuple(engine.Producer(str(p.pk), p.lat, p.lon) for p in producers),
        outlets=tuple(engine.Outlet(str(o.pk), o.lat, o.lon) for o in outlets),
        offers=tuple(
            engine.Offer(str(o.producer_id), str(o.product_id), o.quantity_g) for o in offers
        ),
        needs=tuple(
            engine.Need(str(n.outlet_id), str(n.product_id), n.quantity_g, n.priority)
            for n in needs
        ),
        transport=engine.Transport(
            cost_per_kg_km=cycle.cost_cents_per_kg_km / 100,
            detour_factor=cycle.detour_factor,
            reach_km=cycle.reach_km,
        ),
        vehicles=tuple(
            engine.Vehicle(str(v.pk), v.capacity_kg * 1000)
            for v in cycle.vehicles.all().order_by("pk")
        ),
    )


def plan_solve(*, cycle: Cycle, by: User | None = None) -> Cycle:
    """Make (or make again) the cycle's draft plan from its offers and needs."""
    with transaction.atomic():
        cycle = cycle_lock(cycle)
        _open_check(cycle)
        problem = problem_of(cycle)
        if not problem.needs:
            raise Refusal(_("The cycle has no needs to plan for yet."), code="empty")
        try:
            plan = engine.plan_cycle(problem)
        except engine.CircuitError as error:
            raise Refusal(_("The plan cannot be made: %(why)s") % {"why": error}) from None
        commune = cycle.commune
        PlanLine.objects.of(commune).filter(cycle=cycle).delete()
        km = {(f.producer, f.outlet, f.product): f.km for f in plan.flows}
        loads: list[tuple[str | None, str, str, str, int]]
        if plan.loads:
            loads = [
                (ld.vehicle, ld.producer, ld.outlet, ld.product, ld.quantity_g) for ld in plan.loads
            ]
        else:
            loads = [(None, f.producer, f.outlet, f.product, f.quantity_g) for f in plan.flows]
        PlanLine.objects.bulk_create(
            PlanLine(
                commune=commune,
                cycle=cycle,
                vehicle_id=int(v) if v else None,
                producer_id=int(p),
                outlet_id=int(o),
                product_id=int(x),
                quantity_g=g,
                km=round(km[(p, o, x)], 2),
            )
            for v, p, o, x, g in loads
        )
        results = {(r.outlet, r.product): r for r in plan.needs}
        needs = list(Need.objects.of(commune).filter(cycle=cycle))
        for need in needs:
            r = results[(str(need.outlet_id), str(need.product_id))]
            need.met_g, need.reason, need.served_through = r.met_g, str(r.reason), r.served_through
        Need.objects.bulk_update(needs, ["met_g", "reason", "served_through"])
        cycle.status = CycleStatus.DRAFT
        cycle.planned_at = timezone.now()
        cycle.plan_cost_cents = round(plan.cost * 100)
        cycle.save(update_fields=["status", "planned_at", "plan_cost_cents"])
    return cycle


def plan_approve(*, cycle: Cycle, by: User | None) -> Cycle:
    """Approve the drafted plan: from now on it is frozen and deliveries are recorded on it."""
    with transaction.atomic():
        cycle = cycle_lock(cycle)
        if cycle.status == CycleStatus.APPROVED:
            raise Refusal(_("This plan is already approved."), code="already_approved", status=409)
        if cycle.status != CycleStatus.DRAFT:
            raise Refusal(_("Make the plan before approving it."), code="no_plan", status=409)
        cycle.status = CycleStatus.APPROVED
        cycle.approved_at = timezone.now()
        cycle.approved_by = by
        cycle.save(update_fields=["status", "approved_at", "approved_by"])
    return cycle


def delivery_record(
    *,
    line: PlanLine,
    quantity_g: int,
    key: str,
    by: User | None,
    delivered_on: dt.date | None = None,
    author: str = "",
) -> Delivery:
    """Kilograms delivered on a line of the approved plan, posted to the books in kind at the
    product's accessible price. Refused beyond what is planned and left, twice with the same
    form key, negative or zero, or on a plan not approved."""
    _quantity_check(quantity_g)
    day = delivered_on or timezone.localdate()
    entry_date_check(day)
    key = key.strip()[:64]
    if not key:
        raise Refusal(_("The form was not complete: reload the page."), code="key")
    commune = line.commune
    try:
        with transaction.atomic():
            line = line_lock(line)
            if line.cycle.status != CycleStatus.APPROVED:
                raise Refusal(
                    _("Deliveries are recorded on an approved plan."),
                    code="not_approved",
                    status=409,
                )
            if Delivery.objects.of(commune).filter(key=key).exists():
                raise Refusal(
                    _("This delivery was already recorded."), code="already_recorded", status=409
                )
            if quantity_g > line.left_g:
                raise Refusal(
                    _("Only %(left)s kg of %(product)s are left to deliver on this line.")
                    % {"left": kg_text(line.left_g), "product": line.product.name},
                    field="quantity",
                    code="beyond_plan",
                )
            price = line.product.price_cents_per_kg
            value = round(quantity_g * price / 1000)
            delivery = Delivery(
                commune=commune,
                line=line,
                quantity_g=quantity_g,
                price_cents_per_kg=price,
                value_cents=value,
                delivered_on=day,
                key=key,
                recorded_by=by,
            )
            delivery.save()
            (entry,) = transfers_post_many(
                commune=commune,
                transfers=[
                    Transfer(
                        debit=DELIVERED_FOOD,
                        credit=RECEIVED_FOOD,
                        amount=quantity_g,
                        unit="KG",
                        date=day,
                        description=as_recorded(
                            gettext_lazy(
                                "Circuit %(cycle)s: %(product)s from %(producer)s to %(outlet)s, "
                                "at %(price)s per kg (%(value)s)"
                            ),
                            cycle=line.cycle.name,
                            product=line.product.name,
                            producer=line.producer.name,
                            outlet=line.outlet.name,
                            price=f"{price / 100:.2f}",
                            value=f"{value / 100:.2f}",
                        ),
                        author=author or (by.get_username() if by else "comuna"),
                        idempotency_key=f"circuits:delivery:{delivery.uuid}",
                    )
                ],
            )
            delivery.entry = entry
            delivery.save(update_fields=["entry"])
            line.delivered_g += quantity_g
            line.save(update_fields=["delivered_g"])
    except IntegrityError:
        raise Refusal(
            _("This delivery was already recorded."), code="already_recorded", status=409
        ) from None
    return delivery
