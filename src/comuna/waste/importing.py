"""Collection points from a spreadsheet, all of them or none.

Columns (Spanish, or their English aliases): ``codigo`` (code), ``lugar`` (place), ``consejo``
(the council's code), optional ``sector`` (its name), ``tipo`` (kind: contenedor, mercado,
escuela, ambulatorio, otro), ``latitud``, ``longitud``, ``llenado_kg`` (estimated kg per
day), optional ``obligatorio`` (sí/no). A code already known updates that point (moving it
makes the distances be computed again). Every bad row is named: no coordinates, a place off
the street network, an unknown council or sector, an unknown kind, a code twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.census.models import Council, Sector
from comuna.core.imports import Importer, Job, Outcome, file_import
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import Column, header_key
from comuna.engines.streets import Coordinate
from comuna.enterprises.models import Enterprise
from comuna.users.models import User
from comuna.waste.models import CollectionPoint, PointKind
from comuna.waste.services.distances import points_off_network
from comuna.waste.services.territory import waste_enterprises

KIND = "waste_points"
COLUMNS: tuple[Column, ...] = (
    Column("codigo", aliases=("code",), help=gettext_lazy("The point's code, such as CC01-07.")),
    Column("lugar", aliases=("place", "name", "nombre"), help=gettext_lazy("Where it is.")),
    Column("consejo", aliases=("council",), help=gettext_lazy("The council's code.")),
    Column(
        "sector",
        required=False,
        help=gettext_lazy("The name of the council's sector (optional)."),
    ),
    Column(
        "tipo",
        aliases=("kind", "type"),
        help=gettext_lazy("contenedor, mercado, escuela, ambulatorio or otro."),
    ),
    Column("latitud", aliases=("latitude", "lat"), help=gettext_lazy("Latitude, such as 10.4640.")),
    Column(
        "longitud",
        aliases=("longitude", "lon"),
        help=gettext_lazy("Longitude, such as -66.9800."),
    ),
    Column(
        "llenado_kg",
        aliases=("fill_kg", "kg_dia", "fill"),
        help=gettext_lazy("The waste it gathers in a day, in kg (an estimate)."),
    ),
    Column(
        "obligatorio",
        aliases=("required",),
        required=False,
        help=gettext_lazy("sí when it must be served every collection day."),
    ),
)
HEADER = [column.name for column in COLUMNS]
_KINDS = {
    "contenedor": PointKind.CONTAINER,
    "container": PointKind.CONTAINER,
    "mercado": PointKind.MARKET,
    "market": PointKind.MARKET,
    "escuela": PointKind.SCHOOL,
    "school": PointKind.SCHOOL,
    "ambulatorio": PointKind.CLINIC,
    "clinica": PointKind.CLINIC,
    "clinic": PointKind.CLINIC,
    "otro": PointKind.OTHER,
    "other": PointKind.OTHER,
}
_YES = {"si", "s", "yes", "y", "x", "1", "true", "verdadero"}
_NO = {"", "no", "n", "0", "false", "falso"}


@dataclass(frozen=True, slots=True)
class PointRow:
    code: str
    name: str
    council: str
    sector: str
    kind: str
    latitude: float
    longitude: float
    fill_kg_per_day: int
    required: bool


@dataclass(frozen=True, slots=True)
class PointsSummary:
    created: int = 0
    updated: int = 0

    def record(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated}

    def sentence(self) -> str:
        return _("%(created)s collection points added, %(updated)s updated.") % {
            "created": self.created,
            "updated": self.updated,
        }


def _number(text: str, what: str) -> float:
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        raise Refusal(_("The %(what)s is missing: a point needs its coordinates.") % {"what": what})
    try:
        return float(cleaned)
    except ValueError:
        raise Refusal(_("“%(value)s” is not a %(what)s.") % {"value": text, "what": what}) from None


def enterprise_for_import(commune: Commune, options: dict[str, str] | Any) -> Enterprise:
    """The waste-collection enterprise the points go to: the one named, or the first working."""
    enterprises = waste_enterprises(commune)
    chosen = str(options.get("enterprise", "")) if options else ""
    found = enterprises.filter(pk=int(chosen)).first() if chosen.isdigit() else enterprises.first()
    if found is None:
        raise Refusal(_("The commune has no waste-collection enterprise."), code="no_enterprise")
    return found


class PointsImporter(Importer[PointRow, PointsSummary]):
    kind = KIND
    columns = COLUMNS

    def row_read(self, number: int, cells: dict[str, str], job: Job) -> PointRow:
        code = cells["codigo"].strip().upper()
        if not code:
            raise Refusal(_("The code is missing."))
        if len(code) > 20:
            raise Refusal(_("The code is longer than 20 characters."))
        kind = _KINDS.get(header_key(cells["tipo"]))
        if kind is None:
            raise Refusal(_("“%(value)s” is not a kind of point.") % {"value": cells["tipo"]})
        latitude = _number(cells["latitud"], _("latitude"))
        longitude = _number(cells["longitud"], _("longitude"))
        if not -90 <= latitude <= 90 or not -180 <= longitude <= 180:
            raise Refusal(_("The coordinates are not on Earth."))
        fill_text = cells["llenado_kg"].strip()
        if not fill_text.isdigit() or int(fill_text) > 100_000:
            raise Refusal(
                _("The fill “%(value)s” is not a whole number of kg.") % {"value": fill_text}
            )
        required_text = header_key(cells.get("obligatorio", ""))
        if required_text not in _YES | _NO:
            raise Refusal(_("Write sí or no under obligatorio."))
        return PointRow(
            code=code,
            name=" ".join(cells["lugar"].split())[:150] or code,
            council=cells["consejo"].strip().upper(),
            sector=" ".join(cells.get("sector", "").split()),
            kind=kind,
            latitude=latitude,
            longitude=longitude,
            fill_kg_per_day=int(fill_text),
            required=required_text in _YES,
        )

    def rows_apply(self, rows: Iterator[tuple[int, PointRow]], job: Job) -> PointsSummary:
        enterprise = enterprise_for_import(job.commune, job.options)
        councils = {c.code.upper(): c for c in Council.objects.of(job.commune)}
        sectors = {(s.council_id, s.name.lower()): s for s in Sector.objects.of(job.commune)}
        known = {
            p.code: p for p in CollectionPoint.objects.of(job.commune).filter(enterprise=enterprise)
        }
        seen: dict[str, int] = {}
        read: list[tuple[int, PointRow]] = []
        for number, row in rows:
            if row.code in seen:
                job.refuse(
                    number,
                    _("The code %(code)s is also on row %(row)s.")
                    % {"code": row.code, "row": seen[row.code]},
                )
                continue
            seen[row.code] = number
            if row.council not in councils:
                job.refuse(number, _("No council has the code %(code)s.") % {"code": row.council})
                continue
            council = councils[row.council]
            if row.sector and (council.pk, row.sector.lower()) not in sectors:
                job.refuse(
                    number,
                    _("The council %(council)s has no sector called %(sector)s.")
                    % {"council": council.code, "sector": row.sector},
                )
                continue
            read.append((number, row))
        off = points_off_network(
            enterprise, [Coordinate(row.latitude, row.longitude) for _, row in read]
        )
        for index in off:
            job.refuse(read[index][0], _("The place is too far from any street of the network."))
        if not job.writes:
            return PointsSummary(
                created=sum(1 for _, r in read if r.code not in known),
                updated=sum(1 for _, r in read if r.code in known),
            )
        created: list[CollectionPoint] = []
        updated: list[CollectionPoint] = []
        with transaction.atomic():
            for _at, row in read:
                council = councils[row.council]
                point = known.get(row.code) or CollectionPoint(enterprise=enterprise)
                point.code, point.name, point.council = row.code, row.name, council
                point.sector = sectors.get((council.pk, row.sector.lower())) if row.sector else None
                point.kind, point.latitude, point.longitude = row.kind, row.latitude, row.longitude
                point.fill_kg_per_day, point.required = row.fill_kg_per_day, row.required
                (updated if point.pk else created).append(point)
            CollectionPoint.objects.bulk_create(created)
            CollectionPoint.objects.bulk_update(
                updated,
                [
                    "name",
                    "council",
                    "sector",
                    "kind",
                    "latitude",
                    "longitude",
                    "fill_kg_per_day",
                    "required",
                ],
            )
        return PointsSummary(created=len(created), updated=len(updated))


POINTS = PointsImporter()


def points_import(
    *,
    commune: Commune,
    content: bytes,
    filename: str,
    by: User | None = None,
    author: str = "",
    dry_run: bool = False,
) -> Outcome[PointsSummary]:
    """Import the points of a file, all or nothing (the command line's way in)."""
    return file_import(
        importer=POINTS,
        commune=commune,
        filename=filename,
        content=content,
        by=by,
        author=author,
        dry_run=dry_run,
    )
