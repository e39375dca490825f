"""Stage 3, index: derive every relation once, in both directions.

Entities are small value objects that own their id, title and page; the index maps ids
to them and records who refers to whom, which paragraph each claim cites, which
paragraphs mention an entity by any of its names, and which facts are contested.
"""

from __future__ import annotations

import heapq
import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar, cast, overload

from builder.kinds import (
    COUNTRIES,
    DISCREPANCIES,
    INITIATIVES,
    KINDS,
    SOURCES,
    YAML_KINDS,
    Kind,
    M,
)
from builder.model import Citation, Discrepancy, Initiative, SourceMeta, Strict
from builder.names import MIN_NAME, NameIndex, names_of, title_of
from builder.stemming import StemmedNames, stemmer_for
from builder.validate import Briefing
from builder.vocabulary import CONFLICTS, SEVERITIES
from builder.walk import values

HOME = "index.md"
EVENT = "event"  # the collection name of the event's own entity

# Any entity: an item of one of the kinds, or the event itself.
Item = Strict
T = TypeVar("T", bound=Item, covariant=True)


@dataclass(frozen=True)
class Entity(Generic[T]):
    """Something with an id that pages link to: its title, its page and its data."""

    id: str
    collection: str  # its kind's name, or "event"
    title: str
    page: str  # path of its page under docs/
    anchor: str  # "" for a page of its own
    item: T

    @property
    def target(self) -> str:
        return f"{self.page}#{self.anchor}" if self.anchor else self.page

    def href(self, from_page: str) -> str:
        """Relative Markdown link from another generated page (MkDocs validates these)."""
        if from_page == self.page and self.anchor:
            return f"#{self.anchor}"
        path = relative(self.page, folder_of(from_page))
        return f"{path}#{self.anchor}" if self.anchor else path


def _by_title(entity: Entity[Item]) -> tuple[str, str]:
    return entity.title.casefold(), entity.id


SEVERITY_RANK = {word.name: rank for rank, word in enumerate(SEVERITIES)}


def by_severity(entity: Entity[Discrepancy]) -> tuple[int, str, str]:
    """The register's order: the gravest first, then by title."""
    return SEVERITY_RANK[entity.item.severity], entity.title.casefold(), entity.id


@cache
def relative(target: str, folder: str) -> str:
    """``target`` relative to ``folder``; both are plain paths under docs/. Unlike
    posixpath.relpath this never consults the working directory, which a build does
    thousands of times."""
    here = folder.split("/") if folder else []
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


# A page links to many targets and a folder holds many pages: both lookups repeat.
@cache
def folder_of(page: str) -> str:
    return posixpath.dirname(page)


def clear_memos() -> None:
    relative.cache_clear()
    folder_of.cache_clear()


@dataclass(frozen=True)
class Mention:
    source: str
    paragraph: int
    name: str  # as the paragraph writes it: an alias, or an inflected form of one


@dataclass(frozen=True)
class CitationUse:
    """One claim citing one paragraph: who cites it and with which quote."""

    entity: str
    citation: Citation


@dataclass(frozen=True)
class QuoteMark:
    """One highlighted stretch of a source paragraph: where it is, and its anchor, which
    the citations of the quotes it shows link to."""

    start: int
    end: int
    anchor: str  # "p3-q2": the paragraph's anchor and the mark's number in it


@dataclass(frozen=True)
class Link:
    """One reference from an entity's data to another entity, and the field holding it."""

    field: str  # dotted field names, e.g. "participants.party"; "citations" for sources
    other: str


@dataclass(frozen=True)
class Party:
    """One participant of the event, a country or an organisation, and its representatives."""

    entity: Entity[Item]
    representatives: tuple[Entity[Item], ...]

    @property
    def is_country(self) -> bool:
        return self.entity.collection == COUNTRIES.name


@dataclass(frozen=True)
class Support:
    """The sources an entity's citations come from."""

    sources: tuple[SourceMeta, ...]  # that state the claim, in the order of their ids
    total: int  # sources in the whole briefing
    context: tuple[SourceMeta, ...] = ()  # cited for background only, not counted

    @property
    def count(self) -> int:
        return len(self.sources)

    @property
    def weak(self) -> bool:
        """Whether every source it rests on is of low reliability."""
        return bool(self.sources) and all(s.reliability == "low" for s in self.sources)


@dataclass(frozen=True)
class SourceUse:
    """How much of a source the briefing cites."""

    claims: int  # citations of it
    paragraphs: int  # paragraphs cited at least once


class Index:
    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.entities: dict[str, Entity[Item]] = {}
        self._outgoing: dict[str, list[Link]] = defaultdict(list)
        self._incoming: dict[str, list[Link]] = defaultdict(list)
        self._citations: dict[str, list[Citation]] = defaultdict(list)
        self._cited_by: dict[tuple[str, int], list[CitationUse]] = defaultdict(list)
        self._flags: dict[str, list[str]] = defaultdict(list)  # entity id -> discrepancy ids
        self._mentions: dict[str, list[Mention]] = defaultdict(list)
        self._marks: dict[tuple[str, int], tuple[tuple[QuoteMark, ...], dict[Citation, str]]] = {}
        self._register_entities()
        self._link()
        self._find_mentions()
        # Lookups the templates make on every page, computed once: a page must cost the
        # same whether the briefing has a hundred entities or five thousand.
        self._by_collection = self._group_by_collection()
        self._related: dict[str, dict[str, list[Entity[Item]]]] = {}
        self._by_country_sector, self._by_sector = self._group_initiatives()
        self._per_source = self._count_citations()
        self._parties = self._group_parties()

    # -- entities ---------------------------------------------------------------------

    def _register_entities(self) -> None:
        event = self.briefing.event
        self.entities[event.id] = Entity(event.id, EVENT, event.name, HOME, "", event)
        for key, source in sorted(self.briefing.sources.items()):
            page = SOURCES.page_of(key)
            self.entities[key] = Entity(key, SOURCES.name, source.meta.title, page, "", source.meta)
        for kind in YAML_KINDS:
            if not kind.has_ids:
                continue
            for item in self.briefing.of(kind):
                key = str(getattr(item, "id"))  # noqa: B009 (has_ids: every model of the kind has one)
                self.entities[key] = self._entity(kind, key, item)

    @staticmethod
    def _entity(kind: Kind[Strict], key: str, item: Item) -> Entity[Item]:
        return Entity(key, kind.name, title_of(item), kind.page_of(key), kind.anchor_of(key), item)

    def _group_by_collection(self) -> dict[str, list[Entity[Item]]]:
        groups: dict[str, list[Entity[Item]]] = defaultdict(list)
        for entity in sorted(self.entities.values(), key=_by_title):
            groups[entity.collection].append(entity)
        return groups

    @overload
    def of(self, kind: Kind[M]) -> list[Entity[M]]: ...
    @overload
    def of(self, kind: str) -> list[Entity[Item]]: ...
    def of(self, kind: Kind[M] | str) -> list[Entity[M]] | list[Entity[Item]]:
        """The kind's entities, sorted by title (the same list every call)."""
        if isinstance(kind, str):
            return self._by_collection.get(kind, [])
        # Entities are grouped by their kind's name, so each holds that kind's model.
        return cast("list[Entity[M]]", self._by_collection.get(kind.name, []))

    def get(self, key: str) -> Entity[Item]:
        return self.entities[key]

    def _group_parties(self) -> tuple[Party, ...]:
        # A party listed twice (validation warns) is shown once, with all its people.
        people: dict[str, list[str]] = {}
        for participant in self.briefing.event.participants:
            listed = people.setdefault(participant.party, [])
            listed += [key for key in participant.representatives if key not in listed]
        return tuple(
            Party(self.entities[key], tuple(self.entities[p] for p in representatives))
            for key, representatives in people.items()
        )

    def parties(self) -> tuple[Party, ...]:
        """The event's participants in the data's order, each once with all its people."""
        return self._parties

    def party_of(self, key: str) -> Party | None:
        """The entity as a participant of the event, if it is one."""
        return next((party for party in self._parties if party.entity.id == key), None)

    # -- relations --------------------------------------------------------------------

    def _link(self) -> None:
        for entity in list(self.entities.values()):
            for value in values(entity.item, stop=(Citation,)):
                if isinstance(value.value, Citation):
                    self._cite(entity.id, value.value)
                elif value.ref is not None and value.value in self.entities:
                    self._relate(entity.id, value.field, str(value.value))
        for discrepancy in self.briefing.of(DISCREPANCIES):
            for key in discrepancy.affects:
                self._flags[key].append(discrepancy.id)

    def _relate(self, owner: str, field: str, other: str) -> None:
        link = Link(field, other)
        if other != owner and link not in self._outgoing[owner]:
            self._outgoing[owner].append(link)
            self._incoming[other].append(Link(field, owner))

    def _cite(self, owner: str, citation: Citation) -> None:
        if citation not in self._citations[owner]:
            self._citations[owner].append(citation)
        location = self.briefing.locate(citation)
        use = CitationUse(owner, citation)
        if use not in self._cited_by[(citation.source, location.paragraph)]:
            self._cited_by[(citation.source, location.paragraph)].append(use)
        if citation.source not in [link.other for link in self._outgoing[owner]]:
            self._outgoing[owner].append(Link("citations", citation.source))
            self._incoming[citation.source].append(Link("citations", owner))

    def related(self, key: str) -> dict[str, list[Entity[Item]]]:
        """Entities linked to ``key`` either way, grouped by collection, sources last."""
        if key not in self._related:
            found: dict[str, dict[str, Entity[Item]]] = defaultdict(dict)
            for link in [*self._outgoing[key], *self._incoming[key]]:
                entity = self.entities[link.other]
                found[entity.collection][entity.id] = entity
            order = [k.name for k in KINDS] + [EVENT]
            names = sorted(found, key=lambda n: (n == SOURCES.name, order.index(n)))
            self._related[key] = {n: sorted(found[n].values(), key=_by_title) for n in names}
        return self._related[key]

    def linked(self, key: str, collection: str) -> list[Entity[Item]]:
        return self.related(key).get(collection, [])

    def citations_of(self, key: str) -> list[Citation]:
        """An entity's citations, each once, in the data's order."""
        return self._citations.get(key, [])

    def cited_in(self, source: str, paragraph: int) -> list[CitationUse]:
        """The claims citing one paragraph of a source."""
        return self._cited_by.get((source, paragraph), [])

    def citing(self, source: str, paragraph: int) -> list[str]:
        """Ids of the entities citing one paragraph, each once, in the order they cite it."""
        return list(dict.fromkeys(use.entity for use in self.cited_in(source, paragraph)))

    def quote_marks(self, source: str, paragraph: int) -> tuple[QuoteMark, ...]:
        """The stretches of a paragraph its citations quote, in reading order, without
        overlaps: a quote inside another shows in its mark, and a quote that runs on past
        the others gets a mark for the rest."""
        return self._marks_of(source, paragraph)[0]

    def quote_anchor(self, citation: Citation) -> str:
        """The anchor of the mark where a citation's quote starts; a table's, whose
        cells are shown without marks, is the paragraph's own."""
        number = self.briefing.locate(citation).paragraph
        if self.briefing.sources[citation.source].paragraphs[number - 1].rows:
            return f"p{number}"
        return self._marks_of(citation.source, number)[1][citation]

    def _marks_of(
        self, source: str, paragraph: int
    ) -> tuple[tuple[QuoteMark, ...], dict[Citation, str]]:
        if (source, paragraph) not in self._marks:
            uses = self.cited_in(source, paragraph)
            located = sorted(
                ((self.briefing.locate(use.citation), use.citation) for use in uses),
                key=lambda pair: (pair[0].start, -pair[0].end),
            )
            marks: list[QuoteMark] = []
            anchors: dict[Citation, str] = {}
            for location, citation in located:
                covered = marks[-1].end if marks else 0
                if not marks or location.end > covered:
                    start = max(location.start, covered) if marks else location.start
                    marks.append(QuoteMark(start, location.end, f"p{paragraph}-q{len(marks) + 1}"))
                # Quotes come in order of their start, so a mark already covers this one's.
                anchors[citation] = next(
                    m.anchor for m in reversed(marks) if m.start <= location.start
                )
            self._marks[(source, paragraph)] = (tuple(marks), anchors)
        return self._marks[(source, paragraph)]

    def flags_of(self, key: str) -> list[str]:
        """Ids of the discrepancies that affect an entity."""
        return self._flags.get(key, [])

    def discrepancies_of(self, key: str, severities: Iterable[str]) -> list[Entity[Discrepancy]]:
        """The discrepancies of these severities that affect an entity, the gravest first,
        then by title."""
        wanted = set(severities)
        found = [
            cast("Entity[Discrepancy]", self.entities[d])
            for d in self.flags_of(key)
            if cast("Discrepancy", self.entities[d].item).severity in wanted
        ]
        return sorted(found, key=by_severity)

    def contested(self, key: str) -> list[Entity[Discrepancy]]:
        """The real conflicts over facts an entity uses: what puts a "Contested" banner on
        its page (a spelling variant or an analyst's note does not)."""
        return self.discrepancies_of(key, CONFLICTS)

    def variants(self, key: str) -> list[Entity[Discrepancy]]:
        """The spelling variants of an entity's names the register lists."""
        return self.discrepancies_of(key, ["variant"])

    def mentions_of(self, key: str) -> list[Mention]:
        """The source paragraphs that name an entity by one of its names."""
        return self._mentions.get(key, [])

    def support(self, key: str) -> Support:
        """Which sources back an entity's citations."""
        citations = self._citations[key]
        stating = sorted({c.source for c in citations if c.role == "support"})
        background = sorted({c.source for c in citations} - set(stating))
        return Support(
            tuple(self.briefing.sources[s].meta for s in stating),
            len(self.briefing.sources),
            tuple(self.briefing.sources[s].meta for s in background),
        )

    def _group_initiatives(
        self,
    ) -> tuple[
        dict[tuple[str, str], list[Entity[Initiative]]], dict[str, list[Entity[Initiative]]]
    ]:
        """Initiatives by (country, sector), and by sector alone."""
        pairs: dict[tuple[str, str], list[Entity[Initiative]]] = defaultdict(list)
        sectors: dict[str, list[Entity[Initiative]]] = defaultdict(list)
        for entity in self.of(INITIATIVES):
            for sector in entity.item.sectors:
                sectors[sector].append(entity)
                for country in entity.item.countries:
                    pairs[(country, sector)].append(entity)
        return pairs, sectors

    def initiatives_in(self, country: str, sector: str) -> list[Entity[Initiative]]:
        """Initiatives that name both this country and this sector."""
        return self._by_country_sector.get((country, sector), [])

    def similar(self, key: str, limit: int = 8) -> list[Entity[Initiative]]:
        """Other initiatives sharing a sector with this one, those sharing most first."""
        item = self.entities[key].item
        if not isinstance(item, Initiative):
            raise TypeError(f"{key!r} is not an initiative")
        candidates: dict[str, Entity[Initiative]] = {}
        for sector in item.sectors:
            for entity in self._by_sector.get(sector, []):
                candidates.setdefault(entity.id, entity)
        candidates.pop(key, None)

        my_sectors, my_countries = set(item.sectors), set(item.countries)

        def score(other: Entity[Initiative]) -> tuple[int, str, str]:
            sectors = len(my_sectors.intersection(other.item.sectors))
            countries = len(my_countries.intersection(other.item.countries))
            return -(2 * sectors + countries), other.title.casefold(), other.id

        return heapq.nsmallest(limit, candidates.values(), key=score)

    def featured(self, collection: str) -> list[Entity[Item]]:
        return [e for e in self.of(collection) if getattr(e.item, "featured", False)]

    def _count_citations(self) -> dict[str, SourceUse]:
        counts: dict[str, SourceUse] = defaultdict(lambda: SourceUse(0, 0))
        for (source, _), uses in self._cited_by.items():
            before = counts[source]
            counts[source] = SourceUse(before.claims + len(uses), before.paragraphs + bool(uses))
        return counts

    def source_use(self, key: str) -> SourceUse:
        return self._per_source[key]

    # -- mentions ---------------------------------------------------------------------

    def _find_mentions(self) -> None:
        """Which paragraphs name each entity, by any of its names, in any of their forms
        where the source's language inflects them: one pass over the text."""
        mentionable = {kind.name for kind in KINDS if kind.mentionable}
        owners: dict[str, list[str]] = defaultdict(list)
        for entity in self.entities.values():
            if entity.collection in mentionable:
                for name in names_of(entity.item):
                    if len(name) >= MIN_NAME:
                        owners[name].append(entity.id)
        names = NameIndex(list(owners))
        stemmed: dict[str, StemmedNames] = {}  # per language, for inflected forms
        for key, source in sorted(self.briefing.sources.items()):
            stem = stemmer_for(source.meta.language)
            forms = None
            if stem is not None:
                forms = stemmed.setdefault(source.meta.language, StemmedNames(list(owners), stem))
            for paragraph in source.paragraphs:
                if paragraph.number in source.skipped:
                    continue  # menus and bylines: a name there is no mention of the entity
                found: set[str] = set()  # one mention per entity and paragraph
                text = paragraph.folded
                # A name as written, then (in a language with a stemmer) in other forms,
                # recorded as the text has them: stemming only ever adds mentions.
                matched = [(name, name) for name in names.find(text)]
                matched += forms.forms(text) if forms else []
                for name, form in matched:
                    for owner in owners[name]:
                        if owner not in found:
                            found.add(owner)
                            self._mentions[owner].append(Mention(key, paragraph.number, form))
