"""Every kind of thing a briefing holds, declared once.

Loading, validation, the index, the renderer, the downloads, the home page's list and the
benchmark's generator all read this table; a test checks `mkdocs.yml` and `.gitignore`
against it. Adding a kind is a model class in :mod:`builder.model`, a row here and its
templates (see the README's developer section).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from builder.model import (
    Country,
    Discrepancy,
    Figure,
    GlossaryTerm,
    Initiative,
    Organisation,
    Person,
    Project,
    Sector,
    SourceMeta,
    Strict,
    TimelineEvent,
)

M = TypeVar("M", bound=Strict)
# Covariant: a table of kinds of different models is a tuple of Kind[Strict].
M_co = TypeVar("M_co", bound=Strict, covariant=True)

SOURCES_FOLDER = "sources"


@dataclass(frozen=True)
class Kind(Generic[M_co]):
    """One collection: its model, where its data lives and how the site shows it."""

    name: str
    """The collection's key: its data file's stem, its folder of pages, its URL part."""
    model: type[M_co]
    title: str
    """Its title in the navigation and on its index page."""
    singular: str
    """One of them, in words; hyphenated, its page template's name (``country.md.j2``)."""
    paged: bool = True
    """A page per item; otherwise each item is a section of the kind's one listing page."""
    mentionable: bool = False
    """Whether the sources' text is searched for its names ("mentioned in")."""
    csv: bool = False
    """Whether the data page offers it as a CSV download, one column per field."""

    @property
    def data_file(self) -> str:
        """Where its data lives, relative to the data folder."""
        return f"{SOURCES_FOLDER}/*.md" if self.name == SOURCES_FOLDER else f"{self.name}.yaml"

    @property
    def from_yaml(self) -> bool:
        return self.name != SOURCES_FOLDER

    @property
    def listing(self) -> str:
        """The page that lists them all, under docs/."""
        return f"{self.name}/index.md" if self.paged else f"{self.name}.md"

    @property
    def listing_template(self) -> str:
        return f"{self.name}-index.md.j2" if self.paged else f"{self.name}.md.j2"

    @property
    def page_template(self) -> str:
        return f"{self.singular.replace(' ', '-')}.md.j2"

    @property
    def has_ids(self) -> bool:
        """Items with an id are entities: they can be linked to and referred to."""
        return "id" in self.model.model_fields

    def page_of(self, key: str) -> str:
        """The page an item is shown on, under docs/."""
        return f"{self.name}/{key}.md" if self.paged else self.listing

    def anchor_of(self, key: str) -> str:
        """The item's anchor on its page; "" for an item with a page of its own."""
        return "" if self.paged else key

    @property
    def csv_columns(self) -> tuple[str, ...]:
        """A CSV download's columns: every field of the model, in its order."""
        return tuple(self.model.model_fields)


COUNTRIES = Kind("countries", Country, "Countries", "country", mentionable=True)
SECTORS = Kind("sectors", Sector, "Sectors", "sector")
INITIATIVES = Kind(
    "initiatives", Initiative, "Initiatives", "initiative", mentionable=True, csv=True
)
PROJECTS = Kind("projects", Project, "Projects", "project", mentionable=True, csv=True)
PEOPLE = Kind("people", Person, "People", "person", mentionable=True)
ORGANISATIONS = Kind(
    "organisations", Organisation, "Organisations", "organisation", mentionable=True
)
SOURCES = Kind(SOURCES_FOLDER, SourceMeta, "Sources", "source")
FIGURES = Kind("figures", Figure, "Figures", "figure", paged=False, csv=True)
TIMELINE = Kind("timeline", TimelineEvent, "Timeline", "timeline event", paged=False, csv=True)
DISCREPANCIES = Kind(
    "discrepancies", Discrepancy, "Discrepancy register", "discrepancy", paged=False
)
GLOSSARY = Kind("glossary", GlossaryTerm, "Glossary", "term", paged=False)

# The order of the site's sections, of "related" lists and of the downloads.
KINDS: tuple[Kind[Strict], ...] = (
    COUNTRIES,
    SECTORS,
    INITIATIVES,
    PROJECTS,
    PEOPLE,
    ORGANISATIONS,
    SOURCES,
    FIGURES,
    TIMELINE,
    DISCREPANCIES,
    GLOSSARY,
)
BY_NAME: dict[str, Kind[Strict]] = {kind.name: kind for kind in KINDS}
YAML_KINDS = tuple(kind for kind in KINDS if kind.from_yaml)
PAGED = tuple(kind for kind in KINDS if kind.paged)


def kind(name: str) -> Kind[Strict]:
    return BY_NAME[name]
