"""The route's map over the streets, when the enterprise has a street network."""

from __future__ import annotations

from pathlib import Path

import pytest

from comuna.demo.street_extract import demo_places, write_demo_extract
from comuna.engines.streets import StreetNetwork
from comuna.waste.models import Site, SiteKind
from comuna.waste.trips import sheets
from tests.conftest import World
from tests.pdf import pdf_text
from tests.waste.factories_trips import plan_make


def test_with_a_street_network_the_route_follows_the_streets(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extract = write_demo_extract(tmp_path / "barrio.osm", councils=2)
    network = StreetNetwork.from_osm(extract.path)
    places = demo_places(extract, 6, network=network)
    plan = plan_make(world.council)
    for point, place in zip(plan.points, places.points, strict=False):
        point.latitude, point.longitude = place.coordinate.lat, place.coordinate.lon
        point.save(update_fields=["latitude", "longitude"])
    for site in Site.objects.all():
        where = extract.depot if site.kind == SiteKind.DEPOT else extract.landfill
        site.latitude, site.longitude = where.lat, where.lon
        site.save(update_fields=["latitude", "longitude"])
    route = plan.routes[0]
    stops = sheets.route_stops(route)

    straight = sheets.route_picture(route, stops, 360, 260)
    assert straight.streets == [] and len(straight.line) == len(stops)

    monkeypatch.setattr(sheets, "network_of", lambda enterprise: network)
    drawn = sheets.route_picture(route, stops, 360, 260)
    assert drawn.streets and len(drawn.line) > len(stops)
    assert "P001" in pdf_text(sheets.route_sheet_pdf(route))


def test_a_network_the_stops_are_off_falls_back_to_straight_lines(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extract = write_demo_extract(tmp_path / "barrio.osm", councils=2)
    network = StreetNetwork.from_osm(extract.path)
    plan = plan_make(world.council)  # its points are kilometres away from the barrio
    monkeypatch.setattr(sheets, "network_of", lambda enterprise: network)
    route = plan.routes[0]
    stops = sheets.route_stops(route)
    drawn = sheets.route_picture(route, stops, 360, 260)
    assert drawn.streets == [] and len(drawn.line) == len(stops)
