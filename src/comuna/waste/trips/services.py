"""Trip logs: what a crew did on a route, recorded once and posted to the books.

``trip_log_record`` is the one write. It records the km, the litres and the kg at each stop,
takes the diesel used out of the enterprise's stock (``USED_DIESEL`` / ``STOCK_DIESEL``, in
mL), posts the collection fees in (``INCOME_WASTE_FEES`` into the enterprise's cash) when the
enterprise charges any, and updates each served point's last day served and its estimated
fill. A route is logged once: the database's one-to-one (route, log) holds it against a race,
the books' idempotency keys are the route's own, and the same token sent again gets the first
log back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.core.language import as_recorded
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines.ledger import Transfer
from comuna.enterprises import accounts
from comuna.enterprises.models import Enterprise
from comuna.ledger import models as ledger_models
from comuna.ledger.services.posting import _apply
from comuna.users.models import User
from comuna.waste.models import (
    CollectionFees,
    CollectionPoint,
    Route,
    Stop,
    StopKind,
    StopWeighing,
    TripLog,
    TripSource,
)

# How much one trip's kg per day waited moves a point's estimated fill (a moving average
# that forgets old trips geometrically): a third of the way towards what was seen.
FILL_WEIGHT = 1 / 3


@dataclass(frozen=True)
class Weighing:
    """The kg collected at one stop of the route (``served=False``: the crew could not)."""

    stop: int
    kg: int
    served: bool = True


def route_find(commune: Commune, pk: int | str) -> Route:
    """The route ``pk`` of the commune, or a refusal that says it does not exist."""
    try:
        return Route.objects.of(commune).select_related("plan", "plan__enterprise").get(pk=pk)
    except (Route.DoesNotExist, ValueError, TypeError):
        raise Refusal(
            _("There is no route %(id)s in the day's plans.") % {"id": pk},
            field="route",
            code="no_such_route",
            status=404,
        ) from None


def stock_available_ml(commune: Commune) -> int:
    """The litres (mL) the diesel stock holds now, less what proposals would take."""
    account = ledger_models.Account.objects.of(commune).filter(code=accounts.STOCK_DIESEL).first()
    if account is None:
        return 0
    return int(account.debits_posted - account.credits_posted - account.credits_pending)


def fee_cents(route: Route, kg: int, points: int) -> int:
    """What the enterprise charges for ``kg`` collected at ``points`` points (0: no fees)."""
    fees = (
        CollectionFees.objects.of(route.commune_id)
        .filter(enterprise_id=route.plan.enterprise_id)
        .first()
    )
    if fees is None:
        return 0
    return fees.cents_per_kg * kg + fees.cents_per_point * points


def _litres(ml: int) -> str:
    return f"{ml / 1000:,.1f}".replace(",", " ")


def _checks(route: Route, metres: int, litres_ml: int, weighings: Sequence[Weighing]) -> None:
    if metres < 0:
        raise Refusal(_("The km driven cannot be negative."), field="metres", code="negative")
    if litres_ml < 0:
        raise Refusal(_("The litres used cannot be negative."), field="litres", code="negative")
    stops = {
        s.pk: s for s in Stop.objects.of(route.commune_id).filter(route=route).only("pk", "kind")
    }
    seen: set[int] = set()
    for weighing in weighings:
        stop = stops.get(weighing.stop)
        if stop is None:
            raise Refusal(
                _("Stop %(stop)s is not on this route.") % {"stop": weighing.stop},
                field="weighings",
                code="stop_not_on_route",
            )
        if stop.kind != StopKind.POINT:
            raise Refusal(
                _("Stop %(stop)s is an unloading: only collection points are weighed.")
                % {"stop": weighing.stop},
                field="weighings",
                code="not_a_point",
            )
        if weighing.stop in seen:
            raise Refusal(
                _("Stop %(stop)s is given twice.") % {"stop": weighing.stop},
                field="weighings",
                code="stop_twice",
            )
        seen.add(weighing.stop)
        if weighing.kg < 0:
            raise Refusal(
                _("The kg at stop %(stop)s cannot be negative.") % {"stop": weighing.stop},
                field="weighings",
                code="negative",
            )
        if not weighing.served and weighing.kg:
            raise Refusal(
                _("Stop %(stop)s was not served: it cannot have kg.") % {"stop": weighing.stop},
                field="weighings",
                code="kg_not_served",
            )


def _already(route: Route, token: str) -> TripLog:
    log = TripLog.objects.of(route.commune_id).filter(route=route).first()
    if log is None:
        # Another rule of the database refused the write (the checks above missed it).
        raise Refusal(_("The trip log could not be saved; nothing changed."), code="conflict")
    if token and log.token == token:
        return log
    raise Refusal(
        _("This route's trip was already logged; nothing changed."),
        code="already_logged",
        status=409,
    )


def _fill_corrected(point: CollectionPoint, kg: int, day: dt.date) -> None:
    if point.last_served is not None and point.last_served < day:
        waited = (day - point.last_served).days
        seen = kg / waited
        point.fill_kg_per_day = max(
            0, round(point.fill_kg_per_day * (1 - FILL_WEIGHT) + seen * FILL_WEIGHT)
        )
    if point.last_served is None or point.last_served < day:
        point.last_served = day
    point.save(update_fields=["fill_kg_per_day", "last_served"])


def _post(route: Route, log: TripLog, kg: int, author: str) -> None:
    commune = route.plan.commune
    day = route.plan.date
    vehicle = route.vehicle.plate
    text = as_recorded(
        gettext_lazy("Route of %(vehicle)s on %(date)s"), vehicle=vehicle, date=day.isoformat()
    )
    transfers = []
    if log.litres_ml:
        transfers.append(
            Transfer(
                debit=accounts.USED_DIESEL,
                credit=accounts.STOCK_DIESEL,
                amount=log.litres_ml,
                unit="L",
                date=day,
                description=text,
                author=author,
                reference=f"route {route.pk}",
                idempotency_key=f"waste-trip:{route.pk}:diesel",
            )
        )
    if log.fee_cents:
        transfers.append(
            Transfer(
                debit=route.plan.enterprise.cash_account,
                credit=accounts.INCOME_WASTE_FEES,
                amount=log.fee_cents,
                unit="VES",
                date=day,
                description=as_recorded(
                    gettext_lazy("Collection fees: %(kg)s kg, %(route)s"), kg=kg, route=text
                ),
                author=author,
                reference=f"route {route.pk}",
                idempotency_key=f"waste-trip:{route.pk}:fees",
            )
        )
    if not transfers:
        return
    try:
        _apply(commune, transfers, "auto")
    except Refusal as refusal:
        if refusal.code == "bound_exceeded":
            raise _stock_short(commune, log.litres_ml) from None
        raise


def _stock_short(commune: Commune, litres_ml: int) -> Refusal:
    return Refusal(
        _(
            "The diesel stock holds %(stock)s L and this trip used %(used)s L: it would go "
            "below zero. Record the diesel received first."
        )
        % {"stock": _litres(stock_available_ml(commune)), "used": _litres(litres_ml)},
        field="litres",
        code="diesel_stock_short",
    )


def trip_log_record(
    *,
    route: Route,
    metres: int,
    litres_ml: int,
    weighings: Sequence[Weighing],
    by: User | None,
    token: str = "",
    note: str = "",
    source: str = TripSource.PHONE,
) -> TripLog:
    """Record what the crew did on ``route`` and post it to the books; once per route.

    Refused: negative km, litres or kg; a stop not on the route (or an unloading, or one given
    twice); kg at a stop not served; diesel the stock does not hold; a route already logged
    (unless ``token`` is the one that logged it: then that log comes back and nothing changes).
    """
    if TripLog.objects.of(route.commune_id).filter(route=route).exists():
        return _already(route, token)
    _checks(route, metres, litres_ml, weighings)
    commune = route.plan.commune
    if litres_ml > stock_available_ml(commune):
        raise _stock_short(commune, litres_ml)
    served = [w for w in weighings if w.served]
    kg = sum(w.kg for w in served)
    fee = fee_cents(route, kg, len(served))
    try:
        with transaction.atomic():
            log = TripLog.objects.create(
                commune=commune,
                route=route,
                metres=metres,
                litres_ml=litres_ml,
                fee_cents=fee,
                note=" ".join(note.split())[:500],
                source=source,
                token=token[:64],
                recorded_by=by,
            )
            StopWeighing.objects.bulk_create(
                StopWeighing(commune=commune, trip=log, stop_id=w.stop, kg=w.kg, served=w.served)
                for w in weighings
            )
            points = {
                s.pk: s.point_id
                for s in Stop.objects.of(commune).filter(pk__in=[w.stop for w in served])
            }
            rows = CollectionPoint.objects.of(commune).select_for_update().in_bulk(points.values())
            for weighing in served:
                _fill_corrected(rows[points[weighing.stop]], weighing.kg, route.plan.date)
            _post(route, log, kg, by.username if by else "comuna")
    except IntegrityError:
        # Another request logged this route between the check and the insert.
        return _already(route, token)
    return log


def trip_logged_kg(log: TripLog) -> int:
    return sum(w.kg for w in log.weighings.all() if w.served)


def collection_fees_set(
    *, enterprise: Enterprise, cents_per_kg: int, cents_per_point: int
) -> CollectionFees:
    """What the enterprise charges per kg collected and per point served (0: nothing)."""
    if cents_per_kg < 0 or cents_per_point < 0:
        raise Refusal(_("A fee cannot be negative."), field="per_kg", code="negative")
    with transaction.atomic():
        fees, _created = CollectionFees.objects.update_or_create(
            enterprise=enterprise,
            defaults={
                "commune": enterprise.commune,
                "cents_per_kg": cents_per_kg,
                "cents_per_point": cents_per_point,
            },
        )
    return fees
