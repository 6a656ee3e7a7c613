"""Waste collection: the fleet and the territory, the day's plans, and the trips made.

- ``territory``: the sites (depot, landfill, recycling yard), the collection points in the
  councils' sectors, and the vehicles with their breakdowns;
- ``plans``: a day's plan from ``comuna.engines.routing``, its routes and their stops;
- ``trips``: what a crew logs after a route (km, litres, kg per stop), posted to the books.
"""

from comuna.waste.models.plans import DayPlan, Route, Stop, StopKind
from comuna.waste.models.territory import (
    CollectionPoint,
    CollectionSettings,
    PointKind,
    RationPolicy,
    Site,
    SiteKind,
    Vehicle,
    VehicleBreakdown,
)
from comuna.waste.models.trips import CollectionFees, StopWeighing, TripLog, TripSource

__all__ = [
    "CollectionFees",
    "CollectionPoint",
    "CollectionSettings",
    "DayPlan",
    "PointKind",
    "RationPolicy",
    "Route",
    "Site",
    "SiteKind",
    "Stop",
    "StopKind",
    "StopWeighing",
    "TripLog",
    "TripSource",
    "Vehicle",
    "VehicleBreakdown",
]
