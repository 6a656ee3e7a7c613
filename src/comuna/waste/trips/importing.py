"""Trip logs from a spreadsheet: the paper sheets of many days typed into one file.

One row per collection point served (or one row with no point for a route that served none):
``fecha`` (the plan's date), ``placa`` (the truck's plate), ``km``, ``litros``, ``punto`` (the
point's code) and ``kg``. The rows of one route (same date and plate) repeat its km and litres,
or leave them empty after its first row. Through the one import pipeline
(``comuna.core.imports``): every bad row is named by its row number, and the file is logged
and posted whole or not at all. Each route goes through ``trip_log_record``, as on the phone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.core.imports import Importer, Job
from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import Column
from comuna.engines import ledger as engine
from comuna.engines.ledger import parse_amount
from comuna.ledger.importing import parse_date
from comuna.users.models import User
from comuna.waste.models import Route, StopKind, TripSource
from comuna.waste.trips.services import Weighing, trip_log_record

KIND = "waste_trips"
COLUMNS: tuple[Column, ...] = (
    Column(
        "fecha",
        aliases=("date", "dia"),
        help=gettext_lazy("The day of the plan: yyyy-mm-dd or dd/mm/yyyy."),
    ),
    Column("placa", aliases=("plate", "vehiculo"), help=gettext_lazy("The truck's plate.")),
    Column(
        "km",
        help=gettext_lazy(
            "The km driven that day (on the route's first row; later rows may be empty)."
        ),
    ),
    Column(
        "litros",
        aliases=("litres", "liters", "diesel", "gasoil"),
        help=gettext_lazy("The litres of diesel used, with a comma or a dot for decimals."),
    ),
    Column(
        "punto",
        aliases=("point", "codigo"),
        required=False,
        help=gettext_lazy("The code of a collection point served (empty: none served)."),
    ),
    Column("kg", required=False, help=gettext_lazy("The kg collected at that point.")),
)
HEADER = [column.name for column in COLUMNS]


@dataclass
class TripRow:
    date: dt.date
    plate: str
    metres: int | None
    litres_ml: int | None
    point: str
    kg: int | None


@dataclass
class _Trip:
    route: Route
    first_row: int
    metres: int | None = None
    litres_ml: int | None = None
    weighings: list[Weighing] = field(default_factory=list)


@dataclass(frozen=True)
class TripsSummary:
    routes: int = 0
    weighings: int = 0
    litres_ml: int = 0

    def record(self) -> dict[str, Any]:
        return {"routes": self.routes, "weighings": self.weighings, "litres_ml": self.litres_ml}

    def sentence(self) -> str:
        return _(
            "Logged %(routes)s routes with %(weighings)s points served; "
            "%(litres)s L of diesel out of the stock."
        ) % {
            "routes": self.routes,
            "weighings": self.weighings,
            "litres": f"{self.litres_ml / 1000:.1f}",
        }


def _thousandths(text: str, column: str) -> int | None:
    """A decimal number of km or litres as metres or mL; None when empty."""
    text = text.strip()
    if not text:
        return None
    if text.startswith("-"):
        raise Refusal(
            _("%(column)s cannot be negative (%(value)s).") % {"column": column, "value": text},
            code="negative",
        )
    try:
        return parse_amount(text, "L", decimal_separator="," if "," in text else ".")
    except engine.LedgerError:
        raise Refusal(
            _("%(column)s: “%(value)s” is not a number.") % {"column": column, "value": text},
            code="number",
        ) from None


def _kg(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        kg = int(text)
    except ValueError:
        raise Refusal(
            _("kg: “%(value)s” is not a whole number.") % {"value": text}, code="number"
        ) from None
    if kg < 0:
        raise Refusal(_("kg cannot be negative (%(value)s).") % {"value": text}, code="negative")
    return kg


class TripsImporter(Importer[TripRow, TripsSummary]):
    kind = KIND
    columns = COLUMNS

    def row_read(self, number: int, cells: dict[str, str], job: Job) -> TripRow:
        try:
            day = parse_date(cells["fecha"])
        except ValueError:
            raise Refusal(
                _("“%(value)s” is not a date (use 2025-03-31 or 31/03/2025).")
                % {"value": cells["fecha"]},
                code="date",
            ) from None
        plate = cells["placa"].strip().upper()
        if not plate:
            raise Refusal(_("The plate is missing."), code="plate")
        point = cells.get("punto", "").strip()
        kg = _kg(cells.get("kg", ""))
        if point and kg is None:
            raise Refusal(_("Point %(point)s has no kg.") % {"point": point}, code="kg")
        if kg is not None and not point:
            raise Refusal(_("The kg have no point: write the point's code."), code="point")
        return TripRow(
            date=day,
            plate=plate,
            metres=_thousandths(cells["km"], "km"),
            litres_ml=_thousandths(cells["litros"], _("litres")),
            point=point,
            kg=kg,
        )

    def rows_apply(self, rows: Iterator[tuple[int, TripRow]], job: Job) -> TripsSummary:
        trips: dict[tuple[dt.date, str], _Trip] = {}
        for number, row in rows:
            trip = trips.get((row.date, row.plate))
            if trip is None:
                route = self._route(job, number, row)
                if route is None:
                    continue
                trip = trips[(row.date, row.plate)] = _Trip(route=route, first_row=number)
            self._add(job, number, row, trip)
        by = job.by if isinstance(job.by, User) else None
        summary = TripsSummary()
        for trip in trips.values():
            if trip.metres is None or trip.litres_ml is None:
                job.refuse(trip.first_row, _("The route's km and litres are missing."), code="km")
                continue
            try:
                trip_log_record(
                    route=trip.route,
                    metres=trip.metres,
                    litres_ml=trip.litres_ml,
                    weighings=trip.weighings,
                    by=by,
                    source=TripSource.IMPORT,
                )
            except Refusal as refusal:
                job.refuse(trip.first_row, refusal.message, code=refusal.code)
                continue
            summary = TripsSummary(
                routes=summary.routes + 1,
                weighings=summary.weighings + len(trip.weighings),
                litres_ml=summary.litres_ml + trip.litres_ml,
            )
        return summary

    def _route(self, job: Job, number: int, row: TripRow) -> Route | None:
        routes = list(
            Route.objects.of(job.commune)
            .filter(plan__date=row.date, plan__current=True, vehicle__plate__iexact=row.plate)
            .select_related("plan", "plan__enterprise", "plan__commune", "vehicle")[:2]
        )
        if len(routes) != 1:
            job.refuse(
                number,
                _("No plan of %(date)s has a route for the truck %(plate)s.")
                % {"date": row.date.isoformat(), "plate": row.plate},
                code="no_such_route",
            )
            return None
        return routes[0]

    def _add(self, job: Job, number: int, row: TripRow, trip: _Trip) -> None:
        for name in ("metres", "litres_ml"):
            value, known = getattr(row, name), getattr(trip, name)
            if value is not None and known is not None and value != known:
                job.refuse(
                    number,
                    _("The km or litres differ from the route's first row (row %(row)s).")
                    % {"row": trip.first_row},
                    code="differs",
                )
                return
            if value is not None:
                setattr(trip, name, value)
        if not row.point:
            return
        stop = (
            trip.route.stops.filter(kind=StopKind.POINT, point__code__iexact=row.point)
            .only("pk")
            .first()
        )
        if stop is None:
            job.refuse(
                number,
                _("Point %(point)s is not on the route of %(plate)s on %(date)s.")
                % {"point": row.point, "plate": row.plate, "date": row.date.isoformat()},
                code="stop_not_on_route",
            )
            return
        if any(w.stop == stop.pk for w in trip.weighings):
            job.refuse(
                number, _("Point %(point)s is given twice.") % {"point": row.point}, code="twice"
            )
            return
        trip.weighings.append(Weighing(stop=stop.pk, kg=row.kg or 0))


TRIPS = TripsImporter()
