"""Prepare a database for a live server: a commune, an open round, a token. Prints JSON.

    python -m tests.distribution.live_setup --households 200      # invented households
    python -m tests.distribution.live_setup --demo                # the demo commune

Run with the same ``COMUNA_HOME`` / ``DATABASE_URL`` as the ``comuna serve`` that will serve
it. The round is a food-bag round with stock for every household, so each one is entitled.
Used by the race tests in this folder and by ``benchmarks/distribution.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=200)
    parser.add_argument("--demo", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from django.utils import timezone

    from comuna.census.models import Council, Household, HouseholdStatus, Person
    from comuna.core.models import Commune
    from comuna.core.services import commune_create
    from comuna.distribution import services
    from comuna.distribution.models import ProgrammeKind, ProgrammeUnit
    from comuna.memberships.models import Membership
    from comuna.memberships.selectors import actor_for
    from comuna.users.models import Role, User
    from comuna.users.tokens import token_create

    if args.demo:
        from comuna.demo.builder import demo_build

        demo_build()
        commune = Commune.objects.get(code="demo")
    else:
        commune = commune_create(code="live", name="Comuna en vivo")
        councils = Council.objects.bulk_create(
            Council(commune=commune, code=f"CC{n:02d}", name=f"Consejo {n}") for n in range(1, 5)
        )
        households = Household.objects.bulk_create(
            Household(council=councils[n % 4], reference=f"{n:04d}", address=f"Calle {n}")
            for n in range(args.households)
        )
        Person.objects.bulk_create(
            Person(
                household=h,
                first_names="Vecina",
                last_names=f"Número {h.reference}",
                birth_date=dt.date(1980, 1, 1),
                is_head=True,
                search_text=f"vecina numero {h.reference}",
            )
            for h in households
        )
    admin = User.objects.create(username="live-admin")
    Membership.objects.create(commune=commune, user=admin, role=Role.ADMIN)
    programme = services.programme_save(
        commune=commune,
        name="CLAP en vivo",
        kind=ProgrammeKind.FOOD_BAG,
        unit=ProgrammeUnit.BAG,
        base_quantity=1,
        per_member=0,
        cap=1,
        fee_minor=500,
    )
    active = Household.objects.filter(council__commune=commune, status=HouseholdStatus.ACTIVE)
    round_ = services.round_create(
        programme=programme,
        stock_received=active.count(),
        # Today: the demo's books are closed up to last month and refuse older postings.
        received_on=timezone.localdate(),
        distribution_on=timezone.localdate(),
        tables=20,
    )
    round_ = services.round_open(round=round_, seed="en vivo", by=admin)
    _token, raw = token_create(actor=actor_for(admin, commune), name="live")
    ids = list(round_.entitlements.filter(awarded__gt=0).values_list("household_id", flat=True))
    _settle()
    print(json.dumps({"token": raw, "round_id": round_.pk, "households": ids}))


def _settle() -> None:
    """Leave the database as a night would after a bulk load: statistics gathered and the
    load written through, so that the first minutes served do not pay for the build."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


if __name__ == "__main__":
    main()
