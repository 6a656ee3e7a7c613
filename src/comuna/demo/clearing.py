"""The exchange between the demo's neighbouring communes (``comuna demo --communes 3``).

A unit of account of the federation (a reference basket), agreements between the three
communes and their enterprises (services for goods, goods for goods), and a quarter of
obligations among them that run in cycles (the first commune's bakery owes the second's farm,
which owes the third commune, which owes the first…), so that a clearing has debt to cancel.
The run itself is left to the federation (the superuser): ``/compensacion/corridas/nueva/``.

The obligations arose over the last three months; the demo's books of earlier months are
closed, so their entries are booked on the first day of the current month.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from django.db import transaction

from comuna.census.models import Council
from comuna.clearing.models import Party, UnitKind, UnitOfAccount
from comuna.clearing.services import (
    agreement_record,
    obligation_record,
    party_for,
    unit_of_account_define,
)
from comuna.core.models import Commune
from comuna.enterprises.models import Enterprise

UNIT = "CESTA"
BASKET = "2 kg arroz\n1 kg caraotas\n1 kg harina de maíz\n1 L aceite\n1 kg azúcar"
DAYS = 91
# What each kind of party gives in the demo's agreements.
GOODS = ("harina de maíz", "caraotas", "hortalizas", "queso", "café", "cacao")
SERVICES = ("mantenimiento de tractores", "transporte", "atención médica", "formación técnica")


def _parties(commune: Commune) -> list[Party]:
    """The commune, its active enterprises and its first council."""
    found = [party_for(commune)]
    for enterprise in Enterprise.objects.of(commune).filter(active=True).order_by("name")[:3]:
        found.append(party_for(commune, enterprise=enterprise))
    council = Council.objects.of(commune).order_by("code").first()
    if council is not None:
        found.append(party_for(commune, council=council))
    return found


@transaction.atomic
def clearing_demo_build(
    communes: Sequence[Commune], rng: random.Random, *, today: dt.date
) -> UnitOfAccount:
    """The exchange among ``communes`` (three or more); nothing more if it is already there."""
    found = UnitOfAccount.objects.filter(code=UNIT).first()
    if found is not None:
        return found
    unit = unit_of_account_define(
        code=UNIT,
        name="Cesta básica de referencia",
        kind=UnitKind.BASKET,
        basket=BASKET,
        by=None,
    )
    parties = [_parties(c) for c in communes]
    booked_on = today.replace(day=1)
    start = today - dt.timedelta(days=DAYS)
    # Agreements around the ring of communes, and between each pair of their enterprises.
    ring = len(parties)
    agreements = []
    for k in range(ring):
        ours, theirs = parties[k], parties[(k + 1) % ring]
        for first, second in ((ours[0], theirs[0]), (ours[-1], theirs[min(1, len(theirs) - 1)])):
            if first.pk == second.pk:
                continue
            agreements.append(
                agreement_record(
                    first=first,
                    second=second,
                    kind="services_goods" if k % 2 == 0 else "goods_goods",
                    unit=unit,
                    first_gives=rng.choice(SERVICES if k % 2 == 0 else GOODS),
                    second_gives=rng.choice(GOODS),
                    signed_on=start,
                    by=None,
                )
            )
    # A quarter of obligations: each agreement gives rise to deliveries every few weeks, in
    # both directions, so that debts run in cycles around the ring.
    for agreement in agreements:
        day = start + dt.timedelta(days=rng.randint(0, 10))
        while day <= today:
            forward = rng.random() < 0.7
            debtor, creditor = (
                (agreement.second, agreement.first)
                if forward
                else (agreement.first, agreement.second)
            )
            gives = agreement.first_gives if forward else agreement.second_gives
            obligation_record(
                debtor=debtor,
                creditor=creditor,
                amount=rng.randint(20, 400) * 100,
                unit=unit,
                arose_on=day,
                due_on=day + dt.timedelta(days=30),
                what=gives,
                agreement=agreement,
                by=None,
                booked_on=max(day, booked_on),
            )
            day += dt.timedelta(days=rng.randint(12, 25))
    return unit
