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
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from builder import escape
from builder.cache import cached_text, source_digest
from builder.escape import html
from builder.index import Entity, Index
from builder.pictures import geodata, geometry, svg, worldmap
from builder.pictures.charts import Bar, bar_chart
from builder.pictures.worldmap import MapCountry, render_map

__all__ = ["figure_charts", "participants_map", "site_url", "url_from"]

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


def url_from(page: str, entity: Entity) -> str:
    here, there = site_url(page) or ".", site_url(entity.page) or "."
    relative = posixpath.relpath(there, here)
    return "./" if relative == "." else relative + "/"


def participants_map(index: Index, page: str) -> Markup:
    """The event's countries, each a link to its page; "" when no country has a code.

    Raises DataError when the boundary data package is missing or unreadable.
    """
    countries = []
    for entity in index.of("countries"):
        if entity.item.iso3:
            highlight = entity.id == index.briefing.event.host_country
            countries.append(
                MapCountry(entity.item.iso3, entity.title, url_from(page, entity), highlight)
            )
    if not countries:
        return Markup("")
    return _map(tuple(countries), index.briefing.event.name)


@lru_cache(maxsize=16)
def _map(countries: tuple[MapCountry, ...], event: str) -> Markup:
    names = ", ".join(c.name for c in countries)
    title = f"Map: {event}"
    description = f"The countries taking part: {names}. Each country links to its page."

    def draw() -> str:
        return render_map(list(countries), title=title, description=description).svg

    # Drawing reads and projects the world's boundaries: most of a build's time if redone.
    key = [
        repr(countries),
        title,
        description,
        source_digest(*_MAP_SOURCES),
        geodata.data_version(),
    ]
    svg_text = cached_text(key, draw)
    caption = html(f"The countries taking part; select one to open its page. {geodata.ATTRIBUTION}")
    return Markup(
        f'<figure class="briefing-map">\n{svg_text}\n<figcaption>{caption}</figcaption>\n</figure>'
    )


def figure_charts(index: Index) -> list[tuple[str, Markup]]:
    """One bar chart per chart name the figures use, in the order they first appear."""
    groups: dict[str, list[Entity]] = defaultdict(list)
    for entity in index.of("figures"):
        if entity.item.chart:
            groups[entity.item.chart].append(entity)
    charts = []
    for name, members in groups.items():
        unit = members[0].item.unit or ""
        bars = [Bar(m.title, float(m.item.value), value_label=m.item.value_text) for m in members]
        listing = "; ".join(f"{m.title}: {m.item.value_text}" for m in members)
        chart = bar_chart(name, f"{name}. {listing}.", bars, unit)
        charts.append((name, Markup(f'<figure class="briefing-chart">\n{chart}\n</figure>')))
    return charts
