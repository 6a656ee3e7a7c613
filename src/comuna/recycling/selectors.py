"""Reading the yard: stock by material, kg per month, price history, where a load came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from comuna.census.models import Household, Person
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.recycling.models import Bale, Material, ReferencePrice, Sale, SourceKind, WeighIn
from comuna.waste.models import CollectionPoint, TripLog


def material_stock_g(material: Material) -> int:
    """Grams of the material in the yard: weighed in less sold."""
    weighed = WeighIn.objects.of(material.commune_id).filter(material=material)
    sold = Sale.objects.of(material.commune_id).filter(material=material)
    return int(weighed.aggregate(g=Sum("net_g"))["g"] or 0) - int(
        sold.aggregate(g=Sum("weight_g"))["g"] or 0
    )


def material_baled_g(material: Material) -> int:
    """Grams of the material pressed into bales not yet sold."""
    bales = Bale.objects.of(material.commune_id).filter(material=material, sold_in__isnull=True)
    return int(bales.aggregate(g=Sum("weight_g"))["g"] or 0)


@dataclass(frozen=True, slots=True)
class StockRow:
    material: Material
    weighed_g: int
    sold_g: int
    baled_g: int
    bales: int

    @property
    def stock_g(self) -> int:
        return self.weighed_g - self.sold_g

    @property
    def loose_g(self) -> int:
        return self.stock_g - self.baled_g


def _sums(rows: Any, field: str) -> dict[int, int]:
    return {
        r["material_id"]: int(r["g"] or 0)
        for r in rows.values("material_id").annotate(g=Sum(field)).order_by()
    }


def stock_by_material(commune: Commune, *, with_empty: bool = False) -> list[StockRow]:
    """The stock of every material the yard has handled (or every material), in code order."""
    weighed = _sums(WeighIn.objects.of(commune), "net_g")
    sold = _sums(Sale.objects.of(commune), "weight_g")
    open_bales = Bale.objects.of(commune).filter(sold_in__isnull=True)
    baled = _sums(open_bales, "weight_g")
    counts = {
        r["material_id"]: r["n"]
        for r in open_bales.values("material_id").annotate(n=Count("id")).order_by()
    }
    rows = []
    for material in Material.objects.of(commune):
        if not with_empty and material.pk not in weighed:
            continue
        rows.append(
            StockRow(
                material=material,
                weighed_g=weighed.get(material.pk, 0),
                sold_g=sold.get(material.pk, 0),
                baled_g=baled.get(material.pk, 0),
                bales=int(counts.get(material.pk, 0)),
            )
        )
    return rows


def months_back(today: dt.date, count: int) -> list[dt.date]:
    """The first days of the ``count`` months up to ``today``'s, oldest first."""
    year, month = today.year, today.month
    out = []
    for _i in range(count):
        out.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def kg_by_material_by_month(
    commune: Commune, *, today: dt.date, months: int = 12
) -> list[tuple[Material, list[tuple[dt.date, int]]]]:
    """Grams weighed in per material and month, over the last ``months`` months."""
    firsts = months_back(today, months)
    rows = (
        WeighIn.objects.of(commune)
        .filter(date__gte=firsts[0])
        .annotate(month=TruncMonth("date"))
        .values("material_id", "month")
        .annotate(g=Sum("net_g"))
        .order_by()
    )
    grams: dict[int, dict[dt.date, int]] = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        grams.setdefault(row["material_id"], {})[month] = int(row["g"] or 0)
    return [
        (material, [(first, grams[material.pk].get(first, 0)) for first in firsts])
        for material in Material.objects.of(commune).filter(pk__in=list(grams))
    ]


@dataclass(frozen=True, slots=True)
class Period:
    """What the yard did between two days (both included): for an enterprise's month page."""

    weighins: int
    weighed_g: int
    sales: int
    sold_g: int
    sales_cents: int


def period_figures(commune: Commune, *, start: dt.date, end: dt.date) -> Period:
    """The yard's weigh-ins and sales from ``start`` to ``end``."""
    weighed = WeighIn.objects.of(commune).filter(date__gte=start, date__lte=end)
    sold = Sale.objects.of(commune).filter(date__gte=start, date__lte=end)
    w = weighed.aggregate(n=Count("id"), g=Sum("net_g"))
    s = sold.aggregate(n=Count("id"), g=Sum("weight_g"), c=Sum("amount_cents"))
    return Period(
        weighins=int(w["n"] or 0),
        weighed_g=int(w["g"] or 0),
        sales=int(s["n"] or 0),
        sold_g=int(s["g"] or 0),
        sales_cents=int(s["c"] or 0),
    )


def price_history(material: Material) -> tuple[list[Sale], list[ReferencePrice]]:
    """Each sale of the material with its price, newest first, and the reference prices."""
    sales = list(Sale.objects.of(material.commune_id).filter(material=material)[:200])
    prices = list(ReferencePrice.objects.of(material.commune_id).filter(material=material))
    return sales, prices


def reference_price_on(material: Material, day: dt.date) -> ReferencePrice | None:
    return (
        ReferencePrice.objects.of(material.commune_id)
        .filter(material=material, valid_from__lte=day)
        .order_by("-valid_from")
        .first()
    )


def material_by_code(commune: Commune, code: str) -> Material | None:
    """A material by its code, with or without the spaces (``200101`` is ``20 01 01``)."""
    wanted = "".join(code.split()).lower()
    if not wanted:
        return None
    for material in Material.objects.of(commune):
        if "".join(material.code.split()).lower() == wanted:
            return material
    return None


@dataclass(frozen=True, slots=True)
class Source:
    """Where a load came from, found from what the scale operator typed."""

    source: str
    trip: TripLog | None = None
    point: CollectionPoint | None = None
    household: Household | None = None
    person: Person | None = None
    source_name: str = ""

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "trip": self.trip,
            "point": self.point,
            "household": self.household,
            "person": self.person,
            "source_name": self.source_name,
        }


def source_find(commune: Commune, kind: str, reference: str) -> Source:
    """The source a scale operator names: a trip log's number, a collection point's code,
    a household's card code (or council code and reference, ``CC01-0001``), a person's ID
    number, or a name. Refused, naming what was not found, in this commune only."""
    text = " ".join(reference.split())
    if kind == SourceKind.NAMED:
        return Source(kind, source_name=text)
    if not text:
        raise Refusal(_("Say which one it came from."), field="reference", code="source")
    if kind == SourceKind.TRIP:
        # Beyond 18 digits no row has that id (and SQLite could not compare it).
        number = int(text) if text.isdigit() and len(text) <= 18 else None
        trip = TripLog.objects.of(commune).filter(pk=number).first() if number else None
        if trip is None:
            raise Refusal(
                _("There is no trip log number %(ref)s.") % {"ref": text},
                field="reference",
                code="source",
            )
        return Source(kind, trip=trip)
    if kind == SourceKind.POINT:
        point = CollectionPoint.objects.of(commune).filter(code__iexact=text).first()
        if point is None:
            raise Refusal(
                _("There is no collection point with code %(ref)s.") % {"ref": text},
                field="reference",
                code="source",
            )
        return Source(kind, point=point)
    if kind == SourceKind.HOUSEHOLD:
        households = Household.objects.of(commune)
        found = households.filter(card_code=text.upper()).first()
        if found is None and "-" in text:
            council, ref = text.split("-", 1)
            found = households.filter(
                council__code__iexact=council.strip(), reference=ref.strip()
            ).first()
        if found is None:
            raise Refusal(
                _("There is no household with card or reference %(ref)s.") % {"ref": text},
                field="reference",
                code="source",
            )
        return Source(kind, household=found)
    if kind == SourceKind.PERSON:
        wanted = text.upper().replace("-", "").replace(".", "").replace(" ", "")
        person = (
            Person.objects.of(commune).filter(Q(national_id=wanted) | Q(national_id=text)).first()
        )
        if person is None:
            raise Refusal(
                _("There is nobody in the census with ID number %(ref)s.") % {"ref": text},
                field="reference",
                code="source",
            )
        return Source(kind, person=person)
    raise Refusal(_("Say where the load came from."), field="source", code="source")


def weighins_listed(
    commune: Commune, *, month: dt.date | None = None, material: Material | None = None
) -> Any:
    rows = WeighIn.objects.of(commune).select_related(
        "material", "point", "household", "person", "entry"
    )
    if month is not None:
        nxt = months_back(month.replace(day=28) + dt.timedelta(days=4), 1)[0]
        rows = rows.filter(date__gte=month, date__lt=nxt)
    if material is not None:
        rows = rows.filter(material=material)
    return rows
