"""What a source says that the briefing does not cite yet: figures, dates, unknown names
and decisions, each with a quote the builder will accept.

Only words outside every located quote count: a paragraph cited for one fact may hold
another. Paragraphs listed under the source's ``skip:`` are left out. Nothing is written;
the analyst reads, decides and pastes.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from builder.authoring import wordlists
from builder.authoring.quote import Picker, Word, yaml_quoted
from builder.index import Index
from builder.kinds import GLOSSARY
from builder.names import names_of
from builder.stemming import word_stemmer_for

# A quote is lengthened to at least this many words (within its sentence) to be readable.
MIN_QUOTE_WORDS = 5
# Around a decision word, the words that say who decided and what.
DECISION_WORDS_BEFORE = 3
DECISION_WORDS_AFTER = 5
# Which entity a paragraph is probably about, when it mentions several: the most specific.
_LIKELY_FIRST = ("initiatives", "projects", "organisations", "people", "countries")
# A sentence, or a table's cell: each starts with a capital that is not a name's.
_SENTENCE = re.compile(r"[^.!?…|]+(?:[.!?…|]+|$)")
_YEAR = re.compile(r"(1[89]|20)\d\d")


@dataclass(frozen=True)
class Suggestion:
    source: str
    paragraph: int
    line: int
    kind: str  # figure, date, name or decision
    found: str  # the words that make it one, as the source writes them
    quote: str
    entities: list[str] = field(default_factory=list)  # mentioned there, likeliest first
    status: str | None = None  # what a decision word most often means
    date: str | None = None  # a date as YYYY[-MM[-DD]], when the words state it all

    def citation(self, indent: str = "") -> str:
        return f"{indent}- source: {self.source}\n{indent}  quote: {yaml_quoted(self.quote)}"

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "paragraph": self.paragraph,
            "line": self.line,
            "kind": self.kind,
            "found": self.found,
            "quote": self.quote,
            "yaml": self.citation(),
            "entities": self.entities,
            "status": self.status,
            "date": self.date,
        }


@dataclass(frozen=True)
class _Found:
    kind: str
    first: int  # word indices
    last: int
    status: str | None = None
    date: str | None = None


def suggest(index: Index, source_id: str) -> list[Suggestion]:
    """Every figure, date, unknown name and decision of the source outside the briefing's
    quotes, in reading order."""
    briefing = index.briefing
    source = briefing.sources[source_id]
    language = source.meta.language
    picker = Picker(source_id, source.paragraphs)
    cited = _cited_spans(index, source_id)
    mentioned = _mentioned(index, source_id)
    names = _Names(index, language)
    found = []
    for paragraph in source.paragraphs:
        number = paragraph.number
        if number in source.skipped:
            continue
        words = picker.words[number - 1]
        text = picker.texts[number - 1]
        seen: set[tuple[str, str]] = set()
        for fact in _facts(text, words, language, names):
            if _already_cited(text, words, fact, cited.get(number, [])):
                continue
            start, end = words[fact.first].start, words[fact.last].end
            phrase = text[start:end]
            if (fact.kind, phrase) in seen:
                continue
            seen.add((fact.kind, phrase))
            span = picker.unique_span(number, *_readable(text, words, fact))
            if span is None:
                continue  # the paragraph repeats another: nothing in it can be quoted
            found.append(
                Suggestion(
                    source_id,
                    number,
                    paragraph.line,
                    fact.kind,
                    phrase,
                    picker.span(number, *span),
                    mentioned.get(number, []),
                    fact.status,
                    fact.date,
                )
            )
    return found


def _already_cited(
    text: str, words: list[Word], fact: _Found, cited: list[tuple[int, int]]
) -> bool:
    """Whether a quote holds the fact: one of its words, or for a decision one of the words
    of what was decided (the verb itself is rarely quoted: "proposals included …")."""
    last = fact.last
    if fact.kind == "decision":
        last = min(_sentence_of(text, words, fact.first)[1], last + DECISION_WORDS_AFTER)
    return any(
        word.start < end and start < word.end
        for word in words[fact.first : last + 1]
        if fact.kind != "decision" or len(word.key) > 3  # not "and", "the", "to"
        for start, end in cited
    )


def _cited_spans(index: Index, source_id: str) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (source, _), where in index.briefing.locations.items():
        if source == source_id:
            spans[where.paragraph].append((where.start, where.end))
    return spans


def _mentioned(index: Index, source_id: str) -> dict[int, list[str]]:
    """The entities each paragraph names, the most specific kinds first."""
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for key, entity in index.entities.items():
        if entity.collection not in _LIKELY_FIRST:
            continue
        rank = _LIKELY_FIRST.index(entity.collection)
        for mention in index.mentions_of(key):
            if mention.source == source_id:
                found[mention.paragraph].append((rank, key))
    return {n: [key for _, key in sorted(set(keys))] for n, keys in found.items()}


def _readable(text: str, words: list[Word], fact: _Found) -> tuple[int, int]:
    """The fact's words and their neighbours in its sentence, at least MIN_QUOTE_WORDS."""
    first, last = fact.first, fact.last
    sentence = _sentence_of(text, words, fact.first)
    if fact.kind == "decision":
        first = max(sentence[0], first - DECISION_WORDS_BEFORE)
        last = max(last, min(sentence[1], last + DECISION_WORDS_AFTER))
    while last - first + 1 < MIN_QUOTE_WORDS:
        if last < sentence[1]:
            last += 1
        elif first > sentence[0]:
            first -= 1
        else:
            break
    return first, last


def _sentence_of(text: str, words: list[Word], at: int) -> tuple[int, int]:
    """The first and last word of the sentence holding word ``at``."""
    for match in _SENTENCE.finditer(text):
        if match.start() <= words[at].start < match.end():
            inside = [i for i, w in enumerate(words) if match.start() <= w.start < match.end()]
            return inside[0], inside[-1]
    return 0, len(words) - 1


# -- what counts as a fact ---------------------------------------------------------------


def _facts(text: str, words: list[Word], language: str, names: _Names) -> list[_Found]:
    dates = _dates(text, words, language)
    in_dates = {i for d in dates for i in range(d.first, d.last + 1)}
    return sorted(
        [
            *dates,
            *_figures(text, words, language, in_dates),
            *_decisions(text, words, language),
            *names.unknown(text, words),
        ],
        key=lambda f: (f.first, f.last, f.kind),
    )


def _lower(text: str, word: Word) -> str:
    return text[word.start : word.end].lower()


def _is_number(text: str, word: Word) -> bool:
    return text[word.start : word.end].isdigit()


def _dates(text: str, words: list[Word], language: str) -> list[_Found]:
    """Day and month, month and year, or a year alone: "4 May", "May 15, 2032", "2034"."""
    found: list[_Found] = []
    used: set[int] = set()
    for i, word in enumerate(words):
        month = wordlists.month_of(_lower(text, word), language)
        if month is None:
            continue
        first = last = i
        day = year = None
        if i > 0 and _is_number(text, words[i - 1]) and len(_lower(text, words[i - 1])) <= 2:
            first, day = i - 1, int(_lower(text, words[i - 1]))
        elif (
            i + 1 < len(words)
            and _is_number(text, words[i + 1])
            and len(_lower(text, words[i + 1])) <= 2
        ):
            last, day = i + 1, int(_lower(text, words[i + 1]))
        if last + 1 < len(words) and _YEAR.fullmatch(_lower(text, words[last + 1])):
            last, year = last + 1, _lower(text, words[last + 1])
        if day is None and year is None:
            continue  # "may" alone is a verb as often as a month
        iso = None
        if year:
            iso = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
        found.append(_Found("date", first, last, date=iso))
        used.update(range(first, last + 1))
    for i, word in enumerate(words):
        if i not in used and _YEAR.fullmatch(_lower(text, word)):
            found.append(_Found("date", i, i, date=_lower(text, word)))
    return found


def _figures(text: str, words: list[Word], language: str, in_dates: set[int]) -> list[_Found]:
    """A number with a unit or currency, or a number of something: "12 million crowns",
    "$5", "40%", "900 passengers"."""
    units = wordlists.rows_of(wordlists.UNIT_WORDS, language)
    found = []
    i = 0
    while i < len(words):
        glued = (
            words[i].start > 1
            and text[words[i].start - 1] == "-"
            and text[words[i].start - 2].isalpha()
        )  # COVID-19, G-7: part of a name
        if i in in_dates or glued or not _is_number(text, words[i]):
            i += 1
            continue
        first = last = i
        while (
            last + 1 < len(words)
            and _is_number(text, words[last + 1])
            and text[words[last].end : words[last + 1].start] in (".", ",")
        ):
            last += 1  # 1.5, 12,000
        signed = words[first].start > 0 and text[words[first].start - 1] in wordlists.CURRENCY_SIGNS
        percent = text[words[last].end : words[last].end + 1] == "%"
        following = _lower(text, words[last + 1]) if last + 1 < len(words) else ""
        is_unit = any(wordlists.matches(unit, following) for unit in units)
        if is_unit:
            last += 1
            after = _lower(text, words[last + 1]) if last + 1 < len(words) else ""
            if after.isalpha() and after.islower() and len(after) > 2:
                last += 1  # "billion aurels"
        elif following.isalpha() and following.islower() and len(following) > 2:
            last += 1  # "900 passengers"
        elif not (signed or percent):
            i = last + 1
            continue
        found.append(_Found("figure", first, last))
        i = last + 1
    return found


def _decisions(text: str, words: list[Word], language: str) -> list[_Found]:
    table = wordlists.decision_words(language)
    found = []
    for i, word in enumerate(words):
        lower = _lower(text, word)
        for pattern, status in table.items():
            if wordlists.matches(pattern, lower):
                found.append(_Found("decision", i, i, status=status))
                break
    return found


class _Names:
    """Capitalised words that no name or alias of the briefing has (in any inflection)."""

    def __init__(self, index: Index, language: str) -> None:
        self.language = language
        self.not_names = set(wordlists.rows_of(wordlists.NOT_NAMES, language))
        self.joiners = set(wordlists.rows_of(wordlists.NAME_JOINERS, language))
        known: list[str] = [index.briefing.event.name, index.briefing.event.short_name]
        for entity in index.entities.values():
            known += names_of(entity.item)
        for term in index.briefing.of(GLOSSARY):
            known += [term.term, term.expansion, *term.aliases]
        self.known = {self.stem(w) for name in known for w in re.findall(r"\w+", name)}
        # Words the briefing's texts write in lower case, in any form, are words, not names:
        # "Coordination" in a table's heading, when the texts say "coordinate".
        self.lower = {
            self.stem(w)
            for source in index.briefing.sources.values()
            for p in source.paragraphs
            for w in re.findall(r"\w+", p.folded)
            if w.islower()
        }

    def stem(self, word: str) -> str:
        lower = word.lower()
        stemmer = word_stemmer_for(self.language)
        return stemmer(lower) if stemmer else lower

    def _capital(self, text: str, word: Word) -> bool:
        written = text[word.start : word.end]
        return written[:1].isupper() and not written.isdigit()

    def _acronym(self, text: str, word: Word) -> bool:
        written = text[word.start : word.end]
        return len(written) > 1 and written.isupper()

    def _content(self, text: str, word: Word) -> bool:
        written = text[word.start : word.end]
        return (
            self._capital(text, word)
            and written.lower() not in self.not_names
            and self.stem(written) not in self.lower
        )

    def unknown(self, text: str, words: list[Word]) -> list[_Found]:
        """Runs of capitalised words (small joiners allowed inside) with a word that is
        no known name's, nor a common word written with a capital."""
        found = []
        i = 0
        while i < len(words):
            if not self._content(text, words[i]):
                i += 1
                continue
            last = i
            while last + 1 < len(words):
                gap = text[words[last].end : words[last + 1].start]
                nxt = words[last + 1]
                if gap in (" ", "-") and self._capital(text, nxt):
                    last += 1
                elif (
                    gap == " "
                    and _lower(text, nxt) in self.joiners
                    and last + 2 < len(words)
                    and self._capital(text, words[last + 2])
                ):
                    last += 2
                else:
                    break
            run = range(i, last + 1)
            lone = i == last and _sentence_of(text, words, i)[0] == i
            if lone and not self._acronym(text, words[i]):
                i = last + 1
                continue  # a sentence's first word has its capital from the sentence
            if any(
                self._content(text, words[j])
                and self.stem(text[words[j].start : words[j].end]) not in self.known
                for j in run
            ):
                found.append(_Found("name", i, last))
            i = last + 1
        return found


# -- output -------------------------------------------------------------------------------

_KIND_FILE = {
    "figure": "figures.yaml",
    "date": "timeline.yaml",
    "decision": "initiatives.yaml",
    "name": "people.yaml or organisations.yaml",
}


def render(found: list[Suggestion], source: str, form: str) -> str:
    if form == "json":
        return json.dumps(
            {"source": source, "suggestions": [s.as_json() for s in found]},
            ensure_ascii=False,
            indent=2,
        )
    if form == "yaml":
        return _yaml(found, source)
    return _text(found, source)


def _about(suggestion: Suggestion) -> str:
    if not suggestion.entities:
        return ""
    first, *others = suggestion.entities
    also = f" (also mentions {', '.join(others)})" if others else ""
    return f"; probably about {first}{also}"


def _text(found: list[Suggestion], source: str) -> str:
    paragraphs = len({s.paragraph for s in found})
    count = f"{len(found)} suggestion" + ("" if len(found) == 1 else "s")
    where = f"{paragraphs} paragraph" + ("" if paragraphs == 1 else "s")
    lines = [f"{source}: {count} in {where}, outside every quote"]
    for s in found:
        what = f"{s.kind} {s.found!r}" + (f" ({s.status})" if s.status else "")
        lines.append(f"¶{s.paragraph} (body line {s.line}), {what}{_about(s)}:")
        lines.append(s.citation("  "))
    return "\n".join(lines)


def _yaml(found: list[Suggestion], source: str) -> str:
    """Stubs by the file they belong in: fill in the empty fields, keep or drop."""
    lines = [
        f"# What {source} says that no quote cites yet: stubs to fill in and paste into",
        "# the file each heading names. Only the quotes are checked; decide the rest.",
    ]
    for kind, file in _KIND_FILE.items():
        of_kind = [s for s in found if s.kind == kind]
        if not of_kind:
            continue
        lines.append(f"{file}:")
        for s in of_kind:
            lines.append(f"  # ¶{s.paragraph}: {s.found}{_about(s)}")
            lines += [f"  {line}" if line else line for line in _stub(s)]
    return "\n".join(lines)


def _stub(s: Suggestion) -> list[str]:
    found = yaml_quoted(s.found)
    if s.kind == "figure":
        fields = ['label: ""', "value: null", f"value_text: {found}", "unit: null", "sectors: []"]
    elif s.kind == "date":
        fields = [f'date: "{s.date or ""}"', f"date_text: {found}", 'title: ""', "related: []"]
    elif s.kind == "decision":
        fields = [
            'title: ""',
            'summary: ""',
            'kind: ""',
            f"status: {s.status}",
            "sectors: []",
            f"countries: []{'  # mentions: ' + ', '.join(s.entities) if s.entities else ''}",
        ]
    else:
        fields = [f"name: {found}", 'role: ""']
    lines = ['- id: ""'] + [f"  {f}" for f in fields] + ["  citations:"]
    return lines + s.citation("    ").split("\n")
