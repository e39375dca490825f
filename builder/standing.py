"""What the event means for one party: the facts a country's or an organisation's page
leads with, derived from the index.

A reader of a country's page asks what the event means for that country. Most initiatives
name every participant alike; listed on each page they make every page the same. So the
initiatives are split: those it (or someone speaking for it) put forward, those that
concern it but not every participant, and the rest, which every participant shares and
the page only counts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from builder.index import Entity, Index, Item, Party
from builder.kinds import FIGURES, INITIATIVES, ORGANISATIONS, PEOPLE, PROJECTS
from builder.model import Country, Figure, Initiative, Project
from builder.vocabulary import STAGE_OF, STAGES, Stage


@dataclass(frozen=True)
class StageCount:
    stage: Stage
    count: int


@dataclass(frozen=True)
class Standing:
    """One country's or organisation's share of the event, each initiative in one list."""

    entity: Entity[Item]
    party: Party | None  # None when it did not take part
    proposed: tuple[Entity[Initiative], ...]  # put forward by it or its people
    specific: tuple[Entity[Initiative], ...]  # concern it, not every participant
    shared: tuple[Entity[Initiative], ...]  # concern every participant alike
    stages: tuple[StageCount, ...]  # every initiative above, by how far it got
    projects_in: tuple[Entity[Project], ...]  # projects in the country
    projects_backed: tuple[Entity[Project], ...]  # elsewhere, financed or supported by it
    figures: tuple[Entity[Figure], ...]  # figures about it, not about every participant

    @property
    def initiatives(self) -> int:
        return len(self.proposed) + len(self.specific) + len(self.shared)

    @staticmethod
    def stages_of(initiatives: Iterable[Entity[Initiative]]) -> tuple[StageCount, ...]:
        return _by_stage(list(initiatives))

    @property
    def backers_in(self) -> list[str]:
        """Who finances or supports the projects in it, each once, in the data's order."""
        return _unique(key for p in self.projects_in for key in _backing(p.item))

    @property
    def countries_backed(self) -> list[str]:
        return _unique(key for p in self.projects_backed for key in p.item.countries)

    @property
    def years_in(self) -> str:
        """The span of years its projects name: "1996–2025", "2024"; "" if none does."""
        years = [int(y) for p in self.projects_in for y in _YEAR.findall(p.item.years or "")]
        if not years:
            return ""
        first, last = min(years), max(years)
        return str(first) if first == last else f"{first}–{last}"


def standing(index: Index, key: str) -> Standing:
    entity = index.get(key)
    party = index.party_of(key)
    speakers = _speakers(index, key, party)
    everyone = _every_country_party(index)
    proposed: list[Entity[Initiative]] = []
    specific: list[Entity[Initiative]] = []
    shared: list[Entity[Initiative]] = []
    for initiative in index.of(INITIATIVES):
        item = initiative.item
        if speakers.intersection(item.proposers):
            proposed.append(initiative)
        elif key in item.countries:
            covers_all = bool(everyone) and everyone <= set(item.countries)
            (shared if covers_all else specific).append(initiative)
    return Standing(
        entity=entity,
        party=party,
        proposed=tuple(proposed),
        specific=tuple(specific),
        shared=tuple(shared),
        stages=_by_stage([*proposed, *specific, *shared]),
        projects_in=tuple(
            sorted((p for p in index.of(PROJECTS) if key in p.item.countries), key=_by_year)
        ),
        projects_backed=tuple(
            sorted(
                (
                    p
                    for p in index.of(PROJECTS)
                    if key not in p.item.countries
                    and _backers(index, key).intersection(_backing(p.item))
                ),
                key=_by_year,
            )
        ),
        figures=tuple(
            f
            for f in index.of(FIGURES)
            if key in f.item.countries and not (everyone and everyone <= set(f.item.countries))
        ),
    )


def _speakers(index: Index, key: str, party: Party | None) -> set[str]:
    """Who speaks for it: itself, its people and its representatives at the event."""
    speakers = {key}
    if party is not None:
        speakers |= {person.id for person in party.representatives}
    item = index.get(key).item
    if isinstance(item, Country) and item.leader:
        speakers.add(item.leader)
    speakers |= {person.id for person in index.of(PEOPLE) if person.item.country == key}
    return speakers


def _backers(index: Index, key: str) -> set[str]:
    """It, and the organisations of its country (a national agency or bank)."""
    return {key} | {org.id for org in index.of(ORGANISATIONS) if org.item.country == key}


def _backing(project: Project) -> list[str]:
    return [*project.financiers, *project.supporters]


def _unique(keys: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def _every_country_party(index: Index) -> set[str]:
    """The countries that took part: an initiative naming all of them concerns no one of
    them in particular."""
    return {party.entity.id for party in index.parties() if party.is_country}


def _by_stage(initiatives: list[Entity[Initiative]]) -> tuple[StageCount, ...]:
    counts = Counter(STAGE_OF[i.item.status] for i in initiatives)
    return tuple(StageCount(stage, counts[stage.name]) for stage in STAGES if counts[stage.name])


_YEAR = re.compile(r"\b(?:1[89]|2[0-9])[0-9]{2}\b")


def _by_year(project: Entity[Project]) -> tuple[int, str, str]:
    """Oldest first by the first year its years name; those without a year last."""
    found = _YEAR.search(project.item.years or "")
    return (int(found.group()) if found else 10_000, project.title.casefold(), project.id)
