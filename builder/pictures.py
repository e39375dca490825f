"""Static SVG pictures for the pages: the map of the participants and the figure charts.

Both are raw HTML inside Markdown, where MkDocs does not rewrite links, so hrefs here
are final site URLs (MkDocs' default directory URLs), relative to the page showing them.
The link check of the built site verifies them.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from markupsafe import Markup

from builder import svgmap
from builder.cache import cached_text, source_digest
from builder.charts import Bar, bar_chart
from builder.escape import html
from builder.index import Entity, Index
from builder.svgmap import ATTRIBUTION, MapCountry, MapDataUnavailableError, render_map


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
    """The event's countries, each a link to its page; "" when no country has a code."""
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
        source_digest(Path(svgmap.__file__)),
        _data_version(),
    ]
    try:
        svg = cached_text(key, draw)
    except MapDataUnavailableError:
        return Markup("")
    caption = html(f"The countries taking part; select one to open its page. {ATTRIBUTION}")
    return Markup(
        f'<figure class="briefing-map">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>'
    )


def _data_version() -> str:
    try:
        return metadata.version(svgmap.DATA_PACKAGE.replace("_", "-"))
    except metadata.PackageNotFoundError:
        return "absent"


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
        svg = bar_chart(name, f"{name}. {listing}.", bars, unit)
        charts.append((name, Markup(f'<figure class="briefing-chart">\n{svg}\n</figure>')))
    return charts
