"""Static SVG pictures for the pages: the map of the participants and the figure charts.

The package is split by job: :mod:`~builder.pictures.geometry` (projection, clipping,
simplification, label points), :mod:`~builder.pictures.geodata` (the boundary data
package and the ISO code table), :mod:`~builder.pictures.svg` (what both pictures write
alike), :mod:`~builder.pictures.worldmap` (the map) and :mod:`~builder.pictures.charts`
(bar charts). This module is the part the templates call.

Both pictures are raw HTML inside Markdown, where MkDocs does not rewrite links, so hrefs
here are final site URLs (MkDocs' default directory URLs), relative to the page showing
them. The link check of the built site verifies them.

A missing or unreadable boundary data package is a build error
(:class:`~builder.errors.DataError` naming the package), not a site without its map.
What the map leaves out (unknown codes, countries without boundary data, labels that
overlap) is returned by :func:`map_warnings`, for the build to print.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from builder import escape
from builder.cache import cached_text, source_digest
from builder.escape import html
from builder.index import Entity, Index, Item, relative
from builder.kinds import COUNTRIES, FIGURES
from builder.model import Country, Figure
from builder.pictures import geodata, geometry, svg, worldmap
from builder.pictures.charts import Bar, bar_chart
from builder.pictures.worldmap import MapCountry, RenderedMap, render_map
from builder.wording import article, join_names

__all__ = ["figure_charts", "map_warnings", "participants_map", "site_url", "url_from"]

_HOME = "index.md"  # the page whose template shows the map (templates/home.md.j2)
_CACHE_FORMAT = "map: svg and warnings as JSON"  # changes when the cached text does

# Everything the map's drawing reads besides the boundary package (versioned apart).
_MAP_SOURCES = tuple(
    Path(path)
    for path in (
        worldmap.__file__,
        geometry.__file__,
        geodata.__file__,
        svg.__file__,
        escape.__file__,
        geodata.ISO_TABLE,
    )
)


def site_url(page: str) -> str:
    """The directory URL MkDocs gives a page: countries/x.md -> countries/x/."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return stem + "/" if stem else ""


def url_from(page: str, entity: Entity[Item]) -> str:
    """The entity's page URL relative to ``page``'s, as a raw-HTML link needs it.

    Site URLs are folders ("countries/x/"), so the target's last segment is empty and
    :func:`~builder.index.relative` keeps its trailing slash; the same page is "./".
    """
    return relative(site_url(entity.page), site_url(page).removesuffix("/")) or "./"


def participants_map(index: Index, page: str) -> Markup:
    """The participating countries, each a link to its page; "" when none could be drawn.

    The caption names the participants the map cannot show: organisations, and
    countries without an ISO code or without boundary data.
    Raises DataError when the boundary data package is missing or unreadable.
    """
    countries = _participants(index, page)
    drawn = _drawn(countries, index.briefing.event.name) if countries else None
    if drawn is None or not drawn.svg:
        return Markup("")
    caption = "The countries taking part; select one to open its page."
    left_out = _left_out(index, drawn.svg)
    if left_out:
        caption += f" Not on the map: {join_names(left_out)}."
    caption = html(f"{caption} {geodata.ATTRIBUTION}")
    return Markup(
        f'<figure class="briefing-map">\n{drawn.svg}\n<figcaption>{caption}</figcaption>\n</figure>'
    )


def map_warnings(index: Index) -> list[str]:
    """What the participants map leaves out, one line each; [] when all is drawn.

    Countries whose ISO code is unknown, has no boundary data or is listed twice, and
    labels that overlap another. The map is not drawn again: warnings do not depend on
    the page showing it, so they come with the map as drawn for the home page, which a
    build has just made (or, failing that, from the build cache). Raises DataError as
    :func:`participants_map` does.
    """
    countries = _participants(index, _HOME)
    return list(_drawn(countries, index.briefing.event.name).warnings) if countries else []


def _participants(index: Index, page: str) -> tuple[MapCountry, ...]:
    """The participating countries that have an ISO code, in the order of their names."""
    host = index.briefing.event.host_country
    taking_part = {party.entity.id for party in index.parties() if party.is_country}
    return tuple(
        MapCountry(entity.item.iso3, entity.title, url_from(page, entity), entity.id == host)
        for entity in index.of(COUNTRIES)
        if entity.item.iso3 and entity.id in taking_part
    )


def _left_out(index: Index, drawn: str) -> list[str]:
    """The participants the drawn map does not show, each with why, in the data's order."""
    left_out = []
    for party in index.parties():
        item = party.entity.item
        if not isinstance(item, Country):
            left_out.append(f"{article(party.entity.title)}{party.entity.title} (an organisation)")
        elif not item.iso3:
            left_out.append(f"{party.entity.title} (no map code)")
        elif f'data-iso3="{html(item.iso3.strip().upper())}"' not in drawn:
            left_out.append(f"{party.entity.title} (no boundary data)")
    return left_out


@lru_cache(maxsize=16)
def _drawn(countries: tuple[MapCountry, ...], event: str) -> RenderedMap:
    names = ", ".join(c.name for c in countries)
    title = f"Map: {event}"
    description = f"The countries taking part: {names}. Each country links to its page."

    def draw() -> RenderedMap:
        return render_map(list(countries), title=title, description=description)

    # Drawing reads and projects the world's boundaries: most of a build's time if redone.
    # The warnings are cached with the SVG, so a cached map still reports what it lacks.
    key = [
        _CACHE_FORMAT,
        repr(countries),
        title,
        description,
        source_digest(*_MAP_SOURCES),
        geodata.data_version(),
    ]
    return _decoded(cached_text(key, lambda: _encoded(draw()))) or draw()


def _encoded(drawn: RenderedMap) -> str:
    return json.dumps({"svg": drawn.svg, "warnings": drawn.warnings}, sort_keys=True)


def _decoded(text: str) -> RenderedMap | None:
    """The cached map, or None when the cache file is not one (then it is drawn again)."""
    try:
        document: object = json.loads(text)
    except ValueError:
        return None
    if not isinstance(document, dict):
        return None
    svg_text, warnings = document.get("svg"), document.get("warnings")
    if not isinstance(svg_text, str) or not isinstance(warnings, list):
        return None
    if not all(isinstance(warning, str) for warning in warnings):
        return None
    return RenderedMap(svg_text, [str(warning) for warning in warnings])


def figure_charts(index: Index) -> list[tuple[str, Markup]]:
    """One bar chart per chart name the figures use, in the order they first appear."""
    groups: dict[str, list[Entity[Figure]]] = defaultdict(list)
    for entity in index.of(FIGURES):
        if entity.item.chart:  # validation: a charted figure has a value
            groups[entity.item.chart].append(entity)
    charts = []
    for name, members in groups.items():
        unit = members[0].item.unit or ""
        bars = [
            Bar(m.title, float(m.item.value or 0), value_label=m.item.value_text) for m in members
        ]
        listing = "; ".join(f"{m.title}: {m.item.value_text}" for m in members)
        chart = bar_chart(name, f"{name}. {listing}.", bars, unit)
        charts.append((name, Markup(f'<figure class="briefing-chart">\n{chart}\n</figure>')))
    return charts
