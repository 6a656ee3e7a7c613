"""A cycle's offers and needs from spreadsheets, all of the file or none of it.

Offers: ``productor`` (a producer's name, as registered), ``producto`` (a product's name),
``kg``. Needs: ``punto`` (an outlet's name), ``producto``, ``kg``, ``prioridad`` (1 is the
highest). The cycle is the upload's option ``cycle``. Through the one import pipeline
(``comuna.core.imports``): every bad row named by its number (an unknown producer, outlet or
product, a negative or empty quantity, a product twice for the same producer or outlet),
nothing written if any row is bad.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.circuits.models import Cycle, Outlet, Producer, Product
from comuna.circuits.services import MAX_PRIORITY, need_record, offer_record
from comuna.core.imports import Importer, Job, Outcome, file_import
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import Column

OFFERS_KIND = "circuit_offers"
NEEDS_KIND = "circuit_needs"
_PRODUCT = Column(
    "producto", aliases=("product",), help=gettext_lazy("The product's name, as registered.")
)
_KG = Column("kg", aliases=("quantity",), help=gettext_lazy("Kilograms, e.g. 120 or 12.5."))
OFFER_COLUMNS: tuple[Column, ...] = (
    Column("productor", aliases=("producer",), help=gettext_lazy("The producer's name.")),
    _PRODUCT,
    _KG,
)
NEED_COLUMNS: tuple[Column, ...] = (
    Column("punto", aliases=("outlet",), help=gettext_lazy("The outlet's name.")),
    _PRODUCT,
    _KG,
    Column("prioridad", aliases=("priority",), help=gettext_lazy("1 is the highest priority.")),
)


@dataclass(frozen=True, slots=True)
class Row:
    place: Producer | Outlet
    product: Product
    grams: int
    priority: int = 0


@dataclass(frozen=True, slots=True)
class RowsSummary:
    rows: int = 0
    kg: str = "0"

    def record(self) -> dict[str, Any]:
        return {"rows": self.rows, "kg": self.kg}

    def sentence(self) -> str:
        return _("Recorded %(rows)s rows.") % {"rows": self.rows}


def cycle_of_job(job: Job) -> Cycle:
    raw = str(job.options.get("cycle", ""))
    cycle = (
        Cycle.objects.of(job.commune).filter(pk=int(raw)).first()
        if raw.isdigit() and len(raw) < 18
        else None
    )
    if cycle is None:
        raise Refusal(_("There is no such cycle in the commune."), code="cycle")
    return cycle


def grams_of(text: str) -> int:
    try:
        kg = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise Refusal(
            _("“%(value)s” is not a number of kg.") % {"value": text}, code="kg"
        ) from None
    if not kg.is_finite():
        raise Refusal(_("“%(value)s” is not a number of kg.") % {"value": text}, code="kg")
    if kg <= 0:
        raise Refusal(_("A quantity is more than 0 kg."), code="negative")
    return int(kg * 1000)


def _product(commune: Commune, name: str) -> Product:
    product = Product.objects.of(commune).filter(name__iexact=" ".join(name.split())).first()
    if product is None:
        raise Refusal(_("There is no product called “%(name)s”.") % {"name": name}, code="product")
    return product


class _CycleImporter(Importer[Row, RowsSummary]):
    def rows_apply(self, rows: Iterator[tuple[int, Row]], job: Job) -> RowsSummary:
        cycle = cycle_of_job(job)
        seen: dict[tuple[int, int], int] = {}
        good: list[tuple[int, Row]] = []
        for number, row in rows:
            key = (row.place.pk, row.product.pk)
            if key in seen:
                job.refuse(
                    number,
                    _("%(place)s and %(product)s are also in row %(row)s.")
                    % {"place": row.place.name, "product": row.product.name, "row": seen[key]},
                    code="twice",
                )
                continue
            seen[key] = number
            good.append((number, row))
        if job.problems:
            return RowsSummary(rows=len(good))
        grams = 0
        for number, row in good:
            try:
                self.write(cycle, row)
            except Refusal as refusal:
                job.refuse(number, refusal.message, code=refusal.code)
                continue
            grams += row.grams
        return RowsSummary(rows=len(good), kg=f"{grams / 1000:g}")

    def write(self, cycle: Cycle, row: Row) -> None:
        raise NotImplementedError


class OffersImporter(_CycleImporter):
    kind = OFFERS_KIND
    columns = OFFER_COLUMNS

    def row_read(self, number: int, cells: dict[str, str], job: Job) -> Row:
        name = cells["productor"].strip()
        producer = (
            Producer.objects.of(job.commune).filter(name__iexact=" ".join(name.split())).first()
        )
        if producer is None:
            raise Refusal(
                _("There is no producer called “%(name)s”.") % {"name": name}, code="producer"
            )
        return Row(producer, _product(job.commune, cells["producto"]), grams_of(cells["kg"]))

    def write(self, cycle: Cycle, row: Row) -> None:
        producer = row.place if isinstance(row.place, Producer) else None
        offer_record(cycle=cycle, producer=producer, product=row.product, quantity_g=row.grams)


class NeedsImporter(_CycleImporter):
    kind = NEEDS_KIND
    columns = NEED_COLUMNS

    def row_read(self, number: int, cells: dict[str, str], job: Job) -> Row:
        name = cells["punto"].strip()
        outlet = Outlet.objects.of(job.commune).filter(name__iexact=" ".join(name.split())).first()
        if outlet is None:
            raise Refusal(
                _("A need with no outlet: there is no outlet called “%(name)s”.") % {"name": name},
                code="outlet",
            )
        raw = cells["prioridad"].strip()
        if not raw.isdigit() or not (1 <= int(raw) <= MAX_PRIORITY):
            raise Refusal(
                _("“%(value)s” is not a priority from 1 to %(last)s.")
                % {"value": raw, "last": MAX_PRIORITY},
                code="priority",
            )
        return Row(
            outlet, _product(job.commune, cells["producto"]), grams_of(cells["kg"]), int(raw)
        )

    def write(self, cycle: Cycle, row: Row) -> None:
        need_record(
            cycle=cycle,
            outlet=row.place if isinstance(row.place, Outlet) else None,
            product=row.product,
            quantity_g=row.grams,
            priority=row.priority,
        )


OFFERS = OffersImporter()
NEEDS = NeedsImporter()


def rows_import(
    *, kind: str, cycle: Cycle, content: bytes, filename: str, author: str, dry_run: bool = False
) -> Outcome[RowsSummary]:
    """Record every row of the file in the cycle, or nothing
    (``comuna circuits offers import CYCLE FILE``, ``… needs import …``)."""
    return file_import(
        importer=OFFERS if kind == OFFERS_KIND else NEEDS,
        commune=cycle.commune,
        filename=filename,
        content=content,
        author=author,
        dry_run=dry_run,
        options={"cycle": str(cycle.pk)},
    )
