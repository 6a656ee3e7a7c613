"""The fleet and the territory: vehicles and their breakdowns, sites, collection points, and
how the enterprise plans (its collection days, its ration policy, its detour factor).

Every write here is one function, atomic, its checks beside it; a refusal is a ``Refusal``
with a translated message. Database constraints keep the same rules.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from comuna.census.models import Council, Sector
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.enterprises.models import Enterprise, EnterpriseKind
from comuna.waste.models import (
    CollectionPoint,
    CollectionSettings,
    RationPolicy,
    Site,
    Vehicle,
    VehicleBreakdown,
)


def waste_enterprises(commune: Commune) -> QuerySet[Enterprise]:
    """The commune's waste-collection enterprises, the working ones first."""
    return (
        Enterprise.objects.of(commune)
        .filter(kind=EnterpriseKind.WASTE_COLLECTION)
        .order_by("-active", "name")
    )


def waste_enterprise_of(commune: Commune) -> Enterprise | None:
    """The commune's waste-collection enterprise: the first working one, if any."""
    return waste_enterprises(commune).filter(active=True).first()


def collection_settings_of(enterprise: Enterprise) -> CollectionSettings:
    """The enterprise's settings, or the defaults (unsaved) until someone saves them."""
    found = CollectionSettings.objects.of(enterprise.commune_id).filter(enterprise=enterprise)
    return found.first() or CollectionSettings(enterprise=enterprise, commune=enterprise.commune)


def _coordinates_check(latitude: float, longitude: float) -> None:
    if not -90 <= latitude <= 90:
        raise Refusal(_("A latitude lies between -90 and 90."), field="latitude")
    if not -180 <= longitude <= 180:
        raise Refusal(_("A longitude lies between -180 and 180."), field="longitude")


@transaction.atomic
def collection_settings_save(
    *,
    enterprise: Enterprise,
    weekdays: str,
    policy: str,
    fixed_ml: int = 0,
    share_percent: int = 10,
    detour_centi: int = 130,
) -> CollectionSettings:
    """Save the collection days, the ration policy and the detour factor."""
    days = "".join(sorted({d for d in weekdays if d in "0123456"}))
    if not days:
        raise Refusal(_("Choose at least one collection day."), field="weekdays")
    if policy not in RationPolicy.values:
        raise Refusal(_("Choose a ration policy from the list."), field="policy")
    if fixed_ml < 0:
        raise Refusal(_("The litres a day cannot be negative."), field="fixed_ml")
    if policy == RationPolicy.FIXED and fixed_ml == 0:
        raise Refusal(_("Say how many litres a day the trucks may burn."), field="fixed_ml")
    if not 1 <= share_percent <= 100:
        raise Refusal(_("The share lies between 1 and 100 per cent."), field="share_percent")
    if not 100 <= detour_centi <= 500:
        raise Refusal(_("The detour factor lies between 1.00 and 5.00."), field="detour_centi")
    settings = collection_settings_of(enterprise)
    settings.weekdays = days
    settings.policy = policy
    settings.fixed_ml = fixed_ml
    settings.share_percent = share_percent
    settings.detour_centi = detour_centi
    settings.save()
    return settings


@transaction.atomic
def vehicle_save(
    *,
    enterprise: Enterprise,
    vehicle: Vehicle | None = None,
    plate: str,
    name: str = "",
    capacity_kg: int,
    litres_per_100km_centi: int,
    active: bool = True,
) -> Vehicle:
    """Add a truck to the fleet, or change one."""
    plate = " ".join(plate.upper().split())
    if not plate:
        raise Refusal(_("A vehicle needs its plate."), field="plate")
    if capacity_kg <= 0:
        raise Refusal(_("The capacity must be more than 0 kg."), field="capacity_kg")
    if litres_per_100km_centi <= 0:
        raise Refusal(
            _("The diesel per 100 km must be more than 0 litres."), field="litres_per_100km"
        )
    taken = Vehicle.objects.of(enterprise.commune_id).filter(enterprise=enterprise, plate=plate)
    if vehicle is not None:
        taken = taken.exclude(pk=vehicle.pk)
    if taken.exists():
        raise Refusal(
            _("Another vehicle has the plate %(plate)s.") % {"plate": plate}, field="plate"
        )
    target = vehicle or Vehicle(enterprise=enterprise)
    target.plate = plate
    target.name = name.strip()
    target.capacity_kg = capacity_kg
    target.litres_per_100km_centi = litres_per_100km_centi
    target.active = active
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:
        raise Refusal(_("Another vehicle has the plate %(plate)s.") % {"plate": plate}) from None
    return target


def breakdowns_overlapping(vehicle: Vehicle, start: dt.date, end: dt.date | None) -> bool:
    others = VehicleBreakdown.objects.of(vehicle.commune_id).filter(vehicle=vehicle)
    if end is not None:
        others = others.filter(start__lte=end)
    return others.filter(Q(end__isnull=True) | Q(end__gte=start)).exists()


@transaction.atomic
def breakdown_record(
    *, vehicle: Vehicle, start: dt.date, end: dt.date | None = None, note: str = ""
) -> VehicleBreakdown:
    """A truck out of service from ``start`` (until ``end``, or until it is repaired)."""
    if end is not None and end < start:
        raise Refusal(_("It cannot be back in service before it broke down."), field="end")
    if breakdowns_overlapping(vehicle, start, end):
        raise Refusal(
            _("This vehicle already has a breakdown on those days."), field="start", code="overlap"
        )
    return VehicleBreakdown.objects.create(vehicle=vehicle, start=start, end=end, note=note.strip())


@transaction.atomic
def breakdown_end(*, breakdown: VehicleBreakdown, end: dt.date) -> VehicleBreakdown:
    """The truck is back in service on ``end``."""
    if end < breakdown.start:
        raise Refusal(_("It cannot be back in service before it broke down."), field="end")
    breakdown.end = end
    breakdown.save(update_fields=["end"])
    return breakdown


def vehicles_available(enterprise: Enterprise, on: dt.date) -> QuerySet[Vehicle]:
    """The trucks in the fleet and not broken down on ``on``."""
    broken = VehicleBreakdown.objects.of(enterprise.commune_id).filter(
        Q(end__isnull=True) | Q(end__gt=on), start__lte=on
    )
    return (
        Vehicle.objects.of(enterprise.commune_id)
        .filter(enterprise=enterprise, active=True)
        .exclude(pk__in=broken.values("vehicle_id"))
        .order_by("plate")
    )


@transaction.atomic
def site_save(
    *,
    enterprise: Enterprise,
    site: Site | None = None,
    name: str,
    kind: str,
    latitude: float,
    longitude: float,
    opens: dt.time | None = None,
    closes: dt.time | None = None,
) -> Site:
    """The depot, a landfill or a recycling yard, with its hours."""
    name = " ".join(name.split())
    if not name:
        raise Refusal(_("A site needs a name."), field="name")
    _coordinates_check(latitude, longitude)
    if opens is not None and closes is not None and closes <= opens:
        raise Refusal(_("It must close after it opens."), field="closes")
    taken = Site.objects.of(enterprise.commune_id).filter(enterprise=enterprise, name=name)
    if site is not None:
        taken = taken.exclude(pk=site.pk)
    if taken.exists():
        raise Refusal(_("Another site is called %(name)s.") % {"name": name}, field="name")
    target = site or Site(enterprise=enterprise)
    target.name, target.kind = name, kind
    target.latitude, target.longitude = latitude, longitude
    target.opens, target.closes = opens, closes
    target.save()
    return target


def point_fields_check(
    *,
    enterprise: Enterprise,
    code: str,
    council: Council,
    sector: Sector | None,
    latitude: float,
    longitude: float,
    fill_kg_per_day: int,
) -> None:
    """The checks a point passes, from the form or a spreadsheet row."""
    if not code:
        raise Refusal(_("A collection point needs a code."), field="code")
    if council.commune_id != enterprise.commune_id:
        raise Refusal(_("That council is not of this commune."), field="council")
    if sector is not None and sector.council_id != council.pk:
        raise Refusal(_("That sector is not of the council chosen."), field="sector")
    _coordinates_check(latitude, longitude)
    if fill_kg_per_day < 0:
        raise Refusal(_("The fill cannot be negative kg."), field="fill_kg_per_day")


@transaction.atomic
def point_save(
    *,
    enterprise: Enterprise,
    point: CollectionPoint | None = None,
    code: str,
    name: str,
    council: Council,
    sector: Sector | None = None,
    kind: str,
    latitude: float,
    longitude: float,
    fill_kg_per_day: int,
    required: bool = False,
    active: bool = True,
) -> CollectionPoint:
    """A collection point in a council's sector: its place, kind and estimated fill."""
    code = code.strip().upper()
    point_fields_check(
        enterprise=enterprise,
        code=code,
        council=council,
        sector=sector,
        latitude=latitude,
        longitude=longitude,
        fill_kg_per_day=fill_kg_per_day,
    )
    taken = CollectionPoint.objects.of(enterprise.commune_id).filter(
        enterprise=enterprise, code=code
    )
    if point is not None:
        taken = taken.exclude(pk=point.pk)
    if taken.exists():
        raise Refusal(_("Another point has the code %(code)s.") % {"code": code}, field="code")
    target = point or CollectionPoint(enterprise=enterprise)
    target.code, target.name = code, " ".join(name.split()) or code
    target.council, target.sector, target.kind = council, sector, kind
    target.latitude, target.longitude = latitude, longitude
    target.fill_kg_per_day, target.required, target.active = fill_kg_per_day, required, active
    target.save()
    return target
