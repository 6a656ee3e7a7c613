"""Street distances for a day's collection points, beside baselines timed in the same run.

    .venv/bin/python benchmarks/streets.py [--places 400] [--repeat 3] [--seed 11]

Writes the demo barrio (comuna.demo.street_extract) as OSM XML and PBF, reads both, saves
and loads the network, and computes the matrix for the depot, landfill, recycling yard and
``--places`` collection points with ``StreetNetwork.matrix`` (scipy's Dijkstra from the
snapped nodes only, ``indices=``). Baselines on the same graph: Dijkstra from every node of
the network (what a call without ``indices`` does: all pairs, then pick the rows), and one
single-source Dijkstra per pair (timed on a sample of sources and scaled to every pair).
Also prints how much longer the streets are than the straight line: the figure to set the
detour factor by when a commune has no extract.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.sparse.csgraph import dijkstra

from comuna.demo.street_extract import DEMO_CENTER, demo_places, write_demo_extract
from comuna.engines.streets import StreetNetwork, haversine_m, straight_line_matrix


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time street distance matrices.")
    parser.add_argument("--places", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--sample", type=int, default=40, help="sources timed per pair")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xml = write_demo_extract(folder / "barrio.osm", center=DEMO_CENTER, seed=args.seed)
        pbf = write_demo_extract(folder / "barrio.osm.pbf", center=DEMO_CENTER, seed=args.seed)
        saved = folder / "streets.npz"
        net = StreetNetwork.from_osm(xml.path)
        net.save(saved)
        read_xml = best_of(args.repeat, lambda: StreetNetwork.from_osm(xml.path))
        read_pbf = best_of(args.repeat, lambda: StreetNetwork.from_osm(pbf.path))
        load = best_of(args.repeat, lambda: StreetNetwork.load(saved))
        sizes = (xml.path.stat().st_size, pbf.path.stat().st_size, saved.stat().st_size)

    got = demo_places(xml, args.places, seed=args.seed, network=net)
    places = [got.depot, got.landfill, got.recycling_yard, *(p.coordinate for p in got.points)]
    n = len(places)
    matrix = net.matrix(places)
    ours = best_of(args.repeat, lambda: net.matrix(places))
    straight = best_of(args.repeat, lambda: straight_line_matrix(places, detour=1.3))

    # Baseline 1: every node to every node, then the rows and columns wanted.
    nodes = np.array(net.snap(places))
    graph = net.adjacency
    start = time.perf_counter()
    full = dijkstra(graph, directed=True)[np.ix_(nodes, nodes)]
    all_pairs = time.perf_counter() - start
    ours_nodes = dijkstra(graph, directed=True, indices=nodes)[:, nodes]
    assert np.array_equal(full, ours_nodes)
    del full

    # Baseline 2: one single-source run per pair (scipy cannot stop at the target).
    sample = nodes[: args.sample]
    start = time.perf_counter()
    for source in sample:
        dijkstra(graph, directed=True, indices=int(source))
    per_pair = (time.perf_counter() - start) / len(sample) * n * (n - 1)

    ratios = [
        matrix[i][j] / haversine_m(places[i], places[j])
        for i in range(n)
        for j in range(n)
        if i != j and haversine_m(places[i], places[j]) > 200
    ]
    asymmetric = sum(matrix[i][j] != matrix[j][i] for i in range(n) for j in range(i))

    print(
        f"Demo barrio: {net.node_count} street nodes, {net.edge_count} directed edges, "
        f"{net.total_km:.0f} km of street; {n} places; best of {args.repeat}"
    )
    print(f"  read OSM XML ({sizes[0] / 1e6:.2f} MB):          {read_xml * 1000:9.1f} ms")
    print(f"  read OSM PBF ({sizes[1] / 1e6:.2f} MB):          {read_pbf * 1000:9.1f} ms")
    print(f"  load saved .npz ({sizes[2] / 1e6:.2f} MB):       {load * 1000:9.1f} ms")
    print(f"  matrix {n}x{n} (Dijkstra from places):   {ours * 1000:9.1f} ms")
    print(f"  baseline: Dijkstra from every node:     {all_pairs * 1000:9.1f} ms")
    print(f"  baseline: one Dijkstra per pair (est.): {per_pair * 1000:9.1f} ms")
    print(f"  straight-line x detour, same places:    {straight * 1000:9.1f} ms")
    print(
        f"  street / straight line (pairs > 200 m): median {statistics.median(ratios):.2f}, "
        f"90th percentile {statistics.quantiles(ratios, n=10)[-1]:.2f}"
    )
    print(
        f"  pairs whose two directions differ (one-way streets): {asymmetric} of {n * (n - 1) // 2}"
    )


if __name__ == "__main__":
    main()
