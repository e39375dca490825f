"""The map's data: country boundaries from a locked package, and the ISO code table.

The boundaries are Natural Earth's (1:10m admin-0 "map units", public domain), as
shipped inside the ``pyworldatlas-mapdata-overview`` wheel: an SQLite file whose rows
hold one zlib-compressed JSON document per country, keyed by ISO 3166-1 alpha-2 code,
with the rings simplified to an overview scale. Only the ``boundary`` rings are used;
they keep Natural Earth's orientation (outer rings clockwise, holes anticlockwise), so
an even-odd fill draws enclaves correctly. Nothing is fetched from the network; see
``data/README.md`` for the data and the ISO table.

The package is a build dependency like any other: when it is missing or unreadable the
build stops with a :class:`~builder.errors.DataError` naming it, rather than publishing
a site that silently lacks its map.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from functools import lru_cache
from importlib import metadata
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

from builder.errors import DataError, Problem
from builder.pictures.geometry import (
    Box,
    Point,
    Ring,
    bbox,
    label_point,
    point_in_ring,
    signed_area,
)

DATA_PACKAGE = "pyworldatlas_mapdata_overview"
ATTRIBUTION = "Boundaries: Natural Earth (public domain), via pyworldatlas-mapdata-overview."
ISO_TABLE = Path(__file__).resolve().parent / "data" / "iso3166_alpha3_to_alpha2.json"
HINT = "install the locked requirements (make site)"


def distribution() -> str:
    """The package's name as pip spells it (and as the error names it)."""
    return DATA_PACKAGE.replace("_", "-")


def data_version() -> str:
    """The installed package's version, for cache keys; "absent" when not installed
    (drawing then raises the clear error, so nothing is cached under it)."""
    try:
        return metadata.version(distribution())
    except metadata.PackageNotFoundError:
        return "absent"


@lru_cache(maxsize=1)
def iso3_to_iso2() -> dict[str, str]:
    table: dict[str, str] = json.loads(ISO_TABLE.read_text(encoding="utf-8"))
    return table


@lru_cache(maxsize=1)
def load_boundaries() -> dict[str, list[Ring]]:
    """Every country's rings as (lon, lat) lists, keyed by ISO 3166-1 alpha-2 code.

    Raises DataError when the package is not installed or its data cannot be read.
    """
    with as_file(_database()) as path:
        try:
            return _read(path)
        except (sqlite3.Error, zlib.error, ValueError, KeyError, TypeError) as error:
            raise _unavailable(
                f"the map data in {distribution()} is unreadable: {error}"
            ) from error


def _database() -> Traversable:
    try:
        return files(DATA_PACKAGE) / "data" / "maps.sqlite3"
    except ModuleNotFoundError as error:
        raise _unavailable(
            f"the map of the participants needs the package {distribution()}, "
            "which is not installed"
        ) from error


def _unavailable(message: str) -> DataError:
    return DataError([Problem(distribution(), 1, 1, "", message, HINT)])


def _read(path: Path) -> dict[str, list[Ring]]:
    # Read-only and immutable: the file sits inside an installed wheel.
    connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    try:
        query = "SELECT alpha2, payload FROM country_map ORDER BY alpha2"
        boundaries: dict[str, list[Ring]] = {}
        for alpha2, payload in connection.execute(query):
            document = json.loads(zlib.decompress(payload))
            boundaries[str(alpha2)] = [
                [(float(lon), float(lat)) for lon, lat in ring]
                for ring in document["boundary"]
                if len(ring) >= 4
            ]
        return boundaries
    finally:
        connection.close()


@lru_cache(maxsize=1)
def ring_boxes() -> dict[str, list[Box]]:
    """The lon/lat box of every ring of :func:`load_boundaries`, in the same order."""
    return {code: [bbox(r) for r in rings] for code, rings in load_boundaries().items()}


def without_data_gaps(alpha2: str, rings: list[Ring]) -> list[Ring]:
    """Drop holes that no other country fills: gaps in the data, not enclaves.

    Natural Earth's map units cut some leased areas out as units of their own with no
    ISO code, so the data package leaves holes there. A real enclave is filled by its
    own country and keeps its hole.
    """
    kept: list[Ring] = []
    for ring in rings:
        if signed_area(ring) <= 0:  # an outer ring (clockwise in lon/lat)
            kept.append(ring)
            continue
        x0, y0, x1, y1 = bbox(ring)
        inside = label_point(ring, precision=max(x1 - x0, y1 - y0) / 50)
        if _filled_by_another(inside, alpha2):
            kept.append(ring)
    return kept


def _filled_by_another(point: Point, alpha2: str) -> bool:
    """Whether an outer ring of a country other than ``alpha2`` covers the point."""
    boundaries, boxes = load_boundaries(), ring_boxes()
    return any(
        box[0] <= point[0] <= box[2]
        and box[1] <= point[1] <= box[3]
        and signed_area(other) < 0
        and point_in_ring(point, other)
        for code, others in boundaries.items()
        if code != alpha2
        for other, box in zip(others, boxes[code], strict=True)
    )
