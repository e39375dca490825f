"""Whether an item's links are stated by the paragraphs it quotes, or marked as inferred.

An initiative's proposers, countries and related entities, a project's countries and
financiers, a figure's countries: each id is *stated* when the paragraphs the item's
citations quote name the entity (by its name, an alias or its acronym, as "Mentioned in"
finds them) or when the entity itself cites one of those paragraphs; a ``related`` link is
also stated when the other entity's paragraphs name this item, as links show both ways.
Anything else is the analyst's reading and belongs in the item's ``inferred`` mapping,
with the reason the page shows. A discrepancy's ``affects`` entities must be ones its
versions' paragraphs are about, by the same test.

These are warnings, not errors: the test is lexical, so a paragraph that states a party
in words no alias covers ("the host", an inflected form) is flagged although it is
right, and a build must not stop for that; the author answers with a reason in
``inferred`` or a better alias. The embedded briefing and the fixtures are held to none.
"""

from __future__ import annotations

import typing
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Protocol

from pydantic import BaseModel

from builder.errors import Problem
from builder.model import Citation, Discrepancy, Strict
from builder.names import MIN_NAME, NameIndex, names_of
from builder.paragraphs import fold
from builder.quotes import Location
from builder.walk import DataPath, nested_models, type_args, values

Place = tuple[str, int]  # (source id, paragraph number)
SHOWN = 3  # paragraphs listed in a message


class Placed(Protocol):
    """A validated item with the place it came from (validate's entries)."""

    @property
    def value(self) -> Strict: ...
    @property
    def path(self) -> DataPath: ...
    def problem(self, path: DataPath, message: str, hint: str = "") -> Problem: ...


@cache
def inferable(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields a model's ``inferred`` mapping may name: its keys' Literal values."""
    info = model.model_fields.get("inferred")
    if info is None:
        return ()
    for arg in type_args(info.annotation):
        if typing.get_origin(arg) is typing.Literal:
            return tuple(str(name) for name in typing.get_args(arg))
    return ()


def check_grounding(
    entries: Sequence[Placed],
    texts: Mapping[str, Sequence[str]],
    locations: Mapping[tuple[str, str], Location],
) -> list[Problem]:
    """A warning for each link that no quoted paragraph states and no reason explains.

    ``texts`` holds each source's paragraphs (folded), in order; ``locations`` where each
    quote was found."""
    grounds = _Grounds(entries, texts, locations)
    warnings: list[Problem] = []
    for entry in entries:
        item = entry.value
        if isinstance(item, Discrepancy):
            warnings += grounds.affects(entry, item)
        elif fields := inferable(type(item)):
            warnings += grounds.links(entry, fields)
    return warnings


class _Grounds:
    """Which entities each paragraph names, and which paragraphs each entity cites."""

    def __init__(
        self,
        entries: Sequence[Placed],
        texts: Mapping[str, Sequence[str]],
        locations: Mapping[tuple[str, str], Location],
    ) -> None:
        self._texts = texts
        self._locations = locations
        self.quoted: dict[str, list[Place]] = {}  # entity id -> the paragraphs it quotes
        self._cites: dict[str, set[Place]] = {}
        # Only the names of linked entities are looked for: a briefing of thousands of
        # entities links to a few hundred, and the name matcher grows with its names.
        wanted = _linked(entries)
        owners: dict[str, list[str]] = defaultdict(list)
        for entry in entries:
            key = _id(entry.value)
            if key is None:
                continue
            self.quoted[key] = self.places(_citations(entry.value))
            self._cites[key] = set(self.quoted[key])
            if key in wanted:
                for name in names_of(entry.value):
                    if len(name) >= MIN_NAME:
                        owners[name].append(key)
        for source in texts:
            self._cites.setdefault(source, set())  # a source "cites" its own paragraphs
        self._owners = owners
        self._names = NameIndex(list(owners))
        self._named: dict[Place, set[str]] = {}

    def places(self, citations: Iterable[Citation]) -> list[Place]:
        """The paragraphs the citations quote, each once, in order."""
        found: dict[Place, None] = {}
        for citation in citations:
            location = self._locations.get((citation.source, fold(citation.quote)))
            if location is not None:
                found[(citation.source, location.paragraph)] = None
        return list(found)

    def named_in(self, place: Place) -> set[str]:
        if place not in self._named:
            source, number = place
            text = self._texts[source][number - 1]
            names = self._names.present(text)
            self._named[place] = {key for name in names for key in self._owners[name]}
        return self._named[place]

    def stated(self, key: str, places: list[Place]) -> bool:
        cites = self._cites.get(key, set())
        if key in self._texts:  # a source is stated where the item quotes it
            return any(source == key for source, _ in places)
        return any(key in self.named_in(place) or place in cites for place in places)

    def names_back(self, owner: str | None, key: str) -> bool:
        """Whether ``key``'s own paragraphs name ``owner``: a relation shown both ways is
        stated when either side's quotes state it."""
        return owner is not None and any(
            owner in self.named_in(p) for p in self._cites.get(key, ())
        )

    def links(self, entry: Placed, fields: tuple[str, ...]) -> list[Problem]:
        item = entry.value
        places = self.quoted.get(_id(item) or "", [])
        inferred: dict[str, str] = getattr(item, "inferred", {})
        warnings = []
        for field in fields:
            ids = _ids(getattr(item, field, None))
            if field in inferred:
                if not ids:
                    warnings.append(
                        entry.problem(
                            (*entry.path, "inferred", field),
                            f"gives a reason for {field!r}, which lists nothing",
                            f"remove inferred.{field}, or fill in {field}",
                        )
                    )
                continue
            for position, key in ids:
                if self.stated(key, places):
                    continue
                if field == "related" and self.names_back(_id(item), key):
                    continue
                path = (*entry.path, field) if position is None else (*entry.path, field, position)
                warnings.append(
                    entry.problem(
                        path,
                        f"{key!r} is not named in the paragraphs this item quotes "
                        f"({_show(places)}), and cites none of them",
                        f"quote a paragraph that names it, or say why in "
                        f"inferred: {{{field}: ...}}",
                    )
                )
        return warnings

    def affects(self, entry: Placed, discrepancy: Discrepancy) -> list[Problem]:
        places = self.places(version.citation for version in discrepancy.versions)
        warnings = []
        for position, key in enumerate(discrepancy.affects):
            if not self.stated(key, places):
                warnings.append(
                    entry.problem(
                        (*entry.path, "affects", position),
                        f"{key!r} is not named in the paragraphs the versions quote "
                        f"({_show(places)}), and cites none of them",
                        "list only entities that use the disputed fact, or quote the "
                        "version that concerns it",
                    )
                )
        return warnings


def _linked(entries: Sequence[Placed]) -> set[str]:
    """The ids the check may look for in a paragraph: every id in a checked field, and
    every item with related links (whose name the other side's paragraphs may hold)."""
    wanted: set[str] = set()
    for entry in entries:
        item = entry.value
        if isinstance(item, Discrepancy):
            wanted.update(item.affects)
        for field in inferable(type(item)):
            wanted.update(key for _, key in _ids(getattr(item, field, None)))
        key = _id(item)
        if key is not None and getattr(item, "related", None):
            wanted.add(key)
    return wanted


def _id(item: Strict) -> str | None:
    key = getattr(item, "id", None)
    return key if isinstance(key, str) else None


def _citations(item: Strict) -> list[Citation]:
    if _flat(type(item)):  # the common case, and a walk costs a tenth of a second per 5,000
        return list(getattr(item, "citations", []))
    return [v.value for v in values(item, stop=(Citation,)) if isinstance(v.value, Citation)]


@cache
def _flat(model: type[BaseModel]) -> bool:
    """Whether a model's only nested models are its citations (no event-like nesting)."""
    return all(
        nested is Citation
        for info in model.model_fields.values()
        for nested in nested_models(info.annotation)
    )


def _ids(value: object) -> list[tuple[int | None, str]]:
    """A field's ids with their list positions (None for a single id)."""
    if isinstance(value, str):
        return [(None, value)]
    if isinstance(value, list):
        return [(i, key) for i, key in enumerate(value) if isinstance(key, str)]
    return []


def _show(places: list[Place]) -> str:
    shown = ", ".join(f"{source} ¶{number}" for source, number in places[:SHOWN])
    more = len(places) - SHOWN
    return shown + (f" and {more} more" if more > 0 else "") if places else "none"
