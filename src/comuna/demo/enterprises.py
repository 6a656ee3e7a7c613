"""The demo commune's enterprises: waste collection, recycling and the cornflour plant.

The two EPS keep the standard chart's accounts (the waste-collection enterprise its cash
1.2.01 and the diesel stock 1.4.03; the recycling enterprise its cash 1.2.02 and the stock of
recyclables 1.4.04), so the year of books the ledger demo posted is theirs; the cornflour
plant opens a cash account of its own. Their workers are people of the census, the demo's
``gerente`` and ``chofer`` logins among them (the manager of the waste collection and one of
its two drivers). The waste-collection enterprise is created by the ledger's demo, which
records each month's diesel ration through it (``waste_enterprise_demo``).
"""

from __future__ import annotations

import datetime as dt
import random

from comuna.census.models import Person, PersonStatus
from comuna.core.models import Commune
from comuna.enterprises.models import AccountPurpose, Enterprise, EnterpriseKind, WorkerJob
from comuna.enterprises.services import enterprise_create, worker_add
from comuna.ledger import chart
from comuna.memberships.models import Membership
from comuna.users.models import Role, User

WASTE = "EPS de Recolección de Desechos Sólidos"
RECYCLING = "EPS de Reciclaje"
CORNFLOUR = "Planta de Harina de Maíz"
# The jobs of each enterprise (the ledger demo pays 8 wages in the waste collection, 3 in the
# recycling yard).
STAFF = {
    "waste": (
        (WorkerJob.MANAGER, 1),
        (WorkerJob.DRIVER, 2),
        (WorkerJob.COLLECTOR, 5),
    ),
    "recycling": ((WorkerJob.MANAGER, 1), (WorkerJob.SCALE_OPERATOR, 2)),
    "cornflour": ((WorkerJob.MANAGER, 1), (WorkerJob.OPERATOR, 3)),
}


def waste_enterprise_demo(commune: Commune) -> Enterprise:
    """The waste-collection EPS, on the standard chart's cash and diesel stock (made once)."""
    found = Enterprise.objects.of(commune).filter(name=WASTE).first()
    if found is not None:
        return found
    return enterprise_create(
        commune=commune,
        name=WASTE,
        kind=EnterpriseKind.WASTE_COLLECTION,
        description=(
            "Recoge los desechos de los 24 consejos comunales con dos camiones, con la ración "
            "mensual de gasoil que asigna la distribuidora."
        ),
        link={AccountPurpose.CASH: chart.WASTE_CASH, AccountPurpose.DIESEL: chart.STOCK_DIESEL},
    )


def _made(commune: Commune, name: str, kind: str, description: str, **link: str) -> Enterprise:
    found = Enterprise.objects.of(commune).filter(name=name).first()
    if found is not None:
        return found
    return enterprise_create(
        commune=commune, name=name, kind=kind, description=description, link=link
    )


def _login(commune: Commune, role: Role) -> User | None:
    membership = (
        Membership.objects.of(commune).filter(role=role).select_related("user").order_by("pk")
    ).first()
    return membership.user if membership is not None else None


def enterprises_demo_build(
    commune: Commune, rng: random.Random, *, today: dt.date
) -> dict[str, Enterprise]:
    """The demo's enterprises by kind (``waste``, ``recycling``, ``cornflour``), with their
    workers; the waste collection's ``gerente`` and ``chofer`` logins work there."""
    enterprises = {
        "waste": waste_enterprise_demo(commune),
        "recycling": _made(
            commune,
            RECYCLING,
            EnterpriseKind.RECYCLING,
            "Centro de acopio: pesa, clasifica, embala y vende cartón, plástico y metales; "
            "cogestionada con dos comunas vecinas.",
            cash=chart.RECYCLING_CASH,
            recyclables=chart.STOCK_RECYCLABLES,
        ),
        "cornflour": _made(
            commune,
            CORNFLOUR,
            EnterpriseKind.PRODUCTION,
            "Muele maíz para harina precocida que vende a los hogares por debajo del mercado.",
        ),
    }
    if not enterprises["waste"].workers.exists():
        _staff(commune, rng, today, enterprises)
    return enterprises


def _staff(
    commune: Commune, rng: random.Random, today: dt.date, enterprises: dict[str, Enterprise]
) -> None:
    adults = list(
        Person.objects.of(commune)
        .filter(
            status=PersonStatus.ACTIVE,
            birth_date__lte=today.replace(year=today.year - 20),
            birth_date__gt=today.replace(year=today.year - 60),
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    needed = sum(count for staff in STAFF.values() for _job, count in staff)
    chosen = iter(rng.sample(adults, min(needed, len(adults))))
    logins = {
        (WorkerJob.MANAGER, "waste"): _login(commune, Role.ENTERPRISE_MANAGER),
        (WorkerJob.DRIVER, "waste"): _login(commune, Role.ENTERPRISE_WORKER),
    }
    for key, staff in STAFF.items():
        for job, count in staff:
            for _n in range(count):
                pk = next(chosen, None)
                if pk is None:
                    return
                person = Person.objects.of(commune).get(pk=pk)
                login = logins.pop((job, key), None)
                if login is not None and not login.first_name:
                    # The login is this worker's: it shows their name.
                    login.first_name, login.last_name = person.first_names, person.last_names
                    login.save(update_fields=["first_name", "last_name"])
                worker_add(
                    enterprise=enterprises[key],
                    person=person,
                    job=job,
                    since=today - dt.timedelta(days=rng.randint(60, 900)),
                    login=login,
                )
