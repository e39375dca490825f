"""Synthetic briefings of any size, for benchmarks and to prove the builder generic.

    python -m bench.synthetic --entities 1000 --seed 7 OUT_DIR

writes a data folder (``event.yaml``, one YAML file per collection, ``sources/*.md``) that
``python -m builder --data OUT_DIR check`` accepts. The briefing looks like a real one:
invented countries, places, people and organisations; source articles made of prose
paragraphs, tables and page boilerplate (skipped with a reason); entities that refer to
each other in every direction; aliases and variant spellings; figures, a timeline and a
discrepancy register whose versions quote different sources. Every citation quotes words
that occur exactly once in its source, so the builder's quote check passes; the generator
checks this itself before writing anything.

The same ``--entities`` and ``--seed`` give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.kinds import BY_NAME, SOURCES

# Share of the requested entity count per collection; initiatives take the remainder.
SHARES: dict[str, float] = {
    "countries": 0.04,
    "sectors": 0.03,
    "projects": 0.14,
    "people": 0.14,
    "organisations": 0.10,
    "figures": 0.11,
    "timeline": 0.11,
    "sources": 0.05,
    "discrepancies": 0.03,
}
MINIMUM: dict[str, int] = {"countries": 3, "sectors": 2, "sources": 2, "people": 3}
# Real briefings have a few dozen sectors and at most every country in the world.
MAXIMUM: dict[str, int] = {"countries": 200, "sectors": 40}
RESERVED = {"con", "prn", "aux", "nul", "index", "assets", "search", "404"}

# fmt: off
_SYLLABLES = (
    "al", "an", "ar", "bel", "bor", "da", "dor", "el", "en", "fa", "gar", "hal", "is", "ka",
    "kel", "kor", "la", "lin", "lo", "mar", "mer", "mi", "na", "nor", "o", "ra", "ren", "ri",
    "sa", "sel", "ta", "tor", "u", "val", "ven", "vi", "za", "zor", "dan", "tes", "ol", "ber",
    "mun", "sen",
)
_COUNTRY_ENDINGS = ("", "", "ia", "land", "mark", "a", "istan", "ova")
_FAMILY_ENDINGS = ("", "ov", "en", "son", "ski", "a", "ova", "ic")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
# fmt: on

_SECTORS: tuple[tuple[str, str], ...] = (
    ("Transport and logistics", "Railways, roads, ports and the corridors that link them."),
    ("Energy", "Power generation, grids, and the transition to cleaner sources."),
    ("Water and sanitation", "Drinking water, irrigation and the management of shared rivers."),
    ("Health", "Hospitals, medical training and disease control."),
    ("Education and skills", "Universities, vocational training and student exchanges."),
    ("Agriculture and food", "Farming, food processing and agricultural exports."),
    ("Digital economy", "Telecommunications, data centres and digital public services."),
    ("Finance and investment", "Loans, funds, guarantees and the investment climate."),
    ("Critical minerals", "Exploration, mining and processing of strategic minerals."),
    ("Tourism", "Travel, visas and the visitor economy."),
    ("Culture and heritage", "Museums, heritage sites and cultural exchanges."),
    ("Environment and climate", "Emissions, adaptation and the protection of ecosystems."),
    ("Trade", "Customs, tariffs and the movement of goods."),
    ("Disaster resilience", "Early warning, preparedness and recovery from disasters."),
    ("Science and research", "Joint research, laboratories and academic cooperation."),
    ("Labour and migration", "Labour mobility, recognition of skills and remittances."),
    ("Diplomacy and institutions", "Meetings, secretariats and the format of the dialogue."),
    ("Urban development", "Housing, city planning and municipal services."),
)
_SECTOR_PREFIXES = ("Regional", "Rural", "Cross-border", "Municipal", "Coastal", "Highland")
# fmt: off
_COMMODITIES = (
    "wheat", "cotton", "copper", "uranium", "natural-gas", "fruit", "textiles", "steel",
    "zinc", "wool", "gold", "rice",
)
# fmt: on
_ORG_PATTERNS: tuple[tuple[str, str], ...] = (
    ("{country} Development Bank", "development bank"),
    ("{place} Institute for {topic_title} Studies", "research institute"),
    ("{country} Agency for {topic_title}", "government agency"),
    ("{place} Chamber of Commerce", "business association"),
    ("{place} Fund for {topic_title}", "investment fund"),
    ("{place} University", "university"),
    ("{country} Export Credit Agency", "export credit agency"),
)
_PROJECT_PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("{p1}–{p2} railway", "{p1}–{p2} railway", "railway"),
    ("{p1} solar power plant", "{p1} solar power plant", "power plant"),
    ("Modernisation of the {p1} water supply", "modernisation of the {p1} water supply", "water"),
    ("{p1} logistics hub", "{p1} logistics hub", "logistics hub"),
    ("Reconstruction of {p1} airport", "reconstruction of {p1} airport", "airport"),
    ("{p1} vocational training centre", "{p1} vocational training centre", "training centre"),
    ("{p1} regional hospital", "{p1} regional hospital", "hospital"),
    ("{p1} copper processing plant", "{p1} copper processing plant", "processing plant"),
    ("{p1} irrigation scheme", "{p1} irrigation scheme", "irrigation"),
    ("{p1}–{p2} highway", "{p1}–{p2} highway", "road"),
)
_PROJECT_STATUS = {
    "completed": "has been completed",
    "underway": "is under way",
    "planned": "is being prepared",
    "agreed": "was agreed at the meeting",
    "announced": "was announced on the day",
    "existing": "has operated for several years",
}
_FILLER = (
    "Delegations also discussed the calendar of working-group meetings for the coming year.",
    "Officials said further consultations on {topic} would follow.",
    "The talks took place behind closed doors, and no transcript was released.",
    "Several speakers stressed the importance of predictable rules for investors.",
    "Observers noted that similar ideas had been raised at earlier meetings.",
    "A joint press conference followed the plenary session.",
    "The text of the final statement was not published on the day.",
    "Business representatives from {place} attended as guests.",
    "Speakers returned several times to {topic}, without giving details.",
    "No timetable was given for the next steps.",
    "The organisers said the format would be reviewed after the meeting.",
    "Questions from journalists focused mainly on {topic}.",
)
_HEADINGS = ("Background", "The proposals", "Projects on the ground", "Figures", "What next")
_KINDS = (
    ("news report", "high"),
    ("summit-day report", "high"),
    ("outcome statement", "high"),
    ("pre-meeting analysis", "medium"),
    ("interview", "medium"),
    ("ministry press release", "medium"),
    ("aggregator piece", "low"),
    ("blog post", "low"),
)
_RELIABILITY_NOTES = {
    "high": "A dated report that names its participants; its facts agree with other sources.",
    "medium": "Written before or around the meeting; some statements are forecasts.",
    "low": "Unattributed piece that repeats other reports and adds claims nobody else makes.",
}


@dataclass
class Claim:
    """A sentence of a source article, and the citation that quotes it."""

    sentence: str
    citation: dict[str, str]  # {"source": id, "quote": words}; shared with the entity
    row: tuple[str, str] | None = None  # a table row instead of a sentence


@dataclass
class _Source:
    meta: dict[str, Any]
    claims: list[Claim] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # uncited sentences naming entities


def plan(entities: int) -> dict[str, int]:
    """How many items of each collection make a briefing of about ``entities`` entities."""
    counts = {
        name: min(MAXIMUM.get(name, entities), max(MINIMUM.get(name, 1), round(entities * share)))
        for name, share in SHARES.items()
    }
    counts["people"] = max(counts["people"], counts["countries"])
    counts["initiatives"] = max(2, entities - sum(counts.values()))
    return counts


def title_case(text: str) -> str:
    small = {"and", "of", "for", "the", "to", "in", "on"}
    words = text.split(" ")
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > 56:
        slug = slug[:56].rsplit("-", 1)[0]
    return slug or "item"


class Generator:
    """One briefing: call :meth:`files` for its data folder as {relative path: text}."""

    def __init__(self, entities: int, seed: int = 1) -> None:
        self.rng = random.Random(f"briefing:{entities}:{seed}")  # noqa: S311 (not secrets)
        self.counts = plan(entities)
        self._words: set[str] = set()
        self._ids: set[str] = set()
        self.sources: dict[str, _Source] = {}
        self.data: dict[str, list[dict[str, Any]]] = {}
        self.event: dict[str, Any] = {}
        self.year = 2030
        self.region = ""
        self.event_date = dt.date(2030, 1, 1)
        # How a figure was written (value, phrase), and how a timeline event (clause, day,
        # precision): discrepancies restate them differently in another source.
        self._figure_forms: dict[str, tuple[float, str]] = {}
        self._event_forms: dict[str, tuple[str, dt.date, int]] = {}

    # -- names ---------------------------------------------------------------------------

    def word(self, syllables: tuple[int, int] = (2, 3), ending: str = "") -> str:
        while True:
            count = self.rng.randint(*syllables)
            text = "".join(self.rng.choice(_SYLLABLES) for _ in range(count)) + ending
            text = re.sub(r"(.)\1\1", r"\1\1", text).capitalize()
            if len(text) >= 4 and text.lower() not in self._words:
                self._words.add(text.lower())
                return text

    def new_id(self, text: str) -> str:
        base = slugify(text)
        key, number = base, 2
        while key in self._ids or key in RESERVED:
            key, number = f"{base}-{number}", number + 1
        self._ids.add(key)
        return key

    def pick(self, items: list[dict[str, Any]], k: int = 1) -> list[dict[str, Any]]:
        return self.rng.sample(items, min(k, len(items)))

    def cite(self, source: str, sentence: str, quote: str) -> dict[str, str]:
        citation = {"source": source, "quote": quote}
        self.sources[source].claims.append(Claim(sentence, citation))
        return citation

    def sources_for(self, k: int, reliability: str | None = None) -> list[str]:
        keys = [
            key
            for key, s in self.sources.items()
            if reliability is None or s.meta["reliability"] == reliability
        ] or list(self.sources)
        return self.rng.sample(keys, min(k, len(keys)))

    def date(self, low: int, high: int) -> dt.date:
        start = dt.date(self.year + low, 1, 1).toordinal()
        end = dt.date(self.year + high, 12, 28).toordinal()
        return dt.date.fromordinal(self.rng.randint(start, end))

    # -- the briefing --------------------------------------------------------------------

    def build(self) -> None:
        self.year = self.rng.randint(2027, 2039)
        self.region = self.word((2, 2))
        self._sources()
        self._countries()
        self._sectors()
        self._people()
        self._organisations()
        self._initiatives()
        self._projects()
        self._figures()
        self._event()
        self._timeline()
        self._discrepancies()
        self._glossary()
        self._country_citations()

    def _sources(self) -> None:
        for number in range(self.counts["sources"]):
            kind, reliability = self.rng.choice(_KINDS)
            place = self.word()
            headline = self.rng.choice(
                (
                    f"Leaders meet in {place} to discuss regional cooperation",
                    f"What to expect from the talks in {place}",
                    f"{place} talks end with a list of new initiatives",
                    f"Ministers in {place} agree to deepen ties",
                    f"Inside the negotiations at {place}",
                    f"{place}: investment, corridors and a new fund",
                )
            )
            dated = self.rng.random() < 0.6
            when = dt.date(2030, 1, 1) + dt.timedelta(days=self.rng.randint(0, 3000))
            publisher = (
                f"The {self.word((2, 2))} {self.rng.choice(('Herald', 'Times', 'Review'))}"
                if self.rng.random() < 0.4
                else None
            )
            key = self.new_id(f"{kind} {place}")
            meta: dict[str, Any] = {
                "id": key,
                "title": headline,
                "kind": kind,
                "date": when.isoformat() if dated else None,
                "date_note": None if dated else "The text carries no date.",
                "publisher": publisher,
                "author": f"{self.word((1, 2))} {self.word()}" if self.rng.random() < 0.3 else None,
                "url": f"https://news.example/{key}" if publisher else None,
                "language": "en",
                "reliability": reliability,
                "reliability_note": _RELIABILITY_NOTES[reliability],
                "format": "markdown" if number % 4 == 3 else "text",
                "skip": [],
            }
            self.sources[key] = _Source(meta)

    def _countries(self) -> None:
        items = []
        codes: set[str] = set()
        for number in range(self.counts["countries"]):
            name = self.word((2, 2), self.rng.choice(_COUNTRY_ENDINGS))
            code = name[:3].upper()
            while code in codes:
                code = "".join(self.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3))
            codes.add(code)
            group = "Member state" if number < 8 else self.rng.choice(("Partner", "Observer"))
            item: dict[str, Any] = {"id": self.new_id(name), "name": name, "iso3": code}
            if self.rng.random() < 0.4:
                item["aliases"] = [f"Republic of {name}"]
            item["group"] = group
            items.append(item)
        self.data["countries"] = items

    def _sectors(self) -> None:
        items = []
        for number in range(self.counts["sectors"]):
            base, description = _SECTORS[number % len(_SECTORS)]
            rounds = number // len(_SECTORS)
            name = base
            if rounds:
                prefix = _SECTOR_PREFIXES[(rounds - 1) % len(_SECTOR_PREFIXES)]
                name = f"{prefix} {base.lower()}"
                if rounds > len(_SECTOR_PREFIXES):
                    name = f"{name} ({self.word((2, 2))})"
            items.append({"id": self.new_id(name), "name": name, "description": description})
        self.data["sectors"] = items

    def topic(self) -> str:
        name: str = self.rng.choice(self.data["sectors"])["name"]
        return name.lower()

    def _people(self) -> None:
        countries = self.data["countries"]
        items = []
        for number in range(self.counts["people"]):
            given = self.word((1, 2))
            family = self.word((2, 2), self.rng.choice(_FAMILY_ENDINGS))
            name = f"{given} {family}"
            country = countries[number] if number < len(countries) else self.rng.choice(countries)
            if number < len(countries):
                role = f"{self.rng.choice(('President', 'Prime Minister'))} of {country['name']}"
                country["leader"] = self.new_id(name)
                key = country["leader"]
            else:
                role = self.rng.choice(
                    (
                        f"Minister of {title_case(self.rng.choice(self.data['sectors'])['name'])}",
                        "Foreign Minister",
                        "Deputy Foreign Minister",
                        "Ambassador",
                        "Special envoy",
                    )
                )
                role = f"{role} of {country['name']}"
                key = self.new_id(name)
            item: dict[str, Any] = {"id": key, "name": name}
            if number % 3 == 1:  # a variant spelling, as transliterations give
                variant = name.replace("a", "o", 1) if "a" in given else name.replace("e", "a", 1)
                item["aliases"] = [variant if variant != name else f"{given[0]}. {family}"]
            item["role"] = role
            item["country"] = country["id"]
            source = self.sources_for(1)[0]
            sentence = f"{name}, {role}, said that {self.topic()} would be a priority."
            item["citations"] = [self.cite(source, sentence, f"{name}, {role}")]
            items.append(item)
        for item in items:
            if self.rng.random() < 0.35:
                other = self.rng.choice(items)
                source = self.sources_for(1)[0]
                if other is not item and source != item["citations"][0]["source"]:
                    quote = f"{item['name']} met {other['name']}"
                    sentence = f"{quote} on the sidelines of the meeting."
                    item["citations"].append(self.cite(source, sentence, quote))
            if "aliases" in item:  # the variant spelling appears somewhere, uncited
                alias = item["aliases"][0]
                self.sources[self.sources_for(1)[0]].extra.append(
                    f"{alias} also spoke at the session on {self.topic()}."
                )
        self.data["people"] = items

    def _organisations(self) -> None:
        items = []
        acronyms: set[str] = set()
        countries = self.data["countries"]
        for _ in range(self.counts["organisations"]):
            pattern, kind = self.rng.choice(_ORG_PATTERNS)
            country = self.rng.choice(countries)
            topic = self.rng.choice(self.data["sectors"])["name"]
            name = pattern.format(
                country=country["name"], place=self.word(), topic_title=title_case(topic)
            )
            while name.lower() in self._words:
                name = f"{name} of {self.word()}"
            self._words.add(name.lower())
            letters = "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper())
            acronym = letters
            while acronym in acronyms or len(acronym) < 3:
                acronym = letters + self.rng.choice("ABCDEFGHKLMNPRSTUVZ")
                letters = acronym
            acronyms.add(acronym)
            source = self.sources_for(1)[0]
            action = self.rng.choice(
                (
                    f"presented plans on {topic.lower()}",
                    "signed a memorandum with partner institutions",
                    f"offered technical assistance on {topic.lower()}",
                )
            )
            quote = f"the {name} ({acronym})"
            item: dict[str, Any] = {
                "id": self.new_id(acronym if self.rng.random() < 0.5 else name),
                "name": name,
                "acronym": acronym,
                "kind": kind,
                "country": country["id"],
                "citations": [self.cite(source, f"Representatives of {quote} {action}.", quote)],
            }
            if self.rng.random() < 0.4:
                second = self.sources_for(1)[0]
                if second != source:
                    quote = f"{acronym} will expand its work on {self.topic()}"
                    item["citations"].append(self.cite(second, f"{quote}, officials said.", quote))
            items.append(item)
        self.data["organisations"] = items

    def actors(self) -> list[dict[str, Any]]:
        return [*self.data["people"], *self.data["countries"], *self.data["organisations"]]

    def _initiatives(self) -> None:
        items: list[dict[str, Any]] = []
        countries = self.data["countries"]
        for _ in range(self.counts["initiatives"]):
            place = self.word()
            sector = self.rng.choice(self.data["sectors"])
            topic = sector["name"].lower()
            kind, title = self.rng.choice(
                (
                    ("proposal", f"{place} proposal on {topic}"),
                    ("programme", f"{place} programme for {topic}"),
                    ("fund", f"{place} Fund for {sector['name']}"),
                    ("forum", f"{place} forum on {topic}"),
                    ("strategy", f"{place} strategy for {topic} to {self.year + 10}"),
                    ("institution", f"{place} centre for {topic}"),
                )
            )
            proposer = self.rng.choice(self.actors())
            who = proposer.get("name", "")
            sources = self.sources_for(self.rng.choice((1, 1, 2, 2, 3)))
            weak = self.sources[sources[0]].meta["reliability"] == "low" and len(sources) == 1
            status = (
                "uncorroborated"
                if weak
                else self.rng.choice(
                    ("proposed", "supported", "agreed", "adopted", "launched", "announced")
                )
            )
            purpose = self.rng.choice(
                (
                    f"strengthen cooperation on {topic}",
                    f"mobilise investment in {topic}",
                    f"train specialists in {topic}",
                    f"link the {topic} plans of the member states",
                )
            )
            first = {
                "proposed": (f"{who} proposed the {title}", f", which would {purpose}."),
                "supported": (f"{who} voiced support for the {title}", "."),
                "agreed": (f"agreed to establish the {title}", f", meant to {purpose}."),
                "adopted": (f"adopted the {title}", f", which aims to {purpose}."),
                "launched": (f"{who} launched the {title}", f" to {purpose}."),
                "announced": (f"{who} announced the {title}", "."),
                "uncorroborated": (f"will set up the {title}", f" to {purpose}."),
            }[status]
            lead = {"agreed": "The leaders ", "adopted": "The meeting ", "uncorroborated": ""}
            opening = lead.get(status, "")
            if status == "uncorroborated":
                opening = "According to unnamed sources, the parties "
            citations = [self.cite(sources[0], f"{opening}{first[0]}{first[1]}", first[0])]
            follow = (
                (f"The {title} is expected to", f" {purpose}."),
                (f"take part in the {title}", ""),
            )
            for source, (quote, rest) in zip(sources[1:], follow, strict=False):
                if quote.startswith("take"):
                    partner = self.rng.choice(countries)["name"]
                    citations.append(
                        self.cite(source, f"{partner} said it would {quote}{rest}.", quote)
                    )
                else:
                    citations.append(self.cite(source, f"{quote}{rest}", quote))
            item: dict[str, Any] = {
                "id": self.new_id(title),
                "title": title,
                "summary": f"An initiative to {purpose}, put forward by {who}.",
                "kind": kind,
                "status": status,
                "proposers": [proposer["id"]],
                "year": str(self.year) if self.rng.random() < 0.5 else None,
                "sectors": [sector["id"]],
                "countries": [c["id"] for c in self.pick(countries, self.rng.randint(1, 4))],
                "citations": citations,
            }
            if self.rng.random() < 0.2:
                item["note"] = "The sources do not say who would fund it."
            if items and self.rng.random() < 0.5:
                item["related"] = [self.rng.choice(items)["id"]]
            items.append(item)
        self.data["initiatives"] = items

    def _projects(self) -> None:
        items = []
        for _ in range(self.counts["projects"]):
            pattern, phrase, kind = self.rng.choice(_PROJECT_PATTERNS)
            p1, p2 = self.word(), self.word()
            title = pattern.format(p1=p1, p2=p2)
            phrase = phrase.format(p1=p1, p2=p2)
            status = self.rng.choice(list(_PROJECT_STATUS))
            start = self.year - self.rng.randint(0, 12)
            years = self.rng.choice((f"{start}–{start + self.rng.randint(1, 5)}", str(start), None))
            financier = self.rng.choice([*self.data["organisations"], *self.data["countries"]])
            partner = self.rng.choice(self.data["organisations"])
            fin_name = f"the {financier['name']}" if "acronym" in financier else financier["name"]
            source, *others = self.sources_for(self.rng.choice((1, 1, 2)))
            quote = f"{phrase} ({years})" if years else f"{phrase}, financed by {fin_name}"
            middle = (
                f" ({years}), financed by {fin_name}," if years else f", financed by {fin_name},"
            )
            sentence = f"The {phrase}{middle} {_PROJECT_STATUS[status]}."
            citations = [self.cite(source, sentence, quote)]
            for other in others:
                quote = f"{partner['acronym']} is a partner in the {phrase}"
                citations.append(self.cite(other, f"{quote}.", quote))
            country = self.rng.choice(self.data["countries"])
            item: dict[str, Any] = {
                "id": self.new_id(title),
                "title": title,
                "summary": f"A {kind} project in {country['name']}, financed by {fin_name}.",
                "kind": kind,
                "status": status,
                "years": years,
                "countries": [country["id"]],
                "sectors": [s["id"] for s in self.pick(self.data["sectors"], 2)],
                "financiers": [financier["id"]],
                "partners": [partner["id"]] if others else [],
                "citations": citations,
            }
            items.append(item)
        self.data["projects"] = items

    def _figures(self) -> None:
        items: list[dict[str, Any]] = []
        countries = self.data["countries"]
        used: set[str] = set()
        while len(items) < self.counts["figures"]:
            c1, c2 = self.pick(countries, 2)
            commodity = self.rng.choice(_COMMODITIES).replace("-", " ")
            project = self.rng.choice(self.data["projects"])
            choice = self.rng.randint(0, 3)
            if choice == 0:
                label, phrase = (
                    f"Trade between {c1['name']} and {c2['name']}",
                    f"trade between {c1['name']} and {c2['name']}",
                )
                value: float = round(self.rng.uniform(20, 4000), 1)
                form, unit = "USD {:,} million", "USD million"
            elif choice == 1:
                label = f"{c1['name']} exports of {commodity}"
                phrase = f"{c1['name']}'s exports of {commodity}"
                value = round(self.rng.uniform(0.1, 40), 1)
                form, unit = "{} million tonnes", "million tonnes"
            elif choice == 2:
                label = f"Cost of the {project['title'][0].lower()}{project['title'][1:]}"
                phrase = label[0].lower() + label[1:]
                value = self.rng.randint(12, 1400)
                form, unit = "USD {:,} million", "USD million"
            else:
                label = f"Students from {c1['name']} at partner universities"
                phrase = f"the number of students from {c1['name']} at partner universities"
                value = self.rng.randint(40, 9000)
                form, unit = "{:,} students", "students"
            text = form.format(value)
            period = str(self.year - self.rng.randint(0, 3))
            if label in used:
                continue
            used.add(label)
            source = self.sources_for(1)[0]
            if self.rng.random() < 0.25:
                quote = f"{label} | {text}"
                citation = {"source": source, "quote": quote}
                self.sources[source].claims.append(Claim("", citation, (label, text)))
            else:
                quote = f"{phrase} reached {text}"
                citation = self.cite(source, f"In {period}, {quote}.", quote)
            sector = self.rng.choice(self.data["sectors"])
            item: dict[str, Any] = {
                "id": self.new_id(label),
                "label": label,
                "value": value,
                "value_text": text,
                "unit": unit,
                "period": period,
                "sectors": [sector["id"]],
                "countries": [c1["id"]] if choice != 0 else [c1["id"], c2["id"]],
                "citations": [citation],
            }
            self._figure_forms[item["id"]] = (value, f"{phrase}|{form}")
            items.append(item)
        self.data["figures"] = items

    def _event(self) -> None:
        countries = self.data["countries"]
        host = countries[0]
        members = [c for c in countries if c["group"] == "Member state"]
        venue = f"{self.word()}, {host['name']}"
        day = self.date(0, 0)
        self.event_date = day
        when = f"{day.day} {_MONTHS[day.month - 1]}"
        name = f"First {self.region} Cooperation Forum"
        main = self.sources_for(1, "high")[0]
        quote = f"met in {venue} on {when} for the {name}"
        declaration = f"{venue.split(',')[0]} Declaration"
        areas = []
        for sector in self.pick(self.data["sectors"], 4):
            area = f"Cooperation on {sector['name'].lower()}"
            area_quote = f"named {sector['name'].lower()} as a priority area"
            sentence = f"The final statement {area_quote}."
            areas.append(
                {
                    "name": area,
                    "sectors": [sector["id"]],
                    "citations": [self.cite(main, sentence, area_quote)],
                }
            )
        decl_quote = f"concluded with the adoption of the {declaration}"
        self.event = {
            "id": self.new_id(name),
            "name": name,
            "short_name": f"{self.region} Forum",
            "description": (
                f"The first meeting of the heads of state of {len(members)} countries in the "
                f"{self.region} Cooperation Forum, held in {venue} and chaired by the host."
            ),
            "dates": {
                "start": day.isoformat(),
                "end": None,
                "as_stated": when,
                "note": "The sources give the day and month; the year is the analyst's reading.",
            },
            "venue": venue,
            "host_country": host["id"],
            "chair": host["leader"],
            "participants": [{"party": c["id"], "representatives": [c["leader"]]} for c in members],
            "outcome_documents": [
                {
                    "name": declaration,
                    "summary": "The joint declaration adopted at the close of the meeting.",
                    "sectors": [self.data["sectors"][0]["id"]],
                    "citations": [
                        self.cite(main, f"The meeting {decl_quote}.", decl_quote),
                    ],
                }
            ],
            "priority_areas": areas,
            "citations": [
                self.cite(main, f"Leaders of {len(members)} countries {quote}.", quote),
            ],
        }

    def _timeline(self) -> None:
        items = []
        people, orgs = self.data["people"], self.data["organisations"]
        for number in range(self.counts["timeline"]):
            if number == 0:
                day, precision = self.event_date, 0
                clause = f"the heads of state opened the {self.event['name']}"
                title = f"Opening of the {self.event['name']}"
                related = [self.event["id"], self.event["host_country"]]
            else:
                day, precision = self.date(-6, 2), self.rng.choice((0, 0, 0, 1, 1, 2))
                kind = self.rng.randint(0, 3)
                if kind == 0:
                    person, country = (
                        self.rng.choice(people),
                        self.rng.choice(self.data["countries"]),
                    )
                    clause = f"{person['name']} visited {country['name']}"
                    title = f"{person['name']} visits {country['name']}"
                    related = [person["id"], country["id"]]
                elif kind == 1:
                    org, place = self.rng.choice(orgs), self.word()
                    clause = f"the {org['name']} opened an office in {place}"
                    title = f"{org['acronym']} opens an office in {place}"
                    related = [org["id"]]
                elif kind == 2:
                    place = self.word()
                    clause = f"foreign ministers met in {place}"
                    title = f"Foreign ministers meet in {place}"
                    related = [c["id"] for c in self.pick(self.data["countries"], 3)]
                else:
                    project = self.rng.choice(self.data["projects"])
                    clause = f"work began on the {project['title']}"
                    title = f"Work begins on the {project['title']}"
                    related = [project["id"]]
            month = _MONTHS[day.month - 1]
            date_text = (f"{day.day} {month} {day.year}", f"{month} {day.year}", str(day.year))[
                precision
            ]
            date = (day.isoformat(), day.isoformat()[:7], str(day.year))[precision]
            quote = f"{'On' if precision == 0 else 'In'} {date_text}, {clause}"
            source = self.sources_for(1)[0]
            key = self.new_id(f"t {date} {title}")
            self._event_forms[key] = (clause, day, precision)
            items.append(
                {
                    "id": key,
                    "date": date,
                    "date_text": date_text,
                    "title": title[0].upper() + title[1:],
                    "related": related,
                    "citations": [self.cite(source, f"{quote}.", quote)],
                }
            )
        self.data["timeline"] = items

    def _discrepancies(self) -> None:
        items = []
        figures = [f for f in self.data["figures"] if "|" not in f["citations"][0]["quote"]]
        for number in range(self.counts["discrepancies"]):
            kind = ("figure", "date", "spelling", "other")[number % 4]
            if kind == "spelling":
                candidates = [p for p in self.data["people"] if "aliases" in p]
                if not candidates:
                    kind = "figure"
            if kind == "figure" and not figures:
                kind = "date"
            if kind == "figure":
                figure = figures.pop(self.rng.randrange(len(figures)))
                first = figure["citations"][0]
                other = self.other_source(first["source"])
                value, how = self._figure_forms[figure["id"]]
                phrase, form = how.split("|")
                changed = value * self.rng.choice((0.8, 0.9, 1.1, 1.25))
                alt = form.format(round(changed, 1) if isinstance(value, float) else round(changed))
                quote = f"put {phrase} at {alt}"
                title = f"{figure['label']}: {figure['value_text']} or {alt}?"
                readings = (figure["value_text"], alt)
                affected = figure
            elif kind == "date":
                event = self.rng.choice(self.data["timeline"])
                first = event["citations"][0]
                other = self.other_source(first["source"])
                clause, day, precision = self._event_forms[event["id"]]
                day += dt.timedelta(days=(self.rng.randint(1, 3), 31, 366)[precision])
                month = _MONTHS[day.month - 1]
                alt = (f"{day.day} {month} {day.year}", f"{month} {day.year}", str(day.year))[
                    precision
                ]
                quote = f"{clause} {'on' if precision == 0 else 'in'} {alt}"
                title = f"{event['title']}: {event['date_text']} or {alt}?"
                readings = (event["date_text"], alt)
                affected = event
            elif kind == "spelling":
                person = self.rng.choice(candidates)
                first = person["citations"][0]
                other = self.other_source(first["source"])
                alias = person["aliases"][0]
                quote = f"{alias} chaired the session on {self.topic()}"
                title = f"The name of {person['name']}: {person['name']} or {alias}?"
                readings = (person["name"], alias)
                affected = person
            else:
                initiative = self.rng.choice(self.data["initiatives"])
                first = initiative["citations"][0]
                other = self.other_source(first["source"])
                quote = f"described the {initiative['title']} as already agreed"
                title = f"{initiative['title']}: agreed or not?"
                readings = (initiative["status"], "agreed")
                affected = initiative
            opening = (
                "Another report" if kind in ("figure", "other") else "According to one report,"
            )
            second = self.cite(other, f"{opening} {quote}.", quote)
            items.append(
                {
                    "id": self.new_id(f"d {title}"),
                    "title": title,
                    "kind": kind,
                    "severity": {"figure": "major", "spelling": "variant"}.get(kind, "minor"),
                    "versions": [
                        {"reading": readings[0], "citation": first},
                        {"reading": readings[1], "citation": second},
                    ],
                    "analyst_note": "The sources disagree; the briefing uses the first version, "
                    "which the more reliable source gives.",
                    "affects": [affected["id"]],
                }
            )
        self.data["discrepancies"] = items

    def other_source(self, source: str) -> str:
        others = [key for key in self.sources if key != source]
        return self.rng.choice(others)

    def _glossary(self) -> None:
        orgs = self.data["organisations"][: max(5, len(self.data["organisations"]) // 3)]
        terms = [{"term": o["acronym"], "expansion": o["name"]} for o in orgs]
        terms.append(
            {
                "term": "".join(w[0] for w in self.event["short_name"].split()).upper() + "F",
                "expansion": self.event["short_name"],
                "definition": "The forum this briefing is about.",
            }
        )
        self.data["glossary"] = sorted(terms, key=lambda t: t["term"])

    def _country_citations(self) -> None:
        for country in self.data["countries"]:
            if self.rng.random() < 0.5:
                source = self.sources_for(1)[0]
                quote = f"{country['name']} took part as a {country['group'].lower()}"
                country["citations"] = [self.cite(source, f"{quote}.", quote)]

    # -- the source articles -------------------------------------------------------------

    def article(self, source: _Source) -> str:
        """The body of a source: paragraphs of claims, filler, a table, boilerplate."""
        meta = source.meta
        markdown = meta["format"] == "markdown"
        claims = [c for c in source.claims if c.row is None]
        rows = [c for c in source.claims if c.row is not None]
        self.rng.shuffle(claims)
        sentences = [c.sentence for c in claims] + source.extra
        paragraphs: list[str] = []
        if not markdown:
            stamp = f"{meta['kind'].upper()} | {self.rng.randint(6, 22)}:{self.rng.randint(10, 59)}"
            paragraphs.append(stamp)
            meta["skip"].append({"quote": stamp, "reason": "Category label and time of posting."})
            minutes = f"{self.rng.randint(2, 12)} min read"
            paragraphs.append(minutes)
            meta["skip"].append({"quote": minutes, "reason": "Reading-time label."})
        paragraphs.append(
            f"{self.word()}, {self.event['dates']['as_stated']}. Delegations from "
            f"{len(self.event['participants'])} countries gathered for the "
            f"{self.event['short_name']}."
        )
        position = 0
        while position < len(sentences):
            size = self.rng.randint(1, 4)
            chunk = sentences[position : position + size]
            position += size
            if self.rng.random() < 0.4:
                filler = self.rng.choice(_FILLER).format(topic=self.topic(), place=self.word())
                chunk.insert(self.rng.randint(0, len(chunk)), filler)
            if markdown and self.rng.random() < 0.15:
                paragraphs.append(f"## {self.rng.choice(_HEADINGS)}")
            paragraphs.append(" ".join(chunk))
        if rows:
            table = ["| Indicator | Value |", "|---|---|"]
            table += [f"| {label} | {text} |" for label, text in (c.row for c in rows if c.row)]
            paragraphs.insert(min(len(paragraphs), 4), "\n".join(table))
        paragraphs.append(self.rng.choice(_FILLER).format(topic=self.topic(), place=self.word()))
        paragraphs.append("Share this article")
        meta["skip"].append({"quote": "Share this article", "reason": "Navigation text."})
        self._check_quotes(source, paragraphs)
        return "\n\n".join(paragraphs) + "\n"

    @staticmethod
    def _check_quotes(source: _Source, paragraphs: list[str]) -> None:
        """Each quote must occur once in the source, as the builder will require."""
        folded = [" ".join(p.split()) for p in paragraphs]
        for claim in source.claims:
            quote = claim.citation["quote"]
            hits = sum(_count(text, quote) for text in folded)
            if hits != 1 and claim.row is None:
                quote = claim.sentence.rstrip(".")
                hits = sum(_count(text, quote) for text in folded)
                claim.citation["quote"] = quote
            if hits != 1:
                raise ValueError(f"{source.meta['id']}: quote occurs {hits} times: {quote!r}")

    def files(self) -> dict[str, str]:
        """The data folder: relative path -> text."""
        self.build()
        out: dict[str, str] = {}
        bodies = {key: self.article(source) for key, source in self.sources.items()}
        for key, source in self.sources.items():
            meta = dict(source.meta)
            if not meta["skip"]:
                del meta["skip"]
            out[f"{SOURCES.name}/{key}.md"] = f"---\n{_dump(meta)}---\n{bodies[key]}"
        out["event.yaml"] = _dump(self.event)
        for name, items in self.data.items():
            out[BY_NAME[name].data_file] = _dump(items)
        return dict(sorted(out.items()))


def _count(text: str, quote: str) -> int:
    found, start = 0, text.find(quote)
    while start >= 0:
        found, start = found + 1, text.find(quote, start + 1)
    return found


class _Dumper(yaml.SafeDumper):
    """Plain block YAML; never an anchor or alias (the builder refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000, indent=2
    )


def generate(entities: int, seed: int = 1) -> dict[str, str]:
    """The files of a synthetic data folder of about ``entities`` entities."""
    return Generator(entities, seed).files()


def write(folder: Path, entities: int, seed: int = 1) -> dict[str, int]:
    """Write a synthetic data folder (which must be empty or absent); return the counts."""
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty")
    generator = Generator(entities, seed)
    files = generator.files()
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    counts = {name: len(items) for name, items in generator.data.items()}
    counts["sources"] = len(generator.sources)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic", description=__doc__)
    parser.add_argument("folder", type=Path, help="data folder to create (must be empty)")
    parser.add_argument("--entities", type=int, default=100, help="about how many entities")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    counts = write(args.folder, args.entities, args.seed)
    total = sum(v for k, v in counts.items() if k != "glossary")
    detail = ", ".join(f"{v} {k}" for k, v in counts.items())
    print(f"{args.folder}: {total} entities ({detail})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
