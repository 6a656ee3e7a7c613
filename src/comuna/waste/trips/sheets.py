"""The printed route sheet: what a truck's crew carries, and what the manager types back.

One A4 page (or more) per route in the house style (``core.pdf``): the day, the truck, the
expected kg and litres, a drawn map of the route (the stops joined in order, over the streets
when the enterprise has imported a street network), the stops in order with a column to write
the kg collected, boxes for the km and litres, and the lines to sign. ``plan_sheets_pdf``
prints every route of a day's plan in one file.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from comuna.core.pdf import (
    ACCENT,
    BOLD,
    RULE,
    WIDTH,
    document_build,
    paragraph,
    particulars,
    signature_lines,
    table,
)
from comuna.engines.streets import (
    Coordinate,
    RouteDrawing,
    StreetError,
    route_drawing,
)
from comuna.waste.models import DayPlan, Route, Stop, StopKind
from comuna.waste.services.distances import network_of

MAP_HEIGHT = 95 * mm


def route_stops(route: Route) -> list[Stop]:
    return list(route.stops.select_related("point", "site").order_by("sequence"))


def stop_coordinate(stop: Stop) -> Coordinate:
    # A database constraint: a stop is a point or a site, never neither.
    if stop.point is not None:
        return Coordinate(stop.point.latitude, stop.point.longitude)
    if stop.site is None:
        raise ValueError(f"stop {stop.pk} has no place")
    return Coordinate(stop.site.latitude, stop.site.longitude)


def route_picture(route: Route, stops: Sequence[Stop], width: float, height: float) -> RouteDrawing:
    """The route drawn through its stops in order, over the streets when they are known, else
    in straight lines (the one function both the sheet and the phone page draw with)."""
    coords = [stop_coordinate(s) for s in stops]
    network = network_of(route.plan.enterprise)
    try:
        return route_drawing(coords, network=network, width=width, height=height)
    except StreetError:
        return route_drawing(coords, network=None, width=width, height=height)


class RouteMap(Flowable):  # type: ignore[misc]
    """A route drawing on the page: streets in grey, the route in red, numbered stops."""

    def __init__(self, drawing: RouteDrawing, labels: Sequence[str]) -> None:
        super().__init__()
        self.drawing = drawing
        self.labels = labels
        self.width, self.height = drawing.width, drawing.height

    def draw(self) -> None:
        canvas, d, h = self.canv, self.drawing, self.drawing.height
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.rect(0, 0, d.width, h)
        canvas.setLineWidth(0.3)
        for (x1, y1), (x2, y2) in d.streets:
            canvas.line(x1, h - y1, x2, h - y2)
        if len(d.line) > 1:
            path = canvas.beginPath()
            path.moveTo(d.line[0][0], h - d.line[0][1])
            for x, y in d.line[1:]:
                path.lineTo(x, h - y)
            canvas.setStrokeColor(ACCENT)
            canvas.setLineWidth(1.4)
            canvas.drawPath(path, stroke=1, fill=0)
        canvas.setFont(BOLD, 6.5)
        for (x, y), label in zip(d.stops, self.labels, strict=False):
            canvas.setFillColor(colors.white)
            canvas.setStrokeColor(colors.black)
            canvas.setLineWidth(0.6)
            canvas.circle(x, h - y, 5, stroke=1, fill=1)
            canvas.setFillColor(colors.black)
            canvas.drawCentredString(x, h - y - 2.2, label)


def _kind(stop: Stop) -> str:
    if stop.kind == StopKind.POINT and stop.point is not None:
        return str(stop.point.get_kind_display())
    return str(stop.get_kind_display())


def _litres(ml: int) -> str:
    return formats.number_format(ml / 1000, 1, use_l10n=True, force_grouping=True)


def _km(metres: int) -> str:
    return formats.number_format(metres / 1000, 1, use_l10n=True, force_grouping=True)


def _route_story(route: Route) -> list[Flowable]:
    stops = route_stops(route)
    plan = route.plan
    title = _("Route sheet · %(vehicle)s · %(date)s") % {
        "vehicle": route.vehicle,
        "date": formats.date_format(plan.date, "SHORT_DATE_FORMAT"),
    }
    numbers = [str(n) for n in range(len(stops))]
    rows: list[list[object]] = [
        [_("No."), _("Point"), _("Place"), _("Kind"), _("kg expected"), _("kg collected")]
    ]
    for n, stop in zip(numbers, stops, strict=True):
        if stop.kind == StopKind.POINT and stop.point is not None:
            rows.append(
                [n, stop.point.code, stop.point.name, _kind(stop), str(stop.expected_kg), ""]
            )
        else:
            site = stop.site.name if stop.site is not None else ""
            rows.append([n, "", site, _kind(stop), "", ""])
    points = sum(1 for s in stops if s.kind == StopKind.POINT)
    unloadings = sum(1 for s in stops if s.kind == StopKind.UNLOAD)
    story: list[Flowable] = [
        paragraph(title, "title"),
        particulars(
            [
                (_("Enterprise"), plan.enterprise.name),
                (_("Vehicle"), str(route.vehicle)),
                (_("Points"), str(points)),
                (_("Unloadings"), str(unloadings)),
                (_("kg expected"), str(route.kg)),
                (_("Distance"), _("%(km)s km") % {"km": _km(route.metres)}),
                (_("Diesel"), _("%(litres)s L") % {"litres": _litres(route.litres_ml)}),
            ]
        ),
        Spacer(1, 3 * mm),
        RouteMap(route_picture(route, stops, WIDTH, MAP_HEIGHT), numbers),
        Spacer(1, 3 * mm),
        table(
            rows,
            [10 * mm, 20 * mm, WIDTH - 112 * mm, 32 * mm, 24 * mm, 26 * mm],
            numeric={0, 4},
            row_height=8 * mm,
        ),
        Spacer(1, 4 * mm),
        particulars(
            [
                (_("km driven"), "________________"),
                (_("Litres used"), "________________"),
                (_("Note"), "____________________________________________________"),
            ],
            label_width=32 * mm,
        ),
        signature_lines([_("Driver"), _("Enterprise manager")], heading=_("Signatures")),
    ]
    return story


def _build(routes: Sequence[Route], title: str) -> bytes:
    story: list[Flowable] = []
    for n, route in enumerate(routes):
        if n:
            story.append(PageBreak())
        story.extend(_route_story(route))
    if not story:
        story.append(paragraph(_("This plan has no routes."), "body"))
    commune = routes[0].plan.commune.name if routes else ""
    return document_build(story, title=title, commune_name=commune, note=title)


def route_sheet_pdf(route: Route) -> bytes:
    """The printed sheet of one route."""
    title = _("Route sheet · %(vehicle)s · %(date)s") % {
        "vehicle": route.vehicle,
        "date": formats.date_format(route.plan.date, "SHORT_DATE_FORMAT"),
    }
    return _build([route], title)


def plan_sheets_pdf(plan: DayPlan) -> bytes:
    """Every route sheet of a day's plan, one after the other, in one PDF."""
    routes = list(plan.routes.select_related("vehicle", "plan", "plan__enterprise"))
    title = _("Route sheets · %(date)s") % {
        "date": formats.date_format(plan.date, "SHORT_DATE_FORMAT")
    }
    if not routes:
        return document_build(
            [paragraph(_("This plan has no routes."), "body")],
            title=title,
            commune_name=plan.commune.name,
        )
    return _build(routes, title)
