"""A static SVG map of countries in their true shapes, made at build time.

The countries come from :mod:`builder.pictures.geodata`. The map is projected with an
Albers equal-area conic fitted to the selected countries, clipped to the view,
simplified to about half a pixel, and written with one decimal. Selected countries are
links (``<a href>`` with a ``<title>``) that keyboard and screen reader users can reach;
neighbours inside the view are drawn faint for context and hidden from assistive
technology. The root carries ``role="group"`` (not ``img``, which would hide the links)
named by its ``<title>`` and described by its ``<desc>``.

Styling uses the classes ``briefing-map``, ``map-country`` (``map-highlight`` when
highlighted), ``map-neighbour``, ``map-label`` and ``map-credit``; a small ``<style>``
inside the SVG gives defaults from CSS variables (``--briefing-map-fill``,
``--briefing-map-highlight``, ``--briefing-map-bg``) that fall back to Material's
``--md-typeset-a-color`` / ``--md-default-bg-color``, so it follows light and dark mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from builder.escape import checked_href, html
from builder.pictures import geodata, svg
from builder.pictures.geometry import (
    Albers,
    Box,
    Point,
    Ring,
    area,
    bbox,
    clip,
    contains,
    label_point,
    meets,
    overlaps,
    signed_area,
    simplify_ring,
)

# Rendering constants (pixels in the viewBox).
_PAD = 0.06  # padding around the selected countries, as a share of the larger span
_MAX_ASPECT = 2.0  # a wider map grows taller (more context north and south)
_MIN_ASPECT = 1.25  # a taller map grows wider
_TOLERANCE = 0.5  # Douglas-Peucker tolerance in px
_MIN_RING_AREA = 0.6  # rings smaller than this (px²) are dropped
_EXTENT_SHARE = 0.01  # rings under 1% of a country's largest one do not widen the view
_LABEL_SIZE = 13.0
_LABEL_WIDTH = 0.58  # average character width, as a share of the size (see text_width)
_LABEL_SHIFTS = (0.0, 1.0, -1.0, 2.0, -2.0)  # label heights up or down to try
_CLIP_MARGIN = 2.0
_NEAR_DEGREES = 2.0  # a neighbour's ring this close to the view may still show in it

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


@dataclass(frozen=True)
class MapCountry:
    """A country to draw and link: ISO 3166-1 alpha-3 code, display name, link target."""

    iso3: str
    name: str
    href: str
    highlight: bool = False


class RenderedMap(NamedTuple):
    """The SVG text ("" when nothing could be drawn) and what the map could not show:
    one warning per country left out and per label that overlaps another."""

    svg: str
    warnings: list[str]


class _Chosen(NamedTuple):
    country: MapCountry
    code: str  # the alpha-3 code, trimmed and upper-case
    alpha2: str
    rings: list[Ring]  # lon/lat, without the data's gaps


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
    Output is deterministic. Raises DataError when the boundary data is unavailable.
    """
    prefix = svg.id_prefix("map", id_prefix, [title, description, *(c.iso3 for c in countries)])
    if width < 100:
        raise ValueError("width must be at least 100 px")
    chosen, warnings = _choose(countries)
    if not chosen:
        return RenderedMap("", [*warnings, "no country could be drawn; no map made"])
    view = _fit(chosen, width)
    drawn, labels = _country_group(chosen, view)
    placed, label_warnings = _label_group(labels, view)
    lines = svg.root(
        "briefing-map",
        (view.width, view.height),
        role="group",
        prefix=prefix,
        title=title,
        description=description,
        style=_STYLE,
    )
    if neighbours:
        lines += _neighbour_group(view, {c.alpha2 for c in chosen})
    lines += drawn + placed
    if credit:
        lines.append(
            f'<text class="map-credit" x="{view.width - 4}" y="{view.height - 4}" '
            'font-size="10" text-anchor="end" aria-hidden="true">Boundaries: Natural Earth</text>'
        )
    lines.append("</svg>")
    return RenderedMap("\n".join(lines) + "\n", warnings + label_warnings)


def _choose(countries: Sequence[MapCountry]) -> tuple[list[_Chosen], list[str]]:
    """The countries that can be drawn, each once, and a warning for every other one."""
    iso_table, boundaries = geodata.iso3_to_iso2(), geodata.load_boundaries()
    warnings: list[str] = []
    chosen: list[_Chosen] = []
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
        chosen.append(_Chosen(country, code, alpha2, geodata.without_data_gaps(alpha2, rings)))
    return chosen, warnings


@dataclass(frozen=True)
class _View:
    """What the map shows: a projection, the projected box in view, and its pixel size."""

    projection: Albers
    box: Box  # projected coordinates
    scale: float  # pixels per projected unit
    width: int
    height: int

    def to_px(self, ring: Ring) -> Ring:
        x0, y0 = self.box[0], self.box[1]
        result: Ring = []
        for lon, lat in ring:
            x, y = self.projection(lon, lat)
            result.append(((x - x0) * self.scale, (y - y0) * self.scale))
        return result

    def shape(self, rings: list[Ring]) -> list[Ring]:
        """The rings in pixels as drawn: clipped to the view, simplified, specks dropped."""
        view = (-_CLIP_MARGIN, -_CLIP_MARGIN, self.width + _CLIP_MARGIN, self.height + _CLIP_MARGIN)
        out: list[Ring] = []
        for ring in rings:
            px = self.to_px(ring)
            box = bbox(px)
            if not meets(box, view):
                continue
            if not contains(view, box):
                px = clip(px, view)
            simple = simplify_ring(px, _TOLERANCE)
            if len(simple) >= 3 and area(simple) >= _MIN_RING_AREA:
                out.append(simple)
        return out

    def lonlat_box(self) -> Box:
        """A lon/lat box around everything in view, with a margin.

        The view's outline, mapped back to lon/lat, bounds it: a conic maps the
        rectangle one-to-one.
        """
        x0, y0, x1, y1 = self.box
        steps = [i / 32 for i in range(33)]
        inverse = self.projection.inverse
        outline = [inverse(x0 + (x1 - x0) * t, y) for t in steps for y in (y0, y1)] + [
            inverse(x, y0 + (y1 - y0) * t) for t in steps for x in (x0, x1)
        ]
        lon0, lat0, lon1, lat1 = bbox(outline)
        near = _NEAR_DEGREES
        return lon0 - near, lat0 - near, lon1 + near, lat1 + near


def _fit(chosen: list[_Chosen], width: int) -> _View:
    """An Albers projection and a view fitted to the significant rings of the countries."""
    significant: list[Ring] = []
    for item in chosen:
        largest = max(area(r) for r in item.rings)
        significant.extend(
            r for r in item.rings if signed_area(r) < 0 and area(r) >= _EXTENT_SHARE * largest
        )
    lon_min, lat_min, lon_max, lat_max = bbox(p for r in significant for p in r)
    lat_span = max(lat_max - lat_min, 1.0)
    projection = Albers(
        (lon_min + lon_max) / 2,
        lat_min + lat_span / 6,
        lat_max - lat_span / 6,
        (lat_min + lat_max) / 2,
    )
    box = _framed(bbox(projection(*p) for r in significant for p in r))
    scale = width / (box[2] - box[0])
    return _View(projection, box, scale, width, round((box[3] - box[1]) * scale))


def _framed(box: Box) -> Box:
    """The box padded, then grown to an aspect ratio between the minimum and maximum."""
    x0, y0, x1, y1 = box
    pad = _PAD * max(x1 - x0, y1 - y0)
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    w, h = x1 - x0, y1 - y0
    if w / h > _MAX_ASPECT:
        grow = (w / _MAX_ASPECT - h) / 2
        y0, y1 = y0 - grow, y1 + grow
    elif w / h < _MIN_ASPECT:
        grow = (h * _MIN_ASPECT - w) / 2
        x0, x1 = x0 - grow, x1 + grow
    return x0, y0, x1, y1


def _neighbour_group(view: _View, chosen: set[str]) -> list[str]:
    """Every other country in view, faint and hidden from assistive technology.

    Only rings whose lon/lat box meets the view's are projected: most of the world's
    rings are far away, and projecting them is most of a map's drawing time.
    """
    boundaries, boxes = geodata.load_boundaries(), geodata.ring_boxes()
    near = view.lonlat_box()
    lines = ['<g class="map-neighbours" aria-hidden="true">']
    for alpha2 in sorted(boundaries):
        if alpha2 in chosen:
            continue
        rings = zip(boundaries[alpha2], boxes[alpha2], strict=True)
        data = svg.path_data(view.shape([ring for ring, box in rings if meets(box, near)]))
        if data:
            lines.append(f'<path class="map-neighbour" d="{data}"/>')
    lines.append("</g>")
    return lines


def _country_group(chosen: list[_Chosen], view: _View) -> tuple[list[str], list[tuple[str, Point]]]:
    """The chosen countries as links, and where each one's label would sit best."""
    lines = ['<g class="map-countries">']
    labels: list[tuple[str, Point]] = []
    for item in chosen:
        drawn = view.shape(item.rings)
        classes = "map-country map-highlight" if item.country.highlight else "map-country"
        name = html(item.country.name)
        lines.append(
            f'<a href="{html(item.country.href)}" class="map-link" aria-label="{name}">'
            f"<title>{name}</title>"
            f'<path class="{classes}" data-iso3="{html(item.code)}" '
            f'd="{svg.path_data(drawn)}"/></a>'
        )
        # Projected with y downwards, outer rings (clockwise on the globe) have area > 0.
        outers = [r for r in drawn if signed_area(r) > 0] or drawn
        if outers:
            largest = simplify_ring(max(outers, key=area), 2.0)
            labels.append((item.country.name, label_point(largest, 1.0)))
    lines.append("</g>")
    return lines, labels


def _label_group(labels: list[tuple[str, Point]], view: _View) -> tuple[list[str], list[str]]:
    """The labels, each moved up or down until it is clear of those already placed.

    A label that finds no clear place stays where it would sit best, and is reported.
    """
    lines = ['<g class="map-labels" aria-hidden="true">']
    warnings: list[str] = []
    placed: list[Box] = []
    half_h = _LABEL_SIZE * 0.65
    for label, anchor in labels:
        half_w = svg.text_width(label, _LABEL_SIZE, average=_LABEL_WIDTH) / 2
        x, y, clear = _label_place(anchor, (half_w, half_h), placed, view)
        if not clear:
            warnings.append(f"the map label {label!r} overlaps another label")
        placed.append((x - half_w, y - half_h, x + half_w, y + half_h))
        lines.append(
            f'<text class="map-label" x="{svg.num(x)}" y="{svg.num(y)}" text-anchor="middle" '
            f'dominant-baseline="central">{html(label)}</text>'
        )
    lines.append("</g>")
    return lines, warnings


def _label_place(
    anchor: Point, half: tuple[float, float], placed: list[Box], view: _View
) -> tuple[float, float, bool]:
    """(x, y, clear): the label's centre, kept inside the view, and whether it is clear."""
    half_w, half_h = half
    x = min(max(anchor[0], half_w + 2), view.width - half_w - 2)
    y = min(max(anchor[1], half_h + 2), view.height - half_h - 2)
    for shift in _LABEL_SHIFTS:
        cy = y + shift * 2 * half_h
        box = (x - half_w, cy - half_h, x + half_w, cy + half_h)
        if not any(overlaps(box, other) for other in placed):
            return x, cy, True
    return x, y, False
