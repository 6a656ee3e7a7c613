"""What the health pages read: the stock of each batch and item, what waits for a witness,
the alerts of expiry, a discrepancy's movements, the public counts.

The stock of a batch is derived, never stored: received, less the confirmed issues, less what
confirmed counts found missing (a count that found more adds it back).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce

from comuna.core.models import Commune
from comuna.health.models import (
    Batch,
    Discrepancy,
    Dispensation,
    HelpCase,
    Item,
    StockCount,
)
from comuna.users.models import User

# Batches that expire within this many days are shown among the alerts.
EXPIRY_WARNING_DAYS = 60


def _sum_of(model: type[Dispensation] | type[StockCount], expression: Combinable) -> Subquery:
    rows = (
        model.objects.filter(batch=OuterRef("pk"), confirmed_at__isnull=False)
        .order_by()
        .values("batch")
        .annotate(total=Sum(expression))
        .values("total")
    )
    return Subquery(rows, output_field=IntegerField())


def batches_with_stock(commune: Commune | int) -> QuerySet[Batch]:
    """The commune's batches, each with ``issued``, ``lost`` and ``stock`` annotated."""
    rows: QuerySet[Batch] = (
        Batch.objects.of(commune)
        .select_related("item")
        .annotate(
            issued=Coalesce(_sum_of(Dispensation, F("quantity")), Value(0)),
            lost=Coalesce(_sum_of(StockCount, F("recorded") - F("counted")), Value(0)),
        )
        .annotate(stock=F("received") - F("issued") - F("lost"))
    )
    return rows


def batch_stock(batch: Batch) -> int:
    """The units of ``batch`` on record now (read afresh from the database)."""
    row = batches_with_stock(batch.commune_id).get(pk=batch.pk)
    return int(row.stock)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ItemStock:
    item: Item
    stock: int
    usable: int
    batches: int
    next_expiry: dt.date | None


def stock_by_item(commune: Commune | int, *, today: dt.date) -> list[ItemStock]:
    """Each item with its units on record, those in batches not yet expired, and the nearest
    expiry of a batch that still holds some."""
    batches: dict[int, list[Batch]] = {}
    for batch in batches_with_stock(commune):
        batches.setdefault(batch.item_id, []).append(batch)
    rows = []
    for item in Item.objects.of(commune):
        held = [b for b in batches.get(item.pk, []) if b.stock > 0]  # type: ignore[attr-defined]
        rows.append(
            ItemStock(
                item=item,
                stock=sum(b.stock for b in held),  # type: ignore[attr-defined]
                usable=sum(b.stock for b in held if b.expiry >= today),  # type: ignore[attr-defined]
                batches=len(held),
                next_expiry=min((b.expiry for b in held if b.expiry >= today), default=None),
            )
        )
    return rows


def expiry_alerts(commune: Commune | int, *, today: dt.date) -> tuple[list[Batch], list[Batch]]:
    """The batches that still hold units: those expired, and those that expire within
    ``EXPIRY_WARNING_DAYS``."""
    held = batches_with_stock(commune).filter(Q(stock__gt=0)).order_by("expiry", "item__name")
    soon = today + dt.timedelta(days=EXPIRY_WARNING_DAYS)
    return list(held.filter(expiry__lt=today)), list(
        held.filter(expiry__gte=today, expiry__lte=soon)
    )


def pending_for(
    commune: Commune | int, user: User
) -> tuple[QuerySet[Dispensation], QuerySet[StockCount]]:
    """The issues and counts waiting for a witness that ``user`` may confirm (not their own)."""
    issues = (
        Dispensation.objects.of(commune)
        .filter(confirmed_at__isnull=True)
        .exclude(issuer=user)
        .select_related("batch__item", "person", "issuer")
    )
    counts = (
        StockCount.objects.of(commune)
        .filter(confirmed_at__isnull=True)
        .exclude(issuer=user)
        .select_related("batch__item", "issuer")
    )
    return issues, counts


@dataclass(frozen=True)
class Movement:
    """One line of a batch's record, without the person it was issued to."""

    date: dt.date
    kind: str
    quantity: int
    issuer: str
    witness: str
    confirmed: bool


def batch_movements(batch: Batch) -> list[Movement]:
    """The receipt, the issues and the counts of a batch, in order: what the comptroller reads
    behind a discrepancy (no patient's name)."""
    rows = [Movement(batch.received_on, "received", batch.received, batch.supplier, "", True)]
    for kind, model in (("issued", Dispensation), ("counted", StockCount)):
        for row in (
            model.objects.of(batch.commune_id)
            .filter(batch=batch)
            .select_related("issuer", "witness")
            .order_by("date", "pk")
        ):
            rows.append(
                Movement(
                    row.date,
                    kind,
                    row.quantity if isinstance(row, Dispensation) else row.counted,
                    row.issuer.get_username(),
                    row.witness.get_username() if row.witness else "",
                    row.is_confirmed,
                )
            )
    return sorted(rows, key=lambda m: (m.date, m.kind != "received"))


def issues_by_month(commune: Commune | int) -> list[tuple[dt.date, int, int]]:
    """Confirmed issues per month: (month, number of issues, units).

    Counted per day by the database and folded into months here: a year is a few hundred
    days, while truncating every issue's date to its month would cost SQLite a call per row.
    """
    months: dict[dt.date, list[int]] = {}
    for row in (
        Dispensation.objects.of(commune)
        .filter(confirmed_at__isnull=False)
        .order_by("date")
        .values("date")
        .annotate(issues=Count("pk"), units=Sum("quantity"))
    ):
        totals = months.setdefault(row["date"].replace(day=1), [0, 0])
        totals[0] += row["issues"]
        totals[1] += row["units"]
    return [(month, issues, units) for month, (issues, units) in months.items()]


@dataclass(frozen=True)
class PublicHealth:
    items: int
    units: int
    issues_by_month: list[tuple[dt.date, int, int]]
    counts: int
    open_discrepancies: int
    help_cases: int


def public_figures(commune: Commune | int, *, today: dt.date) -> PublicHealth:
    """Counts only: nobody's name, no batch."""
    stock = stock_by_item(commune, today=today)
    return PublicHealth(
        items=len(stock),
        units=sum(row.usable for row in stock),
        issues_by_month=issues_by_month(commune),
        counts=StockCount.objects.of(commune).filter(confirmed_at__isnull=False).count(),
        open_discrepancies=Discrepancy.objects.of(commune).filter(closed_at__isnull=True).count(),
        help_cases=HelpCase.objects.of(commune).filter(entry__isnull=False).count(),
    )
