"""Stage 4, render: templates turn the index into Markdown pages, held in memory.

Every ``{{ … }}`` passes through :func:`builder.escape.finalize`, so data is escaped by
default; only helpers defined here return trusted :class:`~markupsafe.Markup`. Templates
are never built from data: data is only ever a value inside them.
"""

from __future__ import annotations

import json
import re
import traceback
import unicodedata
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import jinja2
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from builder.cache import template_cache
from builder.chronology import Chronology, chronology
from builder.corroboration import corroboration, source_labels
from builder.coverage import coverage
from builder.errors import DataError, Problem, display_path
from builder.escape import finalize, html, md, safe_url
from builder.index import (
    EVENT,
    HOME,
    Entity,
    Index,
    Item,
    Party,
    by_severity,
    folder_of,
    relative,
)
from builder.kinds import GLOSSARY, KINDS, PAGED, SOURCES, TIMELINE, Kind
from builder.metadata import event_jsonld, source_jsonld
from builder.model import (
    Citation,
    Discrepancy,
    Event,
    GlossaryTerm,
    SourceMeta,
    Strict,
    TimelineEvent,
)
from builder.names import NameIndex, names_of
from builder.outcomes import (
    counts_by_sector,
    figures_outcomes_first,
    is_outcome,
    outcomes,
    outcomes_first,
    stage_of,
    stage_title,
)
from builder.paragraphs import Paragraph
from builder.pictures import figure_charts, participants_map
from builder.pictures.outcomes import outcomes_picture
from builder.reference import reference
from builder.sections import lettered, sections
from builder.standing import StageCount, Standing, standing
from builder.validate import Source
from builder.vocabulary import (
    CITATION_ROLES,
    CONFLICTS,
    SEVERITIES,
    STAGES,
    STATUS_MEANING,
    STATUSES,
)
from builder.wording import article, join_names, named_in, participants_phrase

# The brief is one printable page: each of its lists shows this many at most, then says
# how many more the full page has (which also bounds the section's search entry).
BRIEF_ITEMS = 30
COLLECTION_TITLES = {kind.name: kind.title for kind in KINDS} | {EVENT: "The event"}
# The Outcomes page, whose legend every status badge links to. A folder's index page, so
# that its file and its URL stand at the same depth: the picture's raw-HTML links are then
# right both for renderers that resolve them from the URL (MkDocs) and for those that
# resolve them from the file (Zensical).
OUTCOMES = "outcomes/index.md"


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # HTML autoescape is the wrong escaping for Markdown; see finalize
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment per build: checking each template file's time on every page
        # (tens of thousands of stat calls at 5,000 entities) would find nothing new.
        auto_reload=False,
    )
    env.filters.update(
        md=md,
        link=_link,
        cite=_cite,
        href=_href,
        page_href=_page_href,
        status=_status,
        corroboration=_corroboration,
        url=_url,
        yaml=_yaml,
        anchor=_anchor,
        parties_phrase=_parties_phrase,
        venue=_venue,
        lettered=lettered,
        article=article,
        links=_links,
        stages=_stages,
    )
    # Set once the filters are known: compiled code depends on how each filter is called.
    env.bytecode_cache = template_cache(env)
    env.globals.update(
        collection_titles=COLLECTION_TITLES,
        paged_kinds=PAGED,
        status_meaning=STATUS_MEANING,
        statuses=STATUSES,
        stages=STAGES,
        severities=SEVERITIES,
        conflicts=CONFLICTS,
        outcomes_page=OUTCOMES,
        stage_of=stage_of,
        stage_title=stage_title,
        is_outcome=is_outcome,
        outcomes_first=outcomes_first,
        figures_outcomes_first=figures_outcomes_first,
        outcomes_picture=outcomes_picture,
        severity_order=severity_order,
        marked=marked_paragraph,
        search_forms=search_forms,
        participants_map=participants_map,
        figure_charts=figure_charts,
        standing=_standing,
        chronology=_chronology,
    )
    return env


@dataclass(frozen=True)
class Job:
    """One page to render: where it goes, from which template, about what."""

    page: str  # path under docs/
    template: str
    about: str  # what the page shows, for messages: "initiative lake-ferry"
    context: dict[str, object]


def render(
    index: Index,
    templates: Path,
    files: dict[str, str],
    only: Container[str] | None = None,
    stop: Callable[[], bool] | None = None,
) -> dict[str, str]:
    """Every generated page (or those of ``only``): path under docs/ -> Markdown text.
    ``files`` are the downloads, which the data page lists. A template that fails raises
    DataError naming the template's file and line and the page it was rendering. When
    ``stop()`` turns true, it stops early; what it returns then is incomplete."""
    env = environment(templates)
    env.globals["source_labels"] = source_labels(s.meta for s in index.briefing.sources.values())
    pages: dict[str, str] = {}
    glossary = _Glossary(index.briefing.of(GLOSSARY))
    for job in jobs(index, files):
        if only is not None and job.page not in only:
            continue
        if stop is not None and stop():
            break
        try:
            text = env.get_template(job.template).render(page=job.page, index=index, **job.context)
        except DataError:
            raise  # a problem a helper found and placed itself (the map's data, say)
        except Exception as error:
            raise DataError([template_problem(error, job)]) from error
        pages[job.page] = text.rstrip("\n") + "\n" + glossary.definitions_for(text)
    return pages


def template_problem(error: Exception, job: Job) -> Problem:
    """Where in which template ``error`` happened, and on which page. Jinja rewrites a
    template's traceback so that its frames carry the template's file and line; the last
    such frame is the innermost template (an included partial, say)."""
    file, line = job.template, 0
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        file, line = error.filename, error.lineno
    else:
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.filename.endswith(".j2"):
                file, line = frame.filename, frame.lineno or 0
                break
    message = (
        f"{type(error).__name__}: {error}"
        if not isinstance(error, jinja2.TemplateError)
        else str(error)
    )
    return Problem(
        display_path(Path(file)),
        line,
        0,
        "",
        f"template error while rendering {job.about} ({job.page}): {message}",
        "fix the template, or the data it reads",
    )


class _Glossary:
    """Definitions for Python-Markdown's abbr extension, so glossary terms get tooltips.

    A page carries only the terms it uses: the whole glossary on every page multiplied the
    Markdown MkDocs had to read (26 of 43 MB at 5,000 entities). A term inside a longer
    one may get a definition it does not use; the abbr extension matches the longer.
    Terms are restricted by the schema to characters that cannot break a definition line;
    the expansion becomes an attribute, escaped by the Markdown serializer, so only line
    breaks need folding.
    """

    def __init__(self, terms: list[GlossaryTerm]) -> None:
        self._lines = {t.term: f"*[{t.term}]: {' '.join(t.expansion.split())}" for t in terms}
        self._names = NameIndex(list(self._lines))

    def definitions_for(self, text: str) -> str:
        used = sorted(self._names.present(text))
        return "\n" + "\n".join(self._lines[term] for term in used) + "\n" if used else ""


def jobs(index: Index, files: dict[str, str]) -> Iterator[Job]:
    """Every page of the site: the home page, each kind's listing and pages, then the
    pages about the briefing as a whole."""
    event = index.briefing.event
    home = {"event": event, "jsonld": event_jsonld(index)}
    yield Job(HOME, "home.md.j2", "the home page", home | {"outcomes": outcomes(index)})
    sections = outcomes(index)
    by_sector = counts_by_sector(index, sections)
    yield Job(
        OUTCOMES,
        "outcomes.md.j2",
        "the outcomes page",
        {"outcomes": sections, "event": event, "sector_counts": by_sector},
    )
    for kind in KINDS:
        yield Job(
            kind.listing, kind.listing_template, f"the {kind.name} listing", _listing(index, kind)
        )
        if kind.paged:
            for entity in index.of(kind):
                yield Job(
                    entity.page,
                    kind.page_template,
                    f"{kind.singular} {entity.id}",
                    _entity(index, entity),
                )
    yield Job("coverage.md", "coverage.md.j2", "source coverage", {"coverage": coverage(index)})
    countries, sectors = index.of("countries"), index.of("sectors")
    yield Job(
        "matrix.md", "matrix.md.j2", "the matrix", {"countries": countries, "sectors": sectors}
    )
    yield Job("data.md", "data.md.j2", "the data page", {"files": files})
    words = {"severities": SEVERITIES, "roles": CITATION_ROLES}
    yield Job(
        "reference.md", "reference.md.j2", "the data reference", {"models": reference(), **words}
    )
    brief = {"event": event, "brief_items": BRIEF_ITEMS}
    yield Job("brief.md", "brief.md.j2", "the brief", brief)


def severity_order(entities: list[Entity[Discrepancy]]) -> list[Entity[Discrepancy]]:
    """Discrepancies as the register lists them: the gravest first, then by title."""
    return sorted(entities, key=by_severity)


def _listing(index: Index, kind: Kind[Strict]) -> dict[str, object]:
    context: dict[str, object] = {
        "entities": index.of(kind),
        "items": index.briefing.of(kind),
        "collection": kind.name,
    }
    if kind.paged:
        # An index page repeats names that each entity's own page has: rank it below them.
        context["search_boost"] = 0.5
        entities = index.of(kind)
        context["sections"] = sections(entities, [entity.title for entity in entities])
    return context


def _entity(index: Index, entity: Entity[Item]) -> dict[str, object]:
    context: dict[str, object] = {"entity": entity, "item": entity.item}
    if entity.collection == SOURCES.name:
        source = index.briefing.sources[entity.id]
        context["source"] = source
        context["jsonld"] = source_jsonld(source.meta)
    return context


# -- helpers the templates call; each returns trusted markup built from escaped parts ----


def _target(context: Context, value: Entity[Item] | str) -> Entity[Item]:
    index: Index = context["index"]
    return value if isinstance(value, Entity) else index.get(value)


@pass_context
def _href(context: Context, value: Entity[Item] | str) -> Markup:
    return Markup(_target(context, value).href(context["page"]))


@pass_context
def _link(context: Context, value: Entity[Item] | str, text: str | None = None) -> Markup:
    entity = _target(context, value)
    return Markup(f"[{md(text or entity.title)}]({entity.href(context['page'])})")


@pass_context
def _links(context: Context, keys: Iterable[Entity[Item] | str]) -> Markup:
    """Links to entities, joined as English lists them: "A, B and C"."""
    return Markup(join_names([_link(context, key) for key in keys]))


def _stages(counts: Iterable[StageCount]) -> Markup:
    """How many got how far: "3 decided, 2 proposed"."""
    return Markup(", ".join(f"{c.count} {md(c.stage.title.lower())}" for c in counts))


@pass_context
def _chronology(context: Context) -> Chronology:
    """The timeline in date order, split at the event's last day."""
    index: Index = context["index"]
    entries = [index.get(item.id) for item in index.briefing.of(TIMELINE)]
    dates = index.briefing.event.dates
    return chronology(cast("list[Entity[TimelineEvent]]", entries), dates.end or dates.start)


@pass_context
def _standing(context: Context, key: str) -> Standing:
    return standing(context["index"], key)


@pass_context
def _parties_phrase(context: Context, parties: tuple[Party, ...]) -> Markup:
    """Who took part, in words: the countries counted, the others named and linked."""
    others = [
        md(article(p.entity.title)) + _link(context, p.entity) for p in parties if not p.is_country
    ]
    return Markup(participants_phrase(sum(p.is_country for p in parties), others))


@pass_context
def _venue(context: Context, event: Event) -> Markup:
    """The venue and a link to the host country; when the venue already names the
    country (by its name or an alias, in any case), that name is the link instead."""
    host = _target(context, event.host_country)
    place = named_in(event.venue, names_of(host.item))
    if place is None:
        return Markup(f"{md(event.venue)}, {_link(context, host)}")
    start, end = place
    before, name, after = event.venue[:start], event.venue[start:end], event.venue[end:]
    return Markup(f"{md(before)}{_link(context, host, name)}{md(after)}")


@pass_context
def _cite(context: Context, citation: Citation) -> Markup:
    """The quote, and a link to the paragraph it was found in."""
    index: Index = context["index"]
    source = index.briefing.sources[citation.source]
    number = index.briefing.locate(citation).paragraph
    href = index.get(citation.source).href(context["page"])
    anchor = index.quote_anchor(citation)
    return Markup(f"“{md(citation.quote)}” — [{md(source.meta.title)}, ¶{number}]({href}#{anchor})")


@pass_context
def _page_href(context: Context, page: str) -> Markup:
    """A link to one of the builder's own pages (a kind's listing), from this page."""
    if not re.fullmatch(r"[a-z0-9]+(?:[-/][a-z0-9]+)*\.md", page):
        raise ValueError(f"not a page of the builder's: {page!r}")
    return Markup(relative(page, folder_of(context["page"])))


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


@pass_context
def _status(context: Context, value: str) -> Markup:
    """A status badge: the word, linked to its definition in the Outcomes page's legend,
    with the definition as its tooltip."""
    return _badge(value, folder_of(context["page"]))


# A handful of statuses, each shown on many pages of a few folders.
@cache
def _badge(value: str, folder: str) -> Markup:
    meaning = STATUS_MEANING[value]  # the vocabulary's own words: no quotes to escape
    if any(char in meaning for char in '"}\n'):
        raise ValueError(f"a status meaning cannot be an attribute: {meaning!r}")
    href = relative(OUTCOMES, folder) + f"#status-{value}"
    # The title goes in the attribute list: a link title in parentheses would end at the
    # first ")" of the meaning.
    return Markup(f'[{md(value)}]({href}){{: .status .status-{value} title="{meaning}" }}')


@pass_context
def _corroboration(context: Context, key: str) -> Markup:
    """Which sources state an entity's claims, named, each with its reliability."""
    index: Index = context["index"]

    def link(meta: SourceMeta, text: str) -> Markup:
        return Markup(f"[{md(text)}]({index.get(meta.id).href(context['page'])})")

    return corroboration(index.support(key), context["source_labels"], link)


def search_forms(item: Strict) -> Markup:
    """The item's names without their accents, where that changes them, in an element only
    the search reads: a reader who types "Antonio" finds "António", which the search's own
    tokenizer keeps apart. The page shows nothing of it; screen readers skip it too."""
    forms = sorted({folded for name in names_of(item) if (folded := unaccented(name)) != name})
    if not forms:
        return Markup("")
    return Markup(f'<div class="search-only" hidden>{html("; ".join(forms))}</div>\n\n')


def unaccented(text: str) -> str:
    """``text`` with the marks on its Latin letters dropped: é→e, ş→s. Other scripts keep
    theirs (й is a letter of its own, not и with a mark), and so do Latin letters that
    are not a base letter plus a mark (ø, ł, ı)."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        base = kept[-1] if kept else ""
        if unicodedata.combining(char) and unicodedata.name(base, "").startswith("LATIN"):
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def marked_paragraph(source: Source, paragraph: Paragraph, index: Index) -> Markup:
    """A paragraph's text with every cited quote wrapped in <mark>, escaped piecewise.
    Each mark has an anchor, which the citations of its quote link to: the mark a reader
    arrives at is the page's :target, highlighted apart from the paragraph's other quotes,
    with or without JavaScript."""
    text = paragraph.folded
    out, position = [], 0
    for mark in index.quote_marks(source.id, paragraph.number):
        out += [
            md(text[position : mark.start]),
            Markup(f'<mark id="{mark.anchor}">'),
            md(text[mark.start : mark.end]),
            Markup("</mark>"),
        ]
        position = mark.end
    out.append(md(text[position:]))
    return Markup("").join(out)
