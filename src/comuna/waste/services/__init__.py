"""Every write of waste collection's fleet, territory and plans, one module per subdomain.

- ``territory``: vehicles and breakdowns, sites, collection points, the enterprise's settings;
- ``ration``: the diesel left in the stock and the day's allowance;
- ``distances``: the street network imported, the distance matrix cached;
- ``plans``: the day's plan and the re-plan after a breakdown.
"""

from comuna.waste.services.distances import distance_matrix, network_import, network_of
from comuna.waste.services.plans import (
    day_plan_current,
    day_plan_make,
    day_plan_replan_after_breakdown,
    plan_json,
)
from comuna.waste.services.ration import Allowance, day_allowance
from comuna.waste.services.territory import (
    breakdown_end,
    breakdown_record,
    collection_settings_of,
    collection_settings_save,
    point_save,
    site_save,
    vehicle_save,
    vehicles_available,
    waste_enterprise_of,
    waste_enterprises,
)

__all__ = [
    "Allowance",
    "breakdown_end",
    "breakdown_record",
    "collection_settings_of",
    "collection_settings_save",
    "day_allowance",
    "day_plan_current",
    "day_plan_make",
    "day_plan_replan_after_breakdown",
    "distance_matrix",
    "network_import",
    "network_of",
    "plan_json",
    "point_save",
    "site_save",
    "vehicle_save",
    "vehicles_available",
    "waste_enterprise_of",
    "waste_enterprises",
]
