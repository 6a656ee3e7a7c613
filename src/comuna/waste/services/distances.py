"""Distances for the day's plan: the street network imported from an OpenStreetMap extract,
and the distance matrix over [depot, sites, points], cached in the data folder.

The network read from the extract is kept as ``COMUNA_HOME/streets/<enterprise uuid>.npz``;
a matrix as ``COMUNA_HOME/matrices/<key>.npy``, its key (``engines.streets.matrix_key``)
made of the places' coordinates and the network's fingerprint (or the detour factor): when a
point or a site moves, the key changes and the matrix is computed again.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.refusals import Refusal
from comuna.engines.streets import (
    BadExtract,
    Coordinate,
    NotConnected,
    OutsideNetwork,
    StreetError,
    StreetNetwork,
    matrix_key,
    straight_line_matrix,
)
from comuna.enterprises.models import Enterprise
from comuna.waste.models import CollectionSettings
from comuna.waste.services.territory import collection_settings_of

MAX_EXTRACT_BYTES = 200 * 1024 * 1024
_networks: dict[str, tuple[float, StreetNetwork]] = {}


def _home() -> Path:
    return Path(django_settings.COMUNA_HOME)


def _network_path(settings: CollectionSettings) -> Path | None:
    return _home() / settings.network_file if settings.network_file else None


def network_of(enterprise: Enterprise) -> StreetNetwork | None:
    """The enterprise's street network, or None when no extract was imported.

    Loaded once per process and again when the file changes (for trips' route drawing too).
    """
    path = _network_path(collection_settings_of(enterprise))
    if path is None or not path.is_file():
        return None
    mtime = path.stat().st_mtime
    cached = _networks.get(str(path))
    if cached is not None and cached[0] == mtime:
        return cached[1]
    network = StreetNetwork.load(path)
    _networks[str(path)] = (mtime, network)
    return network


def street_refusal(error: StreetError, names: Sequence[str] = ()) -> Refusal:
    """The engine's error in the person's language, naming the places when it can."""
    if isinstance(error, OutsideNetwork):
        indices = error.indices
        named = ", ".join(names[i] for i in indices if i < len(names)) or "?"
        return Refusal(
            _("Too far from any street of the network: %(places)s.") % {"places": named},
            code="outside_network",
        )
    if isinstance(error, NotConnected):
        return Refusal(_("Some places cannot be reached by street from the others."))
    if isinstance(error, BadExtract):
        reasons = {
            "no-streets": _("it holds no street a truck can drive."),
            "too-big-file": _("it is too big; export a smaller area or a .osm.pbf file."),
            "too-many-nodes": _("it has too many street nodes; export a smaller area."),
        }
        return Refusal(
            _("The file cannot be used as a street map: %(reason)s")
            % {"reason": reasons.get(error.reason, _("it is not an OpenStreetMap extract."))},
            field="file",
            code="bad_extract",
        )
    return Refusal(_("A place has coordinates that are not on Earth."), code="bad_coordinate")


@transaction.atomic
def network_import(
    *, enterprise: Enterprise, content: bytes | None = None, path: Path | None = None, filename: str
) -> CollectionSettings:
    """Read an OpenStreetMap extract (XML or PBF) and keep its street network for the plans."""
    if content is not None and len(content) > MAX_EXTRACT_BYTES:
        raise Refusal(_("The file is too big."), field="file")
    try:
        if path is not None:
            network = StreetNetwork.from_osm(path, max_bytes=MAX_EXTRACT_BYTES)
        else:
            with tempfile.NamedTemporaryFile(suffix=Path(filename).suffix) as tmp:
                tmp.write(content or b"")
                tmp.flush()
                network = StreetNetwork.from_osm(Path(tmp.name), max_bytes=MAX_EXTRACT_BYTES)
    except StreetError as error:
        raise street_refusal(error) from None
    relative = f"streets/{enterprise.uuid}.npz"
    target = _home() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    network.save(target)
    settings = collection_settings_of(enterprise)
    settings.network_file = relative
    settings.network_name = Path(filename).name[:255]
    settings.network_fingerprint = network.fingerprint
    settings.network_imported_at = timezone.now()
    settings.save()
    return settings


def distance_matrix(
    enterprise: Enterprise, coords: Sequence[Coordinate], names: Sequence[str] = ()
) -> list[list[int]]:
    """Whole metres from every place to every other, by street (or straight line × detour).

    Cached by the places' coordinates and the network: a moved point makes a new key.
    Refused (``Refusal``) when a place is off the network.
    """
    settings = collection_settings_of(enterprise)
    network = network_of(enterprise)
    key = matrix_key(coords, network.fingerprint if network is not None else None, settings.detour)
    cache = _home() / "matrices" / f"{key}.npy"
    if cache.is_file():
        try:
            loaded: list[list[int]] = np.load(cache, allow_pickle=False).tolist()
        except (OSError, ValueError):
            loaded = []
        if len(loaded) == len(coords):
            return loaded
    try:
        if network is None:
            matrix = straight_line_matrix(coords, detour=settings.detour)
        else:
            matrix = network.matrix(coords)
    except StreetError as error:
        raise street_refusal(error, names) from None
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(".part.npy")
    np.save(partial, np.asarray(matrix, dtype=np.int64), allow_pickle=False)
    partial.replace(cache)
    return matrix


def points_off_network(enterprise: Enterprise, coords: Sequence[Coordinate]) -> list[int]:
    """Indices of the places too far from any street (none without a network)."""
    network = network_of(enterprise)
    if network is None or not coords:
        return []
    try:
        network.snap(coords)
    except OutsideNetwork as error:
        return list(error.indices)
    except StreetError:
        return []
    return []
