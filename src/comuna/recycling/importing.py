"""Weigh-ins from the spreadsheets a yard keeps, all of them or none.

Columns (Spanish, or their English aliases): ``fecha`` (date), ``material`` (its code, with or
without spaces: ``20 01 01`` or ``200101``), ``bruto`` (gross kg), ``tara`` (tare kg, optional:
0), ``procedencia`` (where it came from: ``viaje``, ``punto``, ``hogar``, ``persona`` or
``nombre``, optional: ``nombre``), ``referencia`` (the trip log's number, the point's code, the
household's card or ``CC01-0001``, the person's ID number, or the name). The file goes through
the one import pipeline (``comuna.core.imports``): every bad row is named by its row number;
if any row is bad, nothing is recorded; the same file is never imported twice. Each row is
recorded with ``weighin_record`` and posted to the books, as on the phone page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.core.imports import Importer, Job, Outcome, file_import
from comuna.core.imports.importers import Progress
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import Column
from comuna.engines import ledger as engine
from comuna.engines.ledger import parse_amount
from comuna.ledger.importing import parse_date
from comuna.recycling.models import Material, SourceKind
from comuna.recycling.selectors import Source, material_by_code, source_find
from comuna.recycling.services import weighin_record
from comuna.recycling.weights import kg_text

KIND = "recycling_weighins"
COLUMNS: tuple[Column, ...] = (
    Column(
        "fecha",
        aliases=("date",),
        help=gettext_lazy("The day it was weighed: yyyy-mm-dd or dd/mm/yyyy."),
    ),
    Column(
        "material",
        aliases=("codigo", "code"),
        help=gettext_lazy("The material's code on the list below (20 01 01 or 200101)."),
    ),
    Column(
        "bruto",
        aliases=("gross", "peso_bruto"),
        help=gettext_lazy("The gross weight in kg, with a comma or a dot for decimals."),
    ),
    Column(
        "tara",
        aliases=("tare",),
        required=False,
        help=gettext_lazy("The tare in kg (the sack, the cart, the empty truck); empty is 0."),
    ),
    Column(
        "procedencia",
        aliases=("source", "origen"),
        required=False,
        help=gettext_lazy(
            "Where it came from: viaje (trip), punto (point), hogar (household), "
            "persona (person) or nombre (anyone else, by name); empty is nombre."
        ),
    ),
    Column(
        "referencia",
        aliases=("reference", "quien", "who"),
        help=gettext_lazy(
            "The trip log's number, the point's code, the household's card (or CC01-0001), "
            "the person's ID number, or the name of who brought it."
        ),
    ),
)
HEADER = [column.name for column in COLUMNS]

_SOURCES = {
    "viaje": SourceKind.TRIP,
    "trip": SourceKind.TRIP,
    "punto": SourceKind.POINT,
    "point": SourceKind.POINT,
    "hogar": SourceKind.HOUSEHOLD,
    "household": SourceKind.HOUSEHOLD,
    "persona": SourceKind.PERSON,
    "person": SourceKind.PERSON,
    "nombre": SourceKind.NAMED,
    "named": SourceKind.NAMED,
    "name": SourceKind.NAMED,
    "": SourceKind.NAMED,
}


@dataclass(frozen=True, slots=True)
class WeighInRow:
    date: dt.date
    material: Material
    gross_g: int
    tare_g: int
    source: Source


@dataclass(frozen=True, slots=True)
class WeighInSummary:
    rows: int = 0
    net_g: int = 0

    def record(self) -> dict[str, Any]:
        return {"rows": self.rows, "net_g": self.net_g}

    def sentence(self) -> str:
        return _("Recorded %(rows)s weigh-ins, %(kg)s kg into the stock.") % {
            "rows": self.rows,
            "kg": kg_text(self.net_g),
        }


def _kg(text: str, what: str) -> int:
    body = text.strip()
    if body.startswith("-"):
        raise Refusal(
            _("The %(what)s %(value)s is negative.") % {"what": what, "value": body},
            code="negative",
        )
    try:
        return parse_amount(body, "KG", decimal_separator="," if "," in body else ".")
    except engine.LedgerError:
        raise Refusal(
            _("“%(value)s” is not a weight in kg.") % {"value": body}, code="weight"
        ) from None


def _read(cells: dict[str, str], commune: Commune) -> WeighInRow:
    try:
        date = parse_date(cells["fecha"])
    except ValueError:
        raise Refusal(
            _("“%(value)s” is not a date (use 2025-03-31 or 31/03/2025).")
            % {"value": cells["fecha"]},
            code="date",
        ) from None
    material = material_by_code(commune, cells["material"])
    if material is None:
        raise Refusal(
            _("There is no material with code “%(code)s”.") % {"code": cells["material"].strip()},
            code="material",
        )
    gross = _kg(cells["bruto"], _("gross weight"))
    tare = _kg(cells.get("tara", "") or "0", _("tare"))
    word = (cells.get("procedencia", "") or "").strip().lower()
    if word not in _SOURCES:
        raise Refusal(
            _("“%(value)s” is not a source: write viaje, punto, hogar, persona or nombre.")
            % {"value": word},
            code="source",
        )
    source = source_find(commune, _SOURCES[word], cells["referencia"])
    return WeighInRow(date=date, material=material, gross_g=gross, tare_g=tare, source=source)


class WeighInImporter(Importer[WeighInRow, WeighInSummary]):
    """The yard's weigh-ins for the pipeline: one weigh-in per row."""

    kind = KIND
    columns = COLUMNS

    def row_read(self, number: int, cells: dict[str, str], job: Job) -> WeighInRow:
        return _read(cells, job.commune)

    def rows_apply(self, rows: Iterator[tuple[int, WeighInRow]], job: Job) -> WeighInSummary:
        """Record every row as the phone page would; each refusal named by its row."""
        count = net = 0
        by = job.by if job.by is not None and job.by.pk else None
        for number, row in rows:
            try:
                weighin = weighin_record(
                    commune=job.commune,
                    material=row.material,
                    date=row.date,
                    gross_g=row.gross_g,
                    tare_g=row.tare_g,
                    by=by,  # type: ignore[arg-type]
                    author=job.author,
                    **row.source.as_kwargs(),
                )
            except Refusal as refusal:
                job.refuse(number, refusal.message, code=refusal.code)
                continue
            count += 1
            net += weighin.net_g
        return WeighInSummary(rows=count, net_g=net)


WEIGHINS = WeighInImporter()


def weighins_import(
    *,
    commune: Commune,
    content: bytes,
    filename: str,
    author: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Outcome[WeighInSummary]:
    """Record every row of the file, or nothing (``comuna recycling weighins import FILE``)."""
    return file_import(
        importer=WEIGHINS,
        commune=commune,
        filename=filename,
        content=content,
        author=author,
        dry_run=dry_run,
        progress=progress,
    )
