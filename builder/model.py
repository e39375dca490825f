"""The schema of a briefing, declared once.

These models validate the data files, generate the published JSON Schema, and document
every field for authors (``description=`` is what an editor shows while typing).
Nothing here is specific to one event.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic.fields import FieldInfo

RESERVED_NAMES = {"con", "prn", "aux", "nul", "index", "assets", "search", "404"}
RESERVED_NAMES |= {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}


def _not_reserved(value: str) -> str:
    if value in RESERVED_NAMES:
        raise ValueError(f"{value!r} is a reserved name; choose another id")
    return value


def _real_date(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    year, month, day = [*parts, 1, 1][:3]
    try:
        dt.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"{value!r} is not a real date ({error})") from None
    return value


def _web_url(value: str) -> str:
    if not re.match(r"^(https?|mailto):", value, re.IGNORECASE):
        raise ValueError("only http(s) and mailto links are allowed")
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=64),
    AfterValidator(_not_reserved),
    Field(description="Stable id: lower-case letters, digits and single hyphens."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=5000)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=r"^[^\n]*$")]
PartialDate = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"),
    AfterValidator(_real_date),
    Field(description="YYYY, YYYY-MM or YYYY-MM-DD: only as precise as the source states."),
]
Url = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_web_url)]

Status = Literal[
    "proposed",
    "supported",
    "agreed",
    "adopted",
    "launched",
    "announced",
    "planned",
    "underway",
    "completed",
    "existing",
    "suggested",
    "uncorroborated",
]
STATUS_MEANING: dict[str, str] = {
    "proposed": "put forward by a participant; not (yet) stated as agreed",
    "supported": "a participant voiced support for it",
    "agreed": "the parties are stated to have agreed on it",
    "adopted": "formally adopted (a document or programme)",
    "launched": "stated as launched",
    "announced": "announced as a plan or intention",
    "planned": "stated as planned or being prepared",
    "underway": "stated as in progress",
    "completed": "stated as done",
    "existing": "already in place before the event",
    "suggested": "suggested by an analyst, not proposed by any participant",
    "uncorroborated": "claimed by a single weak source; nothing else supports it",
}


@dataclass(frozen=True)
class Ref:
    """Marks a field whose ids must name entities of these collections ("*": any entity)."""

    collections: tuple[str, ...]


SourceRef = Annotated[
    Slug, Ref(("sources",)), Field(description="Id of a source in data/sources/.")
]
CountryRef = Annotated[Slug, Ref(("countries",)), Field(description="Id of a country.")]
SectorRef = Annotated[Slug, Ref(("sectors",)), Field(description="Id of a sector.")]
PersonRef = Annotated[Slug, Ref(("people",)), Field(description="Id of a person.")]
ActorRef = Annotated[
    Slug,
    Ref(("people", "countries", "organisations")),
    Field(description="Id of a person, country or organisation."),
]
AnyRef = Annotated[Slug, Ref(("*",)), Field(description="Id of any entity.")]


def flat_args(annotation: Any) -> Iterator[Any]:
    """Every type inside an annotation (Annotated metadata kept), depth first."""
    yield annotation
    for arg in typing.get_args(annotation):
        yield from flat_args(arg)


def ref_marker(info: FieldInfo) -> Ref | None:
    """The :class:`Ref` a field's ids must satisfy, if the field holds references."""
    for marker in info.metadata:
        if isinstance(marker, Ref):
            return marker
    for arg in flat_args(info.annotation):
        for marker in getattr(arg, "__metadata__", ()):
            if isinstance(marker, Ref):
                return marker
    return None


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Citation(Strict):
    """Where a fact comes from: a source and a short verbatim quote from it."""

    source: SourceRef
    quote: Text = Field(
        description="Words copied exactly from the source (whitespace may differ); "
        "long enough to occur only once."
    )


Cited = Annotated[list[Citation], Field(min_length=1, description="At least one citation.")]
OptionalCited = Annotated[list[Citation], Field(default_factory=list)]


class Skip(Strict):
    """A source paragraph deliberately left uncited, and why."""

    quote: Text = Field(description="Words from the paragraph to skip (located like a quote).")
    reason: Line = Field(description="Why it carries no fact: navigation text, boilerplate…")


class SourceMeta(Strict):
    """Front matter of a source article. State only what the text itself says."""

    id: Slug
    title: Line
    kind: Line = Field(description="What kind of document: news report, analysis, press release…")
    date: PartialDate | None = Field(description="Publication date as stated, else null.")
    date_note: Text | None = Field(
        default=None, description="Why the date is unknown, or how read."
    )
    publisher: Line | None = Field(description="As stated in the text, else null.")
    author: Line | None = Field(description="As stated in the text, else null.")
    url: Url | None = Field(description="As stated in the text, else null.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
    reliability: Literal["high", "medium", "low"]
    reliability_note: Text
    format: Literal["text", "markdown"] = Field(
        default="text",
        description="text: each non-empty line is a paragraph (articles copied from web pages); "
        "markdown: paragraphs, list items, headings and tables as Markdown blocks.",
    )
    skip: list[Skip] = Field(default_factory=list)


class Dates(Strict):
    start: PartialDate
    end: PartialDate | None = None
    as_stated: Line = Field(description="The dates exactly as the sources put them.")
    note: Text | None = Field(default=None, description="Analyst's note, e.g. an inferred year.")


class Participant(Strict):
    country: CountryRef
    leader: PersonRef


class NamedItem(Strict):
    name: Line
    summary: Text | None = None
    sectors: list[SectorRef] = Field(default_factory=list)
    citations: Cited


class Event(Strict):
    """The event the briefing is about."""

    id: Slug
    name: Line
    short_name: Line
    description: Text
    dates: Dates
    venue: Line
    host_country: CountryRef
    chair: PersonRef
    participants: list[Participant]
    outcome_documents: list[NamedItem] = Field(default_factory=list)
    priority_areas: list[NamedItem] = Field(default_factory=list)
    citations: Cited


class Entity(Strict):
    id: Slug
    aliases: list[Line] = Field(
        default_factory=list,
        description="Every other spelling seen, for search and mentions.",
    )
    note: Text | None = Field(default=None, description="Analyst's note, shown as such.")


class Country(Entity):
    name: Line
    iso3: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    group: Line = Field(
        description="The group it belongs to in this event, e.g. a region, or 'Partner'."
    )
    leader: PersonRef | None = None
    citations: OptionalCited


class Sector(Entity):
    name: Line
    description: Text


class Initiative(Entity):
    title: Line
    summary: Text
    kind: Line = Field(description="proposal, programme, strategy, forum, fund, institution…")
    status: Status
    proposers: list[ActorRef] = Field(default_factory=list)
    year: Line | None = Field(default=None, description="Year or period as stated, else null.")
    sectors: Annotated[list[SectorRef], Field(min_length=1)]
    countries: list[CountryRef] = Field(default_factory=list)
    related: list[AnyRef] = Field(default_factory=list)
    featured: bool = Field(default=False, description="Shown as a card on the home page.")
    citations: Cited


class Project(Entity):
    title: Line
    summary: Text
    kind: Line
    status: Status
    years: Line | None = Field(
        default=None, description="Years exactly as written, e.g. '1996–1999'."
    )
    countries: Annotated[list[CountryRef], Field(min_length=1)]
    sectors: Annotated[list[SectorRef], Field(min_length=1)]
    financiers: list[ActorRef] = Field(default_factory=list)
    partners: list[ActorRef] = Field(default_factory=list)
    citations: Cited


class Person(Entity):
    name: Line
    role: Line
    country: CountryRef | None = None
    citations: Cited


class Organisation(Entity):
    name: Line
    acronym: Line | None = None
    kind: Line
    country: CountryRef | None = None
    citations: Cited


class Figure(Entity):
    label: Line
    value: float | int | None = Field(
        description="The number, for sorting and charts; null if none."
    )
    value_text: Line = Field(description="The figure exactly as written.")
    unit: Line | None = None
    period: Line | None = Field(default=None, description="Date or period the figure refers to.")
    sectors: Annotated[list[SectorRef], Field(min_length=1)]
    countries: list[CountryRef] = Field(default_factory=list)
    featured: bool = Field(default=False, description="Shown among the headline figures.")
    chart: Line | None = Field(
        default=None,
        description="Name of a bar chart on the figures page; figures sharing a chart "
        "must share a unit and have a value.",
    )
    citations: Cited


class TimelineEvent(Entity):
    date: PartialDate
    date_text: Line = Field(description="The date exactly as written.")
    title: Line
    related: list[AnyRef] = Field(default_factory=list)
    citations: Cited


class Version(Strict):
    reading: Line = Field(description="What this side says, in a few words.")
    citation: Citation


class Discrepancy(Entity):
    title: Line
    kind: Literal[
        "date",
        "spelling",
        "name",
        "figure",
        "numbering",
        "anachronism",
        "unattributed",
        "other",
    ]
    versions: Annotated[list[Version], Field(min_length=1)]
    analyst_note: Text
    affects: list[AnyRef] = Field(default_factory=list, description="Entities that use the fact.")


class GlossaryTerm(Strict):
    term: Annotated[
        str,
        StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9+&./ -]{0,39}$"),
        Field(description="The acronym or term as written; letters, digits, + & . / - and spaces."),
    ]
    expansion: Line
    definition: Text | None = None
    aliases: list[Line] = Field(default_factory=list)


# One file per collection in data/; the order here is the order of the site's sections.
COLLECTIONS: dict[str, type[Strict]] = {
    "countries": Country,
    "sectors": Sector,
    "initiatives": Initiative,
    "projects": Project,
    "people": Person,
    "organisations": Organisation,
    "figures": Figure,
    "timeline": TimelineEvent,
    "discrepancies": Discrepancy,
    "glossary": GlossaryTerm,
}
REQUIRED_COLLECTIONS = ("countries", "sectors")
