"""A static SVG map of countries in their true shapes, made at build time.

The boundaries are Natural Earth's (1:10m admin-0 "map units", public domain), as
shipped inside the ``pyworldatlas-mapdata-overview`` wheel: an SQLite file whose rows
hold one zlib-compressed JSON document per country, keyed by ISO 3166-1 alpha-2 code,
with the rings simplified to an overview scale. Only the ``boundary`` rings are used;
they keep Natural Earth's orientation (outer rings clockwise, holes anticlockwise), so
an even-odd fill draws enclaves correctly. Nothing is fetched from the network.

The map is projected with an Albers equal-area conic fitted to the selected countries,
clipped to the view, simplified to about half a pixel, and written with one decimal.
Selected countries are links (``<a href>`` with a ``<title>``) that keyboard and screen
reader users can reach; neighbours inside the view are drawn faint for context and hidden
from assistive technology. The root carries ``role="group"`` (not ``img``, which would
hide the links) named by its ``<title>`` and described by its ``<desc>``.

Styling uses the classes ``briefing-map``, ``map-country`` (``map-highlight`` when
highlighted), ``map-neighbour``, ``map-label`` and ``map-credit``; a small ``<style>``
inside the SVG gives defaults from CSS variables (``--briefing-map-fill``,
``--briefing-map-highlight``, ``--briefing-map-bg``) that fall back to Material's
``--md-typeset-a-color`` / ``--md-default-bg-color``, so it follows light and dark mode.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import re
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import NamedTuple

from markupsafe import escape

from builder.escape import checked_href

DATA_PACKAGE = "pyworldatlas_mapdata_overview"
ATTRIBUTION = "Boundaries: Natural Earth (public domain), via pyworldatlas-mapdata-overview."
_ISO_TABLE = Path(__file__).resolve().parent / "geodata" / "iso3166_alpha3_to_alpha2.json"

Point = tuple[float, float]
Ring = list[Point]

# Rendering constants (pixels in the viewBox).
_PAD = 0.06  # padding around the selected countries, as a share of the larger span
_MAX_ASPECT = 2.0  # a wider map grows taller (more context north and south)
_MIN_ASPECT = 1.25  # a taller map grows wider
_TOLERANCE = 0.5  # Douglas-Peucker tolerance in px
_MIN_RING_AREA = 0.6  # rings smaller than this (px²) are dropped
_EXTENT_SHARE = 0.01  # rings under 1% of a country's largest one do not widen the view
_LABEL_SIZE = 13.0
_CLIP_MARGIN = 2.0


class MapDataUnavailableError(RuntimeError):
    """The boundary data package is not installed (it is a build dependency)."""


@dataclass(frozen=True)
class MapCountry:
    """A country to draw and link: ISO 3166-1 alpha-3 code, display name, link target."""

    iso3: str
    name: str
    href: str
    highlight: bool = False


class RenderedMap(NamedTuple):
    """The SVG text ("" when nothing could be drawn) and one warning per skipped country."""

    svg: str
    warnings: list[str]


# --------------------------------------------------------------------------- data


@lru_cache(maxsize=1)
def _iso3_to_iso2() -> dict[str, str]:
    table: dict[str, str] = json.loads(_ISO_TABLE.read_text(encoding="utf-8"))
    return table


@lru_cache(maxsize=1)
def load_boundaries() -> dict[str, list[Ring]]:
    """Every country's rings as (lon, lat) lists, keyed by ISO 3166-1 alpha-2 code."""
    try:
        resource = files(DATA_PACKAGE) / "data" / "maps.sqlite3"
    except ModuleNotFoundError as error:
        raise MapDataUnavailableError(
            f"the map needs the package {DATA_PACKAGE.replace('_', '-')} "
            "(install the locked requirements)"
        ) from error
    boundaries: dict[str, list[Ring]] = {}
    with as_file(resource) as path:
        uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
        try:
            connection = sqlite3.connect(uri, uri=True)
            try:
                query = "SELECT alpha2, payload FROM country_map ORDER BY alpha2"
                for alpha2, payload in connection.execute(query):
                    document = json.loads(zlib.decompress(payload))
                    boundaries[str(alpha2)] = [
                        [(float(lon), float(lat)) for lon, lat in ring]
                        for ring in document["boundary"]
                        if len(ring) >= 4
                    ]
            finally:
                connection.close()
        except (sqlite3.Error, zlib.error, ValueError, KeyError, TypeError) as error:
            raise MapDataUnavailableError(
                f"the map data in {DATA_PACKAGE.replace('_', '-')} is unreadable: {error}"
            ) from error
    return boundaries


@lru_cache(maxsize=1)
def _ring_boxes() -> dict[str, list[tuple[float, float, float, float]]]:
    return {code: [_bbox(r) for r in rings] for code, rings in load_boundaries().items()}


def _without_data_gaps(alpha2: str, rings: list[Ring]) -> list[Ring]:
    """Drop holes that no other country fills: gaps in the data, not enclaves.

    Natural Earth's map units cut some leased areas out as units of their own with no
    ISO code, so the data package leaves holes there. A real enclave is filled by its
    own country and keeps its hole.
    """
    boundaries, boxes = load_boundaries(), _ring_boxes()
    kept: list[Ring] = []
    for ring in rings:
        if _signed_area(ring) <= 0:  # an outer ring (clockwise in lon/lat)
            kept.append(ring)
            continue
        x0, y0, x1, y1 = _bbox(ring)
        inner = _label_point(ring, precision=max(x1 - x0, y1 - y0) / 50)
        filled = any(
            box[0] <= inner[0] <= box[2]
            and box[1] <= inner[1] <= box[3]
            and _signed_area(other) < 0
            and _point_in_ring(inner, other)
            for code, others in boundaries.items()
            if code != alpha2
            for other, box in zip(others, boxes[code], strict=True)
        )
        if filled:
            kept.append(ring)
    return kept


# --------------------------------------------------------------------------- geometry


def _signed_area(ring: Sequence[Point]) -> float:
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        total += x1 * y2 - x2 * y1
    return total / 2


class _Albers:
    """Albers equal-area conic on a sphere; y grows downwards (SVG)."""

    def __init__(self, lon0: float, lat1: float, lat2: float, lat0: float) -> None:
        self.lon0 = lon0
        phi1, phi2, phi0 = (math.radians(v) for v in (lat1, lat2, lat0))
        self.n = (math.sin(phi1) + math.sin(phi2)) / 2
        if abs(self.n) < 1e-6:  # standard parallels symmetric about the equator
            self.n = 1e-6
        self.c = math.cos(phi1) ** 2 + 2 * self.n * math.sin(phi1)
        self.rho0 = math.sqrt(max(self.c - 2 * self.n * math.sin(phi0), 0.0)) / self.n

    def __call__(self, lon: float, lat: float) -> Point:
        dlon = (lon - self.lon0 + 180.0) % 360.0 - 180.0
        theta = self.n * math.radians(dlon)
        rho = math.sqrt(max(self.c - 2 * self.n * math.sin(math.radians(lat)), 0.0)) / self.n
        return rho * math.sin(theta), -(self.rho0 - rho * math.cos(theta))

    def inverse(self, x: float, y: float) -> Point:
        sign = 1.0 if self.n > 0 else -1.0
        dy = self.rho0 + y  # y is downwards: the math y is -y
        rho = sign * math.hypot(x, dy)
        theta = math.atan2(sign * x, sign * dy)
        sin_lat = (self.c - (rho * self.n) ** 2) / (2 * self.n)
        lat = math.degrees(math.asin(max(-1.0, min(1.0, sin_lat))))
        return self.lon0 + math.degrees(theta / self.n), lat


def _bbox(points: Iterable[Point]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _clip(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland-Hodgman against an axis-aligned box (fine for filled areas)."""
    points = ring
    # (axis, bound, keep values above the bound?)
    for axis, bound, above in (
        (0, box[0], True),
        (0, box[2], False),
        (1, box[1], True),
        (1, box[3], False),
    ):
        if not points:
            break
        result: Ring = []
        previous = points[-1]
        for current in points:
            current_in = (current[axis] >= bound) if above else (current[axis] <= bound)
            previous_in = (previous[axis] >= bound) if above else (previous[axis] <= bound)
            if current_in != previous_in:
                t = (bound - previous[axis]) / (current[axis] - previous[axis])
                cut = (
                    previous[0] + t * (current[0] - previous[0]),
                    previous[1] + t * (current[1] - previous[1]),
                )
                result.append((bound, cut[1]) if axis == 0 else (cut[0], bound))
            if current_in:
                result.append(current)
            previous = current
        points = result
    return points


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _douglas_peucker(points: Ring, tolerance: float) -> Ring:
    """Simplify an open polyline, keeping both ends (iterative, no recursion limit)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            distance = _segment_distance(points[i], points[first], points[last])
            if distance > worst:
                worst, index = distance, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _simplify_ring(ring: Ring, tolerance: float) -> Ring:
    """Simplify a closed ring: split it at its first point and the point farthest from it."""
    if ring and ring[0] == ring[-1]:
        ring = ring[:-1]
    if len(ring) < 4:
        return ring
    start = ring[0]
    far = max(
        range(len(ring)), key=lambda i: (ring[i][0] - start[0]) ** 2 + (ring[i][1] - start[1]) ** 2
    )
    first = _douglas_peucker(ring[: far + 1], tolerance)
    second = _douglas_peucker([*ring[far:], start], tolerance)
    return first[:-1] + second[:-1]


def _point_in_ring(p: Point, ring: Sequence[Point]) -> bool:
    inside = False
    x, y = p
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _edge_distance(p: Point, ring: Sequence[Point]) -> float:
    return min(_segment_distance(p, a, b) for a, b in zip(ring, [*ring[1:], ring[0]], strict=True))


def _label_point(ring: Ring, precision: float = 0.5) -> Point:
    """Pole of inaccessibility of a ring (the 'polylabel' search), to ``precision``."""
    x0, y0, x1, y1 = _bbox(ring)
    size = max(min(x1 - x0, y1 - y0), 1e-9)
    root2 = math.sqrt(2)

    def signed(x: float, y: float) -> float:
        d = _edge_distance((x, y), ring)
        return d if _point_in_ring((x, y), ring) else -d

    # Heap of cells: (-potential, order, x, y, half size, distance); order keeps ties stable.
    queue: list[tuple[float, int, float, float, float, float]] = []
    order = 0

    def push(x: float, y: float, h: float) -> None:
        nonlocal order
        d = signed(x, y)
        heapq.heappush(queue, (-(d + h * root2), order, x, y, h, d))
        order += 1

    y = y0
    while y < y1:
        x = x0
        while x < x1:
            push(x + size / 2, y + size / 2, size / 2)
            x += size
        y += size
    area = _signed_area(ring)
    if area:
        cx = sum((a[0] + b[0]) * (a[0] * b[1] - b[0] * a[1]) for a, b in _pairs(ring))
        cy = sum((a[1] + b[1]) * (a[0] * b[1] - b[0] * a[1]) for a, b in _pairs(ring))
        best = (cx / (6 * area), cy / (6 * area))
    else:
        best = ((x0 + x1) / 2, (y0 + y1) / 2)
    best_d = signed(*best)
    while queue:
        _, _, x, y, h, d = heapq.heappop(queue)
        if d > best_d:
            best, best_d = (x, y), d
        if d + h * root2 - best_d <= precision:
            continue
        h /= 2
        for dx, dy in ((-h, -h), (h, -h), (-h, h), (h, h)):
            push(x + dx, y + dy, h)
    return best


def _pairs(ring: Sequence[Point]) -> Iterable[tuple[Point, Point]]:
    return zip(ring, [*ring[1:], ring[0]], strict=True)


# --------------------------------------------------------------------------- output


def _num(value: float) -> str:
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _path_data(rings: Iterable[Ring]) -> str:
    """Absolute first point, then relative moves between rounded points (no drift)."""
    parts: list[str] = []
    for ring in rings:
        rounded: list[tuple[int, int]] = []
        for x, y in ring:
            q = (round(x * 10), round(y * 10))
            if not rounded or rounded[-1] != q:
                rounded.append(q)
        if len(rounded) > 1 and rounded[0] == rounded[-1]:
            rounded.pop()
        if len(rounded) < 3:
            continue
        (ax, ay), rest = rounded[0], rounded[1:]
        pieces = [f"M{_num(ax / 10)} {_num(ay / 10)}l"]
        px, py = ax, ay
        deltas: list[str] = []
        for qx, qy in rest:
            deltas.append(f"{_num((qx - px) / 10)} {_num((qy - py) / 10)}")
            px, py = qx, qy
        pieces.append(" ".join(deltas))
        pieces.append("z")
        parts.append("".join(pieces))
    return "".join(parts).replace(" -", "-")


def _text_width(text: str, size: float) -> float:
    return 0.58 * size * len(text)


_STYLE = (
    ".briefing-map{max-width:100%;height:auto}"
    ".briefing-map .map-neighbours{opacity:.13}"
    ".briefing-map .map-neighbour{fill:currentColor;"
    "stroke:var(--briefing-map-bg,var(--md-default-bg-color,#fff));stroke-width:.8;"
    "fill-rule:evenodd}"
    ".briefing-map .map-country{fill:var(--briefing-map-fill,var(--md-typeset-a-color,#4051b5));"
    "fill-opacity:.55;stroke:var(--briefing-map-bg,var(--md-default-bg-color,#fff));"
    "stroke-width:1;fill-rule:evenodd}"
    ".briefing-map .map-highlight{fill:var(--briefing-map-highlight,"
    "var(--md-typeset-a-color,#4051b5));fill-opacity:.9}"
    ".briefing-map a:hover .map-country,.briefing-map a:focus .map-country{fill-opacity:1}"
    ".briefing-map a:focus{outline:none}"
    ".briefing-map a:focus-visible .map-country{stroke:currentColor;stroke-width:2.5}"
    ".briefing-map .map-labels{pointer-events:none}"
    ".briefing-map .map-label{fill:currentColor;font-weight:600;"
    "paint-order:stroke;"
    "stroke:var(--briefing-map-bg,var(--md-default-bg-color,#fff));stroke-width:3px;"
    "stroke-linejoin:round}"
    ".briefing-map .map-credit{fill:currentColor;fill-opacity:.7}"
)


def render_map(
    countries: Sequence[MapCountry],
    *,
    width: int = 720,
    title: str,
    description: str,
    id_prefix: str | None = None,
    neighbours: bool = True,
    credit: bool = True,
) -> RenderedMap:
    """Draw the given countries, fitted to the view, each a labelled link.

    Unknown codes, codes without boundary data and repeated codes are skipped with a
    warning; if nothing is left to draw, the SVG is "". The ids of ``<title>`` and
    ``<desc>`` start with ``id_prefix``, by default one derived from the content.
    Output is deterministic.
    """
    if id_prefix is None:
        seed = "\x00".join([title, description, *(c.iso3 for c in countries)])
        id_prefix = "map-" + hashlib.sha256(seed.encode()).hexdigest()[:10]
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", id_prefix):
        raise ValueError(f"id_prefix must be a plain identifier, not {id_prefix!r}")
    if width < 100:
        raise ValueError("width must be at least 100 px")
    iso_table = _iso3_to_iso2()
    boundaries = load_boundaries()

    warnings: list[str] = []
    chosen: list[tuple[MapCountry, list[Ring]]] = []
    seen: set[str] = set()
    for country in countries:
        code = country.iso3.strip().upper()
        alpha2 = iso_table.get(code)
        if code in seen:
            warnings.append(f"{country.iso3!r} ({country.name}) is listed twice; drawn once")
            continue
        if alpha2 is None:
            warnings.append(
                f"unknown ISO 3166-1 alpha-3 code {country.iso3!r} ({country.name}); not drawn"
            )
            continue
        rings = boundaries.get(alpha2)
        if not rings:
            warnings.append(f"no boundary data for {code} ({country.name}); not drawn")
            continue
        checked_href(country.href, "map link")
        seen.add(code)
        chosen.append((country, _without_data_gaps(alpha2, rings)))
    if not chosen:
        warnings.append("no country could be drawn; no map made")
        return RenderedMap("", warnings)

    # Fit an Albers projection to the significant rings of the chosen countries.
    significant: list[Ring] = []
    for _, rings in chosen:
        largest = max(abs(_signed_area(r)) for r in rings)
        significant.extend(
            r for r in rings if _signed_area(r) < 0 and -_signed_area(r) >= _EXTENT_SHARE * largest
        )
    lon_min, lat_min, lon_max, lat_max = _bbox(p for r in significant for p in r)
    lat_span = max(lat_max - lat_min, 1.0)
    projection = _Albers(
        (lon_min + lon_max) / 2,
        lat_min + lat_span / 6,
        lat_max - lat_span / 6,
        (lat_min + lat_max) / 2,
    )
    x0, y0, x1, y1 = _bbox(projection(*p) for r in significant for p in r)
    pad = _PAD * max(x1 - x0, y1 - y0)
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    w, h = x1 - x0, y1 - y0
    if w / h > _MAX_ASPECT:
        grow = (w / _MAX_ASPECT - h) / 2
        y0, y1 = y0 - grow, y1 + grow
    elif w / h < _MIN_ASPECT:
        grow = (h * _MIN_ASPECT - w) / 2
        x0, x1 = x0 - grow, x1 + grow
    scale = width / (x1 - x0)
    height = round((y1 - y0) * scale)

    def to_px(ring: Ring) -> Ring:
        result: Ring = []
        for lon, lat in ring:
            x, y = projection(lon, lat)
            result.append(((x - x0) * scale, (y - y0) * scale))
        return result

    view = (-_CLIP_MARGIN, -_CLIP_MARGIN, width + _CLIP_MARGIN, height + _CLIP_MARGIN)

    def shape(rings: list[Ring]) -> list[Ring]:
        out: list[Ring] = []
        for ring in rings:
            px = to_px(ring)
            bx0, by0, bx1, by1 = _bbox(px)
            if bx1 < view[0] or bx0 > view[2] or by1 < view[1] or by0 > view[3]:
                continue
            if not (bx0 >= view[0] and by0 >= view[1] and bx1 <= view[2] and by1 <= view[3]):
                px = _clip(px, view)
            simple = _simplify_ring(px, _TOLERANCE)
            if len(simple) >= 3 and abs(_signed_area(simple)) >= _MIN_RING_AREA:
                out.append(simple)
        return out

    chosen_alpha2 = {iso_table[c.iso3.strip().upper()] for c, _ in chosen}
    lines: list[str] = []
    e = escape
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    lines.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="briefing-map" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-size="13" '
        f'role="group" aria-labelledby="{title_id}" aria-describedby="{desc_id}">'
    )
    lines.append(f'<title id="{title_id}">{e(title)}</title>')
    lines.append(f'<desc id="{desc_id}">{e(description)}</desc>')
    lines.append(f"<style>{_STYLE}</style>")

    if neighbours:
        # Only rings whose lon/lat box meets the view's are projected: the view's outline,
        # mapped back to lon/lat, bounds it (a conic maps the rectangle one-to-one).
        outline = [
            projection.inverse(x0 + (x1 - x0) * t, y)
            for t in (i / 32 for i in range(33))
            for y in (y0, y1)
        ] + [
            projection.inverse(x, y0 + (y1 - y0) * t)
            for t in (i / 32 for i in range(33))
            for x in (x0, x1)
        ]
        v_lon0, v_lat0, v_lon1, v_lat1 = _bbox(outline)
        v_lon0, v_lat0, v_lon1, v_lat1 = v_lon0 - 2, v_lat0 - 2, v_lon1 + 2, v_lat1 + 2
        boxes = _ring_boxes()
        lines.append('<g class="map-neighbours" aria-hidden="true">')
        for alpha2 in sorted(boundaries):
            if alpha2 in chosen_alpha2:
                continue
            near = [
                ring
                for ring, (b_lon0, b_lat0, b_lon1, b_lat1) in zip(
                    boundaries[alpha2], boxes[alpha2], strict=True
                )
                if b_lon1 >= v_lon0 and b_lon0 <= v_lon1 and b_lat1 >= v_lat0 and b_lat0 <= v_lat1
            ]
            data = _path_data(shape(near))
            if data:
                lines.append(f'<path class="map-neighbour" d="{data}"/>')
        lines.append("</g>")

    labels: list[tuple[str, Point]] = []
    lines.append('<g class="map-countries">')
    for country, rings in chosen:
        drawn = shape(rings)
        classes = "map-country map-highlight" if country.highlight else "map-country"
        name = e(country.name)
        lines.append(
            f'<a href="{e(country.href)}" class="map-link" aria-label="{name}">'
            f"<title>{name}</title>"
            f'<path class="{classes}" data-iso3="{e(country.iso3.strip().upper())}" '
            f'd="{_path_data(drawn)}"/></a>'
        )
        # Projected with y downwards, outer rings (clockwise on the globe) have area > 0.
        outers = [r for r in drawn if _signed_area(r) > 0] or drawn
        if outers:
            labels.append(
                (
                    country.name,
                    _label_point(_simplify_ring(max(outers, key=_signed_area_abs), 2.0), 1.0),
                )
            )
    lines.append("</g>")

    lines.append('<g class="map-labels" aria-hidden="true">')
    placed: list[tuple[float, float, float, float]] = []
    for label, (lx, ly) in labels:
        half_w = _text_width(label, _LABEL_SIZE) / 2
        half_h = _LABEL_SIZE * 0.65
        lx = min(max(lx, half_w + 2), width - half_w - 2)
        ly = min(max(ly, half_h + 2), height - half_h - 2)
        for shift in (0.0, 1.0, -1.0, 2.0, -2.0):
            cy = ly + shift * 2 * half_h
            box = (lx - half_w, cy - half_h, lx + half_w, cy + half_h)
            if not any(_overlaps(box, other) for other in placed):
                ly = cy
                break
        placed.append((lx - half_w, ly - half_h, lx + half_w, ly + half_h))
        lines.append(
            f'<text class="map-label" x="{_num(lx)}" y="{_num(ly)}" text-anchor="middle" '
            f'dominant-baseline="central">{e(label)}</text>'
        )
    lines.append("</g>")
    if credit:
        lines.append(
            f'<text class="map-credit" x="{width - 4}" y="{height - 4}" font-size="10" '
            'text-anchor="end" aria-hidden="true">Boundaries: Natural Earth</text>'
        )
    lines.append("</svg>")
    return RenderedMap("\n".join(lines) + "\n", warnings)


def _signed_area_abs(ring: Ring) -> float:
    return abs(_signed_area(ring))


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
