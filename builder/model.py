"""The schema of a briefing, declared once.

These models validate the data files, generate the published JSON Schema, and document
every field for authors (``description=`` is what an editor shows while typing).
Nothing here is specific to one event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

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

# The words are defined in builder/vocabulary.py; a test keeps the two lists equal.
Status = Literal[
    "signed",
    "adopted",
    "agreed",
    "launched",
    "financed",
    "underway",
    "announced",
    "planned",
    "proposed",
    "supported",
    "existing",
    "completed",
    "suggested",
    "uncorroborated",
]
Severity = Literal["major", "minor", "variant", "note"]
CitationRole = Literal["support", "context"]


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
PartyRef = Annotated[
    Slug,
    Ref(("countries", "organisations")),
    Field(
        description="Id of a country, or of an organisation such as a bloc or an "
        "international organisation."
    ),
]
ActorRef = Annotated[
    Slug,
    Ref(("people", "countries", "organisations")),
    Field(description="Id of a person, country or organisation."),
]
AnyRef = Annotated[Slug, Ref(("*",)), Field(description="Id of any entity.")]
TimelineRef = Annotated[
    Slug, Ref(("timeline",)), Field(description="Id of an entry of the timeline.")
]
INFERRED = (
    "The fields whose ids no quote of this item states, each with why the analyst filled "
    "them in; the page shows the reason. Example: {countries: 'the programme is region-wide'}."
)


class Strict(BaseModel):
    # Field docstrings are the descriptions an editor shows from the JSON Schema.
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True
    )


class Citation(Strict):
    """Where a fact comes from: a source and a short verbatim quote from it."""

    source: SourceRef
    quote: Text = Field(
        description="Words copied exactly from the source (whitespace may differ); "
        "long enough to occur only once."
    )
    role: CitationRole = Field(
        default="support",
        description="support: the quote states the claim, and its source counts as "
        "corroboration; context: background or a related theme only, shown but not counted.",
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
    """The headline as the text gives it, or a short descriptive title if it has none."""
    kind: Line = Field(description="What kind of document: news report, analysis, press release…")
    date: PartialDate | None = Field(description="Publication date as stated, else null.")
    date_note: Text | None = Field(
        default=None, description="Why the date is unknown, or how read."
    )
    publisher: Line | None = Field(description="As stated in the text, else null.")
    author: Line | None = Field(description="As stated in the text, else null.")
    url: Url | None = Field(description="As stated in the text, else null.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
    """ISO 639 code of the text's language, e.g. en; names in a language with a stemmer
    (ru, de, fr, es… all but en) are found in their inflected forms too."""
    reliability: Literal["high", "medium", "low"]
    """How far the source can be trusted: high, medium or low."""
    reliability_note: Text
    """Why: what kind of document it is, who stands behind it, known errors."""
    format: Literal["text", "markdown"] = Field(
        default="text",
        description="text: each non-empty line is a paragraph (articles copied from web pages); "
        "markdown: paragraphs, list items, headings and tables as Markdown blocks.",
    )
    skip: list[Skip] = Field(default_factory=list)
    """Paragraphs with no facts (menus, bylines): the coverage report does not list them as
    gaps, and "Mentioned in" lists leave them out."""


class Dates(Strict):
    start: PartialDate
    end: PartialDate | None = None
    """Last day, for events of several days; null for one day."""
    as_stated: Line = Field(description="The dates exactly as the sources put them.")
    note: Text | None = Field(default=None, description="Analyst's note, e.g. an inferred year.")


class Participant(Strict):
    """One party that took part: a country or an organisation, with who represented it."""

    party: PartyRef = Field(
        description="Id of the country or organisation (a bloc, an international "
        "organisation…) that took part. List each party once, with all its representatives."
    )
    representatives: list[PersonRef] = Field(
        default_factory=list,
        description="Ids of the people who represented it, in the order to show them; "
        "[] if the sources name nobody. Each person's role comes from people.yaml.",
    )


class NamedItem(Strict):
    name: Line
    """Its name as the sources give it."""
    summary: Text | None = None
    """A sentence on what it is."""
    sectors: list[SectorRef] = Field(default_factory=list)
    """Ids of the sectors it belongs to."""
    citations: Cited


class Event(Strict):
    """The event the briefing is about."""

    id: Slug
    name: Line
    """Full name of the event, as the sources give it."""
    short_name: Line
    """Short name for titles and the browser tab."""
    description: Text
    """Two or three sentences on what the event was; shown on the home page."""
    dates: Dates
    """When it took place, as precisely as the sources state."""
    venue: Line
    """Where it took place (city, or venue and city)."""
    host_country: CountryRef
    chair: PersonRef
    participants: list[Participant] = Field(
        description="Every party that took part, once each: countries, and organisations "
        "such as blocs or international organisations, each with who represented it."
    )
    outcome_documents: list[NamedItem] = Field(default_factory=list)
    """Declarations, statements and other documents adopted or signed."""
    priority_areas: list[NamedItem] = Field(default_factory=list)
    """The areas of cooperation the event named as priorities."""
    citations: Cited


class Entity(Strict):
    id: Slug
    aliases: list[Line] = Field(
        default_factory=list,
        description="Every other spelling seen, for search and mentions. In a source whose "
        "language inflects names (ru, de, fr… not en), other forms of a name are found "
        "without listing them ('Москва' finds 'Москвы', 'Москве'); list by hand "
        "only the forms of a short name (a stem under four letters, as in 'Мали') and "
        "irregular ones.",
    )
    note: Text | None = Field(default=None, description="Analyst's note, shown as such.")


class Country(Entity):
    name: Line
    """Common English name."""
    iso3: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    """ISO 3166-1 alpha-3 code; places the country on the map."""
    group: Line = Field(
        description="The group it belongs to in this event, e.g. a region, or 'Partner'."
    )
    leader: PersonRef | None = None
    """Id of the person who led its delegation."""
    citations: OptionalCited
    """Where the sources name it."""


class Sector(Entity):
    name: Line
    """Short name of the sector."""
    description: Text
    """What the sector covers, in a sentence."""


class Initiative(Entity):
    title: Line
    """Short name of the initiative."""
    summary: Text
    """What it is, in a sentence or two, without going beyond the sources."""
    kind: Line = Field(description="proposal, programme, strategy, forum, fund, institution…")
    status: Status
    """How far it got, as the sources state it (see the status list)."""
    proposers: list[ActorRef] = Field(default_factory=list)
    """Ids of the people, countries or organisations that proposed, supported or announced
    it: the subject of its status."""
    occasion: TimelineRef | None = None
    """Id of the timeline entry of the earlier meeting or event where it was put forward or
    agreed; leave out for this briefing's event."""
    year: Line | None = Field(default=None, description="Year or period as stated, else null.")
    sectors: Annotated[list[SectorRef], Field(min_length=1)]
    """Ids of its sectors (at least one)."""
    countries: list[CountryRef] = Field(default_factory=list)
    """Ids of the countries it concerns."""
    related: list[AnyRef] = Field(default_factory=list)
    """Ids of related entities (another initiative, a project…)."""
    inferred: dict[Literal["proposers", "countries", "related", "occasion"], Line] = Field(
        default_factory=dict, description=INFERRED
    )
    featured: bool = Field(default=False, description="Shown as a card on the home page.")
    citations: Cited


class Project(Entity):
    title: Line
    """Short name of the project."""
    summary: Text
    """What was built or done, in a sentence."""
    kind: Line
    """airport, railway, power plant, bridge…"""
    status: Status
    """How far it got, as the sources state it."""
    years: Line | None = Field(
        default=None, description="Years exactly as written, e.g. '1996–1999'."
    )
    countries: Annotated[list[CountryRef], Field(min_length=1)]
    """Ids of the countries where it is (at least one)."""
    sectors: Annotated[list[SectorRef], Field(min_length=1)]
    """Ids of its sectors (at least one)."""
    financiers: list[ActorRef] = Field(default_factory=list)
    """Ids of who the sources say paid for it: a loan, a grant, an investment."""
    supporters: list[ActorRef] = Field(default_factory=list)
    """Ids of who the sources say supported it without saying they paid ("with the support
    of")."""
    partners: list[ActorRef] = Field(default_factory=list)
    """Ids of companies or agencies that took part."""
    inferred: dict[Literal["countries", "financiers", "supporters", "partners"], Line] = Field(
        default_factory=dict, description=INFERRED
    )
    citations: Cited


class Person(Entity):
    name: Line
    """Full name in its usual English spelling."""
    role: Line
    """Role at the time, as the sources give it."""
    country: CountryRef | None = None
    """Id of the country the person represents."""
    citations: Cited


class Organisation(Entity):
    name: Line
    """Full name."""
    acronym: Line | None = None
    """Acronym, if the sources use one."""
    kind: Line
    """agency, bank, company, institute, media…"""
    country: CountryRef | None = None
    """Id of its country, if the sources state it."""
    citations: Cited


class Figure(Entity):
    label: Line
    """What the number measures."""
    value: float | int | None = Field(
        description="The number, for sorting and charts; null if none."
    )
    value_text: Line = Field(description="The figure exactly as written.")
    unit: Line | None = None
    """Unit of value (USD, MW, %…)."""
    period: Line | None = Field(default=None, description="Date or period the figure refers to.")
    sectors: Annotated[list[SectorRef], Field(min_length=1)]
    """Ids of its sectors (at least one)."""
    countries: list[CountryRef] = Field(default_factory=list)
    """Ids of the countries it concerns."""
    featured: bool = Field(default=False, description="Shown among the headline figures.")
    outcome: bool = Field(
        default=False,
        description="An outcome of this briefing's event (a pledge, a target); false for "
        "background such as earlier or pre-event figures.",
    )
    inferred: dict[Literal["countries"], Line] = Field(default_factory=dict, description=INFERRED)
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
    """What happened."""
    related: list[AnyRef] = Field(default_factory=list)
    """Ids of the entities involved."""
    citations: Cited


class Version(Strict):
    reading: Line = Field(description="What this side says, in a few words.")
    citation: Citation
    """Where this side says it."""


class Discrepancy(Entity):
    title: Line
    """The question the sources disagree on."""
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
    """What sort of disagreement it is."""
    severity: Severity
    """How much it matters: major, minor, variant (a spelling) or note (not a conflict)."""
    versions: Annotated[list[Version], Field(min_length=1)]
    """Each side, quoted from its source."""
    analyst_note: Text
    """The analyst's reading; shown labelled as such."""
    affects: list[AnyRef] = Field(default_factory=list, description="Entities that use the fact.")


class GlossaryTerm(Strict):
    term: Annotated[
        str,
        # Letters of any script (readers type "ЕС" as readily as "EU"), but nothing that
        # could break the abbreviation's definition line (brackets, colons, line breaks),
        # and no combining marks: the abbreviation extension finds a term between word
        # boundaries, and a mark is no word character, so "हिंदी" would get no tooltip.
        StringConstraints(pattern=r"^[\p{L}\p{N}][\p{L}\p{N}+&./ -]{0,39}$"),
        Field(
            description="The acronym or term as written: letters of any script (e.g. EU or "
            "ЕС), digits, + & . / - and spaces; it starts with a letter or digit."
        ),
    ]
    expansion: Line
    """What it stands for."""
    definition: Text | None = None
    """A sentence of explanation, if useful."""
    aliases: list[Line] = Field(default_factory=list)
    """Other forms of the term."""
