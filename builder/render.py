"""Stage 4, render: templates turn the index into Markdown pages, held in memory.

Every ``{{ … }}`` passes through :func:`builder.escape.finalize`, so data is escaped by
default; only helpers defined here return trusted :class:`~markupsafe.Markup`. Templates
are never built from data: data is only ever a value inside them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from builder.cache import template_cache
from builder.coverage import coverage
from builder.escape import finalize, html, md, safe_url
from builder.index import LISTED, PAGED, Entity, Index, NameIndex
from builder.metadata import event_jsonld, source_jsonld
from builder.model import STATUS_MEANING, Citation
from builder.paragraphs import Paragraph
from builder.pictures import figure_charts, participants_map
from builder.reference import reference
from builder.validate import Source

COLLECTION_TITLES = {
    "countries": "Countries",
    "sectors": "Sectors",
    "initiatives": "Initiatives",
    "projects": "Projects",
    "people": "People",
    "organisations": "Organisations",
    "sources": "Sources",
    "figures": "Figures",
    "timeline": "Timeline",
    "discrepancies": "Discrepancy register",
    "event": "The event",
}

ENTITY_TEMPLATES = {
    "countries": "country",
    "sectors": "sector",
    "initiatives": "initiative",
    "projects": "project",
    "people": "person",
    "organisations": "organisation",
    "sources": "source",
}


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # HTML autoescape is the wrong escaping for Markdown; see finalize
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=template_cache(),
        # One environment per build: checking each template file's time on every page
        # (tens of thousands of stat calls at 5,000 entities) would find nothing new.
        auto_reload=False,
    )
    env.filters.update(
        md=md,
        link=_link,
        cite=_cite,
        href=_href,
        status=_status,
        url=_url,
        yaml=_yaml,
        anchor=_anchor,
    )
    env.globals.update(
        collection_titles=COLLECTION_TITLES,
        status_meaning=STATUS_MEANING,
        marked=marked_paragraph,
        participants_map=participants_map,
        figure_charts=figure_charts,
    )
    return env


def render(index: Index, templates: Path, files: dict[str, str]) -> dict[str, str]:
    """Every generated page: path under docs/ -> Markdown text. ``files`` are the
    downloads, which the data page lists."""
    env = environment(templates)
    pages: dict[str, str] = {}
    glossary = _Glossary(index.briefing.collections.get("glossary", []))
    for path, template, context in _pages(index, files):
        text = env.get_template(template).render(page=path, index=index, **context)
        pages[path] = text.rstrip("\n") + "\n" + glossary.definitions_for(text)
    return pages


class _Glossary:
    """Definitions for Python-Markdown's abbr extension, so glossary terms get tooltips.

    A page carries only the terms it uses: the whole glossary on every page multiplied the
    Markdown MkDocs had to read (26 of 43 MB at 5,000 entities). A term inside a longer
    one may get a definition it does not use; the abbr extension matches the longer.
    Terms are restricted by the schema to characters that cannot break a definition line;
    the expansion becomes an attribute, escaped by the Markdown serializer, so only line
    breaks need folding.
    """

    def __init__(self, terms: list[Any]) -> None:
        self._lines = {t.term: f"*[{t.term}]: {' '.join(t.expansion.split())}" for t in terms}
        self._names = NameIndex(list(self._lines))

    def definitions_for(self, text: str) -> str:
        used = sorted(self._names.present(text))
        return "\n" + "\n".join(self._lines[term] for term in used) + "\n" if used else ""


def _pages(index: Index, files: dict[str, str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    briefing = index.briefing
    yield (
        "index.md",
        "home.md.j2",
        {"event": briefing.event, "jsonld": event_jsonld(briefing.event)},
    )
    for collection in PAGED:
        entities = index.of(collection)
        # An index page repeats names that each entity's own page has: rank it below them.
        listing = {"entities": entities, "collection": collection, "search_boost": 0.5}
        yield f"{collection}/index.md", f"{collection}-index.md.j2", listing
        for entity in entities:
            context: dict[str, Any] = {"entity": entity, "item": entity.item}
            if collection == "sources":
                context["source"] = briefing.sources[entity.id]
                context["jsonld"] = source_jsonld(briefing.sources[entity.id].meta)
            yield entity.page, f"{ENTITY_TEMPLATES[collection]}.md.j2", context
    for collection, page in LISTED.items():
        yield (
            page,
            f"{collection}.md.j2",
            {"entities": index.of(collection), "collection": collection},
        )
    yield "glossary.md", "glossary.md.j2", {"terms": briefing.collections.get("glossary", [])}
    yield "coverage.md", "coverage.md.j2", {"coverage": coverage(index)}
    countries, sectors = index.of("countries"), index.of("sectors")
    yield "matrix.md", "matrix.md.j2", {"countries": countries, "sectors": sectors}
    yield "data.md", "data.md.j2", {"files": files}
    yield "reference.md", "reference.md.j2", {"models": reference()}
    yield "brief.md", "brief.md.j2", {"event": briefing.event}


# -- helpers the templates call; each returns trusted markup built from escaped parts ----


def _target(context: Context, value: Entity | str) -> Entity:
    index: Index = context["index"]
    return value if isinstance(value, Entity) else index.get(value)


@pass_context
def _href(context: Context, value: Entity | str) -> Markup:
    return Markup(_target(context, value).href(context["page"]))


@pass_context
def _link(context: Context, value: Entity | str, text: str | None = None) -> Markup:
    entity = _target(context, value)
    return Markup(f"[{md(text or entity.title)}]({entity.href(context['page'])})")


@pass_context
def _cite(context: Context, citation: Citation) -> Markup:
    """The quote, and a link to the paragraph it was found in."""
    index: Index = context["index"]
    source = index.briefing.sources[citation.source]
    number = index.briefing.locate(citation).paragraph
    href = index.get(citation.source).href(context["page"])
    return Markup(
        f"“{md(citation.quote)}” — [{md(source.meta.title)}, ¶{number}]({href}#p{number})"
    )


def _anchor(value: str) -> Markup:
    """An element id; ids come from validated slugs, and anything else is refused."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        raise ValueError(f"not a safe anchor: {value!r}")
    return Markup(value)


def _yaml(value: str | float | dict[str, Any]) -> Markup:
    """A front-matter value: JSON is valid YAML, and a JSON string cannot break out.

    Strings are HTML-escaped as well: MkDocs and Material print front-matter titles and
    descriptions into the header, <title>, <meta> and search results without escaping
    (their template environment does not autoescape). JSON-LD objects stay plain: the
    theme override prints them with ``tojson``, which escapes them for a <script>.
    """
    if isinstance(value, dict):
        return Markup(json.dumps(value, ensure_ascii=False, sort_keys=True))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Markup(json.dumps(value))
    return Markup(json.dumps(str(html(" ".join(str(value).split()))), ensure_ascii=False))


def _url(value: str) -> Markup:
    """A link to an outside address, or plain text when it is not http(s) or mailto."""
    url = safe_url(value)
    if url is None:
        return Markup(f"{md(value)} (not linked: only http, https and mailto addresses are)")
    return Markup(f"[{md(url)}](<{quote(url, safe=':/?#[]@!$&*+,;=%~')}>)")


# A handful of statuses, each shown on many pages.
@cache
def _status(value: str) -> Markup:
    meaning = html(STATUS_MEANING[value])
    return Markup(
        f'<span class="status status-{html(value)}" title="{meaning}">{html(value)}</span>'
    )


def marked_paragraph(source: Source, paragraph: Paragraph, index: Index) -> Markup:
    """A paragraph's text with every cited quote wrapped in <mark>, escaped piecewise."""
    spans = sorted(
        (loc.start, loc.end)
        for use in index.cited_by.get((source.id, paragraph.number), [])
        for loc in [index.briefing.locate(use.citation)]
    )
    text = paragraph.folded
    out, position = [], 0
    for start, end in spans:
        start = max(start, position)
        if start >= end:
            continue
        out += [
            md(text[position:start]),
            Markup("<mark>"),
            md(text[start:end]),
            Markup("</mark>"),
        ]
        position = end
    out.append(md(text[position:]))
    return Markup("").join(out)
