"""Stage 3, index: derive every relation once, in both directions.

Entities are small value objects that own their id, title and page; the index maps ids
to them and records who refers to whom, which paragraph each claim cites, which
paragraphs mention an entity by any of its names, and which facts are contested.
"""

from __future__ import annotations

import heapq
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from builder.model import Citation, field_refs
from builder.validate import Briefing

# Collections that get a page per entity; the others are sections of one page.
PAGED = (
    "countries",
    "sectors",
    "initiatives",
    "projects",
    "people",
    "organisations",
    "sources",
)
LISTED = {
    "figures": "figures.md",
    "timeline": "timeline.md",
    "discrepancies": "discrepancies.md",
}
HOME = "index.md"
# Collections whose names are looked for in the sources' text ("mentioned in").
MENTIONABLE = ("countries", "people", "organisations", "projects", "initiatives")
# Reference fields that carry no relation worth a back-link of their own.
_QUIET_FIELDS = {"citations", "citation"}


@dataclass(frozen=True)
class Entity:
    id: str
    collection: str
    title: str
    page: str  # path of its page under docs/
    anchor: str  # "" for a page of its own
    item: Any

    @property
    def target(self) -> str:
        return f"{self.page}#{self.anchor}" if self.anchor else self.page

    def href(self, from_page: str) -> str:
        """Relative Markdown link from another generated page (MkDocs validates these)."""
        if from_page == self.page and self.anchor:
            return f"#{self.anchor}"
        path = relative(self.page, _folder_of(from_page))
        return f"{path}#{self.anchor}" if self.anchor else path


def _by_title(entity: Entity) -> tuple[str, str]:
    return entity.title.casefold(), entity.id


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
def _folder_of(page: str) -> str:
    return posixpath.dirname(page)


def clear_memos() -> None:
    relative.cache_clear()
    _folder_of.cache_clear()


@dataclass(frozen=True)
class Mention:
    source: str
    paragraph: int
    name: str


@dataclass(frozen=True)
class CitationUse:
    """One claim citing one paragraph: who cites it and with which quote."""

    entity: str
    citation: Citation


def title_of(item: Any) -> str:
    for field in ("name", "title", "label", "term"):
        value = getattr(item, field, None)
        if isinstance(value, str):
            return value
    return str(getattr(item, "id", "?"))


def names_of(item: Any) -> list[str]:
    names = [title_of(item), *getattr(item, "aliases", [])]
    acronym = getattr(item, "acronym", None)
    return [*names, acronym] if acronym else names


class Index:
    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.entities: dict[str, Entity] = {}
        self.outgoing: dict[str, list[tuple[str, str]]] = defaultdict(list)  # id -> (field, id)
        self.incoming: dict[str, list[tuple[str, str]]] = defaultdict(list)  # id -> (field, id)
        self.citations: dict[str, list[Citation]] = defaultdict(list)  # entity id -> citations
        self.cited_by: dict[tuple[str, int], list[CitationUse]] = defaultdict(list)
        self.flags: dict[str, list[str]] = defaultdict(list)  # entity id -> discrepancy ids
        self.mentions: dict[str, list[Mention]] = defaultdict(list)
        self._register_entities()
        self._link()
        self._find_mentions()
        # Lookups the templates make on every page, computed once: a page must cost the
        # same whether the briefing has a hundred entities or five thousand.
        self._by_collection = self._group_by_collection()
        self._related: dict[str, dict[str, list[Entity]]] = {}
        self._by_country_sector = self._group_initiatives()
        self._per_source = self._count_citations()

    # -- entities ---------------------------------------------------------------------

    def _register_entities(self) -> None:
        event = self.briefing.event
        self.entities[event.id] = Entity(event.id, "event", event.name, HOME, "", event)
        for key, source in sorted(self.briefing.sources.items()):
            page = f"sources/{key}.md"
            self.entities[key] = Entity(key, "sources", source.meta.title, page, "", source.meta)
        for name, items in self.briefing.collections.items():
            for item in items:
                item_id: str | None = getattr(item, "id", None)
                if item_id is None:
                    continue
                if name in LISTED:
                    entity = Entity(item_id, name, title_of(item), LISTED[name], item_id, item)
                else:
                    page = f"{name}/{item_id}.md"
                    entity = Entity(item_id, name, title_of(item), page, "", item)
                self.entities[item_id] = entity

    def _group_by_collection(self) -> dict[str, list[Entity]]:
        groups: dict[str, list[Entity]] = defaultdict(list)
        for entity in sorted(self.entities.values(), key=_by_title):
            groups[entity.collection].append(entity)
        return groups

    def of(self, collection: str) -> list[Entity]:
        """The collection's entities, sorted by title (the same list every call)."""
        return self._by_collection.get(collection, [])

    def get(self, key: str) -> Entity:
        return self.entities[key]

    # -- relations --------------------------------------------------------------------

    def _link(self) -> None:
        for entity in list(self.entities.values()):
            if isinstance(entity.item, BaseModel):
                self._walk(entity.id, entity.item, "")
        for discrepancy in self.briefing.collections.get("discrepancies", []):
            for key in discrepancy.affects:
                self.flags[key].append(discrepancy.id)

    def _walk(self, owner: str, model: BaseModel, field_path: str) -> None:
        for name, marker in field_refs(type(model)).items():
            value = getattr(model, name)
            has_ref = marker is not None
            label = f"{field_path}.{name}" if field_path else name
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, Citation):
                    self._cite(owner, item)
                elif isinstance(item, BaseModel):
                    self._walk(owner, item, label)
                elif has_ref and isinstance(item, str) and item in self.entities:
                    self._relate(owner, label, item)

    def _relate(self, owner: str, label: str, other: str) -> None:
        if other != owner and (label, other) not in self.outgoing[owner]:
            self.outgoing[owner].append((label, other))
            self.incoming[other].append((label, owner))

    def _cite(self, owner: str, citation: Citation) -> None:
        if citation not in self.citations[owner]:
            self.citations[owner].append(citation)
        location = self.briefing.locate(citation)
        use = CitationUse(owner, citation)
        if use not in self.cited_by[(citation.source, location.paragraph)]:
            self.cited_by[(citation.source, location.paragraph)].append(use)
        if citation.source not in [k for _, k in self.outgoing[owner]]:
            self.outgoing[owner].append(("citations", citation.source))
            self.incoming[citation.source].append(("citations", owner))

    def related(self, key: str) -> dict[str, list[Entity]]:
        """Entities linked to ``key`` either way, grouped by collection, sources last."""
        if key not in self._related:
            found: dict[str, dict[str, Entity]] = defaultdict(dict)
            for _, other in [*self.outgoing[key], *self.incoming[key]]:
                entity = self.entities[other]
                found[entity.collection][entity.id] = entity
            order = [*PAGED, *LISTED, "event"]
            names = sorted(
                found, key=lambda n: (n == "sources", order.index(n) if n in order else 99)
            )
            self._related[key] = {n: sorted(found[n].values(), key=_by_title) for n in names}
        return self._related[key]

    def linked(self, key: str, collection: str) -> list[Entity]:
        return self.related(key).get(collection, [])

    def support(self, key: str) -> tuple[int, int, bool]:
        """How many sources back an entity, of how many, and whether all are weak."""
        cited = {c.source for c in self.citations[key]}
        total = len(self.briefing.sources)
        weak = bool(cited) and all(
            self.briefing.sources[s].meta.reliability == "low" for s in cited
        )
        return len(cited), total, weak

    def _group_initiatives(self) -> dict[tuple[str, str], list[Entity]]:
        groups: dict[tuple[str, str], list[Entity]] = defaultdict(list)
        for entity in self.of("initiatives"):
            for country in entity.item.countries:
                for sector in entity.item.sectors:
                    groups[(country, sector)].append(entity)
        return groups

    def initiatives_in(self, country: str, sector: str) -> list[Entity]:
        """Initiatives that name both this country and this sector."""
        return self._by_country_sector.get((country, sector), [])

    def similar(self, key: str, limit: int = 8) -> list[Entity]:
        """Other initiatives sharing a sector with this one, those sharing most first."""
        item = self.entities[key].item
        candidates: dict[str, Entity] = {}
        for sector in item.sectors:
            for entity in self.linked(sector, "initiatives"):
                candidates.setdefault(entity.id, entity)
        candidates.pop(key, None)

        my_sectors, my_countries = set(item.sectors), set(item.countries)

        def score(other: Entity) -> tuple[int, str, str]:
            sectors = len(my_sectors.intersection(other.item.sectors))
            countries = len(my_countries.intersection(other.item.countries))
            return -(2 * sectors + countries), other.title.casefold(), other.id

        return heapq.nsmallest(limit, candidates.values(), key=score)

    def featured(self, collection: str) -> list[Entity]:
        return [e for e in self.of(collection) if getattr(e.item, "featured", False)]

    def _count_citations(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
        for (source, _), uses in self.cited_by.items():
            claims, paragraphs = counts[source]
            counts[source] = (claims + len(uses), paragraphs + (1 if uses else 0))
        return counts

    def citations_of_source(self, key: str) -> int:
        return self._per_source[key][0]

    def cited_paragraphs(self, key: str) -> int:
        return self._per_source[key][1]

    # -- mentions ---------------------------------------------------------------------

    def _find_mentions(self) -> None:
        """Which paragraphs name each entity, by any of its names: one pass over the text."""
        owners: dict[str, list[str]] = defaultdict(list)
        for entity in self.entities.values():
            if entity.collection in MENTIONABLE:
                for name in names_of(entity.item):
                    if len(name) >= 3:
                        owners[name].append(entity.id)
        names = NameIndex(list(owners))
        for key, source in sorted(self.briefing.sources.items()):
            for paragraph in source.paragraphs:
                found: set[str] = set()  # one mention per entity and paragraph
                for name in names.find(paragraph.folded):
                    for owner in owners[name]:
                        if owner not in found:
                            found.add(owner)
                            self.mentions[owner].append(Mention(key, paragraph.number, name))


class NameIndex:
    """Finds whole names in text, longest first and without overlaps.

    Each name is filed under its first word. One regular expression, the first words as a
    trie (``Ba(?:nk|y)``), finds where they stand in the text: its cost per character does
    not grow with the number of names, as an alternation of thousands does, and it builds
    no list of the text's words. Only those places are examined.
    """

    def __init__(self, names: list[str]) -> None:
        self._by_word: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for name in sorted(names, key=lambda n: (-len(n), n)):
            first = _WORD.search(name)
            if first:
                self._by_word[first.group(0)].append((name, first.start()))
        self._first_word = re.compile(_trie_pattern(self._by_word)) if self._by_word else None

    def _places(self, text: str) -> Iterator[tuple[int, str]]:
        """Where a first word stands, in reading order; :meth:`_at` checks that it is a
        whole word. The trie matches the longest word at each place, and a match inside a
        longer word cannot hide a whole word: no match spans the non-word character
        before one."""
        if self._first_word is not None:
            for match in self._first_word.finditer(text):
                yield match.start(), match.group()

    def _at(self, text: str, position: int, word: str) -> Iterator[tuple[str, int, int]]:
        """The names filed under ``word`` that stand whole in the text with that word at
        ``position``, longest first: (name, start, end)."""
        for name, offset in self._by_word[word]:
            start = position - offset
            end = start + len(name)
            if (
                start >= 0
                and text.startswith(name, start)
                and not (start > 0 and _is_word(text[start - 1]))
                and not (end < len(text) and _is_word(text[end]))
            ):
                yield name, start, end

    def find(self, text: str) -> Iterator[str]:
        taken = 0  # names do not overlap: the end of the last one found
        for position, word in self._places(text):
            for name, start, end in self._at(text, position, word):
                if start >= taken:
                    taken = end
                    yield name
                    break

    def present(self, text: str) -> set[str]:
        """Every name that stands somewhere in the text as whole words, overlaps allowed:
        a superset of what :meth:`find` yields, for when only presence matters."""
        return {
            name
            for position, word in self._places(text)
            for name, _, _ in self._at(text, position, word)
        }


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, the longest where several start
    alike: ``["Bank", "Bay", "B"]`` gives ``B(?:a(?:nk|y))?``. Words come from names, which
    are single lines of at most 300 characters: the recursion stays shallow."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [
            re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        ends = "" in node
        body = branches[0] if len(branches) == 1 and not ends else f"(?:{'|'.join(branches)})"
        return body + "?" if ends else body

    return pattern(trie)


_WORD = re.compile(r"\w+")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"
