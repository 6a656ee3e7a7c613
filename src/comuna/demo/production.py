"""The demo commune's cornflour plant and its production plan for this month.

The plant that once failed when corn soared and diesel vanished, planned again: 1 kg bags of
precooked cornflour for the households (a target of four a household, sold below the shops'
price) and 5 kg sacks of arepa flour for the bakeries and shops, from this year's prices in US
dollars. Its scenarios are the lesson: corn 30% dearer, half the diesel, no diesel at all.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from comuna.census.models import Household
from comuna.core.models import Commune
from comuna.enterprises.models import Enterprise, EnterpriseKind
from comuna.ledger import chart
from comuna.production.models import Currency, Goal, InputUnit, ProductionPlan
from comuna.production.services import (
    input_save,
    plan_create,
    plan_solve,
    product_save,
    scenario_save,
)

# name, unit, price per unit (USD), available this month (None: as much as is needed)
INPUTS = (
    ("Maíz blanco", InputUnit.KG, "0.45", "40000"),
    ("Gasoil", InputUnit.LITRE, "0.50", "900"),
    ("Electricidad", InputUnit.KWH, "0.03", None),
    ("Bolsa de 1 kg", InputUnit.UNIT, "0.03", "25000"),
    ("Saco de 5 kg", InputUnit.UNIT, "0.25", "1500"),
    ("Horas de trabajo", InputUnit.HOUR, "2.50", "1408"),  # 8 people, 22 days, 8 hours
)

# name, unit, price, target, most that can be sold, what one unit takes (by input name)
PRODUCTS = (
    (
        "Harina precocida",
        "bolsa de 1 kg",
        "0.90",  # the shops sell it near 1.30
        None,  # the households' target: four bags each, set from the census below
        "30000",
        {
            "Maíz blanco": "1.35",
            "Gasoil": "0.03",
            "Electricidad": "0.12",
            "Bolsa de 1 kg": "1",
            "Horas de trabajo": "0.012",
        },
    ),
    (
        "Harina para arepas",
        "saco de 5 kg",
        "4.50",
        "0",
        "1200",
        {
            "Maíz blanco": "6.75",
            "Gasoil": "0.15",
            "Electricidad": "0.6",
            "Saco de 5 kg": "1",
            "Horas de trabajo": "0.05",
        },
    ),
)

SCENARIOS = (
    ("Maíz 30% más caro", "Maíz blanco", "30", "0"),
    ("Gasoil a la mitad", "Gasoil", "0", "50"),
    ("Sin gasoil", "Gasoil", "0", "100"),
)


def production_demo_build(
    commune: Commune, rng: random.Random, *, today: dt.date, enterprises: dict[str, Enterprise]
) -> ProductionPlan:
    """The cornflour plant (``enterprises["cornflour"]``, made here when missing) and its plan
    for this month, solved."""
    plant = enterprises.get("cornflour") or Enterprise.objects.create(
        commune=commune,
        name="Planta de harina de maíz",
        kind=EnterpriseKind.PRODUCTION,
        cash_account=chart.BANK_VES,
    )
    households = Decimal(Household.objects.of(commune).count() or 1000)
    plan = plan_create(
        enterprise=plant,
        month=today.replace(day=1),
        goal=Goal.SURPLUS,
        currency=Currency.USD,
        budget=Decimal(30000),
        notes="Primero las bolsas de las familias (cuatro por hogar), luego lo que deje excedente.",
    )
    inputs = {
        name: input_save(
            plan=plan,
            name=name,
            unit=unit,
            price=Decimal(price),
            available=None if available is None else Decimal(available),
        )
        for name, unit, price, available in INPUTS
    }
    for name, unit, price, target, demand, uses in PRODUCTS:
        product_save(
            plan=plan,
            name=name,
            unit=unit,
            price=Decimal(price),
            target=Decimal(target) if target is not None else min(4 * households, Decimal(demand)),
            demand=Decimal(demand),
            uses={inputs[i].pk: Decimal(amount) for i, amount in uses.items()},
        )
    for name, input_name, change, cut in SCENARIOS:
        scenario_save(
            plan=plan,
            name=name,
            input=inputs[input_name],
            price_change=Decimal(change),
            cut=Decimal(cut),
        )
    return plan_solve(plan=plan)
