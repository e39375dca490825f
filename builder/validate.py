"""Stage 2, validate: schema, cross-references and quotes, every problem at once."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from builder import lookalike, yamlsafe
from builder.errors import DataError, Problem, enough, stopped_at
from builder.grounding import check_grounding
from builder.ids import propose_id
from builder.kinds import BY_NAME, FIGURES, YAML_KINDS, Kind, M
from builder.load import RawData, SourceFile
from builder.model import Citation, Event, Figure, SourceMeta, Strict
from builder.paragraphs import Paragraph, fold, split
from builder.quotes import Location, QuoteIndex
from builder.walk import DataPath, nested_models, values


@dataclass(frozen=True)
class Source:
    meta: SourceMeta
    path: str
    paragraphs: tuple[Paragraph, ...]
    skipped: dict[int, str]  # paragraph number -> reason

    @property
    def id(self) -> str:
        return self.meta.id


@dataclass(frozen=True)
class Briefing:
    """Everything the data says, validated; quotes located."""

    event: Event
    sources: dict[str, Source]
    collections: dict[str, list[Strict]]  # kind name -> its items, in the data's order
    locations: dict[tuple[str, str], Location]  # (source id, folded quote) -> where
    warnings: tuple[Problem, ...] = ()  # what is odd but not wrong: printed, not fatal

    def of(self, kind: Kind[M]) -> list[M]:
        """The items of one kind, typed as its model."""
        return cast(list[M], self.collections.get(kind.name, []))

    def locate(self, citation: Citation) -> Location:
        return self.locations[(citation.source, fold(citation.quote))]


def validate(raw: RawData) -> Briefing:
    """Return the validated briefing, or raise :class:`DataError` with every problem.

    Items are validated one by one, so a broken item does not hide the reference and
    quote problems of the others: an author sees everything in one run.
    """
    problems: list[Problem] = []
    event = _validate_event(raw, problems)
    sources = _validate_sources(raw.sources, problems)
    items: dict[str, list[_Entry]] = {}
    invalid_ids: dict[str, str] = {}  # ids of items that failed validation -> collection
    for name, (shown, document) in raw.collections.items():
        items[name] = _validate_collection(name, shown, document, problems, invalid_ids)

    owners = _check_ids(sources, event, items, problems)
    for key, name in invalid_ids.items():
        owners.setdefault(key, name)
    entries = [entry for group in items.values() for entry in group]
    warnings: list[Problem] = []
    if event is not None and raw.event is not None:
        entries.insert(0, _Entry(raw.event[0], raw.event[1], (), event))
        warnings += _repeated_parties(entries[0])
    warnings += _mixed_scripts(entries)
    _check_references(entries, owners, problems)
    _check_charts(items.get(FIGURES.name, []), problems)
    quotes = QuoteIndex(sources)
    locations = _locate_quotes(entries, quotes, problems)
    skipped = _locate_skips(raw.sources, sources, quotes, problems)
    if problems or event is None:
        raise DataError(problems)
    warnings += check_grounding(entries, quotes.sources, locations)
    sources = {
        key: Source(s.meta, s.path, s.paragraphs, skipped.get(key, {}))
        for key, s in sources.items()
    }
    collections = {k.name: [e.value for e in items.get(k.name, [])] for k in YAML_KINDS}
    return Briefing(event, sources, collections, locations, tuple(warnings))


# -- schema ---------------------------------------------------------------------------


def _validate_event(raw: RawData, problems: list[Problem]) -> Event | None:
    if raw.event is None:
        return None
    shown, document = raw.event
    event: Event | None = _validated(TypeAdapter(Event), shown, document, (), problems)
    return event


def _validate_collection(
    name: str,
    shown: str,
    document: yamlsafe.Document,
    problems: list[Problem],
    invalid_ids: dict[str, str],
) -> list[_Entry]:
    if document.data is None:
        return []
    if not isinstance(document.data, list):
        line, column = document.position(())
        message = f"expected a list of {name}, found {_show(document.data)}"
        problems.append(Problem(shown, line, column, "", message, "start each item with '- '"))
        return []
    adapter: TypeAdapter[Strict] = TypeAdapter(BY_NAME[name].model)
    valid = []
    for index, data in enumerate(document.data):
        if enough(problems):  # 10^6 broken items made 10^6 problems: 90 MB of messages
            problems.append(stopped_at(shown, *document.position((index,))))
            break
        item = _validated(adapter, shown, _Subdocument(document, index), (index,), problems)
        if item is not None:
            valid.append(_Entry(shown, document, (index,), item))
        elif isinstance(data, dict) and isinstance(data.get("id"), str):
            invalid_ids.setdefault(data["id"], name)
    return valid


class _Subdocument(yamlsafe.Document):
    """One item of a list document, sharing the document's positions."""

    def __init__(self, document: yamlsafe.Document, index: int) -> None:
        super().__init__(document.data[index], document.marks)


def validate_source(file: SourceFile) -> Source:
    """One source's front matter checked and its body split, as :func:`validate` does."""
    problems: list[Problem] = []
    sources = _validate_sources([file], problems)
    if problems:
        raise DataError(problems)
    return next(iter(sources.values()))


def _validate_sources(files: list[SourceFile], problems: list[Problem]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    adapter = TypeAdapter(SourceMeta)
    for file in files:
        meta = _validated(adapter, file.path, file.front, (), problems)
        if meta is None:
            continue
        stem = file.path.rsplit("/", 1)[-1].removesuffix(".md")
        if meta.id != stem:
            line, column = file.front.position(("id",))
            problems.append(
                Problem(
                    file.path,
                    line,
                    column,
                    "id",
                    f"id {meta.id!r} differs from the file name {stem!r}",
                    f"rename the file to {meta.id}.md or change the id",
                )
            )
        paragraphs = tuple(split(file.body, meta.format))
        sources[meta.id] = Source(meta, file.path, paragraphs, {})
    return sources


def _validated(
    adapter: TypeAdapter[M],
    shown: str,
    document: yamlsafe.Document,
    prefix: DataPath,
    problems: list[Problem],
) -> M | None:
    try:
        return adapter.validate_python(document.data)
    except ValidationError as error:
        by_place: dict[DataPath, list[ErrorDetails]] = {}
        for detail in error.errors():
            loc = _data_path(document.data, detail["loc"])
            by_place.setdefault((*prefix, *loc), []).append(detail)
        for path, details in by_place.items():
            line, column = document.position(path)
            message, hint = describe_all(details)
            problems.append(Problem(shown, line, column, yamlsafe.format_path(path), message, hint))
        return None


def _data_path(data: Any, loc: DataPath) -> DataPath:
    """The part of a pydantic error location that names data; pydantic appends the member
    type of a union (``value.float``) after a scalar, which no author wrote."""
    path: list[str | int] = []
    for part in loc:
        if not isinstance(data, dict | list):
            break
        path.append(part)
        if isinstance(data, dict):
            data = data.get(str(part))
        else:
            data = data[part] if isinstance(part, int) and part < len(data) else None
    return tuple(path)


def describe_all(details: list[ErrorDetails]) -> tuple[str, str]:
    """One message for one place: a value refused by every member of a union of types
    gets a single "expected A or B" rather than one line per member."""
    if len(details) == 1:
        return describe(details[0])
    described = [describe(d) for d in details]
    expected = [m.removeprefix("expected ").split(", found ")[0] for m, _ in described]
    if all(m.startswith("expected ") for m, _ in described):
        found = described[0][0].split(", found ", 1)[-1]
        hint = next((h for _, h in described if h), "")
        return f"expected {' or '.join(dict.fromkeys(expected))}, found {found}", hint
    return "; ".join(m for m, _ in described), next((h for _, h in described if h), "")


def describe(detail: ErrorDetails) -> tuple[str, str]:
    """An author's wording of one pydantic error: what was expected, what was found, a fix."""
    kind, found, ctx = detail["type"], detail.get("input"), detail.get("ctx") or {}
    field = str(detail["loc"][-1]) if detail["loc"] else ""
    if kind == "missing":
        return f"missing required field {field!r}", f"add '{field}:' here"
    if kind == "extra_forbidden":
        return f"unknown field {field!r}", _did_you_mean(field, _allowed_fields(detail))
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return f"expected one of {expected}, found {_show(found)}", ""
    if kind == "string_pattern_mismatch" and "a-z0-9" in str(ctx.get("pattern", "")):
        return f"not a valid id: {_show(found)}", _id_hint(found)
    if kind == "string_pattern_mismatch" and r"\p{L}" in str(ctx.get("pattern", "")):
        return (
            f"not a glossary term: {_show(found)}",
            "use letters of any script, digits, + & . / - and spaces, "
            "starting with a letter or digit",
        )
    if kind == "string_pattern_mismatch" and "[0-9]{4}" in str(ctx.get("pattern", "")):
        return f"not a date: {_show(found)}", "write YYYY, YYYY-MM or YYYY-MM-DD"
    if kind == "string_type":
        hint = (
            "put the value in quotes to keep it as text" if found is not None else "write some text"
        )
        return f"expected text, found {_show(found)}", hint
    if kind in ("int_type", "float_type", "bool_type"):
        expected = {
            "int_type": "a whole number",
            "float_type": "a number",
            "bool_type": "true or false",
        }[kind]
        hint = ""
        if kind == "bool_type" and isinstance(found, str):
            hint = "words like yes, no, on and off are text here; write true or false"
        elif isinstance(found, str):
            hint = "write the number without quotes, e.g. 12 or 1.5"
        return f"expected {expected}, found {_show(found)}", hint
    if kind == "list_type":
        return (
            f"expected a list, found {_show(found)}",
            "start each item on its own line with '- '",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, found {_show(found)}", ""
    if kind == "too_short":
        return (
            f"needs at least {ctx.get('min_length', 1)} item(s), found {_show(found)}",
            "",
        )
    if kind == "string_too_short":
        return "must not be empty", ""
    if kind == "value_error":
        message = str(ctx.get("error", detail["msg"]))
        if message.endswith("is a reserved name; choose another id") and isinstance(found, str):
            return message, f"try {propose_id(found)!r}"
        return message, ""
    return f"{detail['msg']}; found {_show(found)}", ""


def _id_hint(found: object) -> str:
    hint = "use lower-case letters, digits and single hyphens"
    return f"{hint}: try {propose_id(found)!r}" if isinstance(found, str) and found else hint


def _allowed_fields(detail: ErrorDetails) -> list[str]:
    # pydantic does not say which model refused the field; every model's fields are candidates
    names: set[str] = set()
    models: list[type[BaseModel]] = [*(k.model for k in YAML_KINDS), Event, SourceMeta]
    for model in models:
        names.update(_all_fields(model))
    return sorted(names)


def _all_fields(model: type[BaseModel]) -> Iterator[str]:
    for name, info in model.model_fields.items():
        yield name
        for nested in nested_models(info.annotation):
            yield from _all_fields(nested)


def _did_you_mean(
    word: str, choices: list[str], otherwise: str = "remove it, or check the field name"
) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.75)
    return f"did you mean {close[0]!r}?" if close else otherwise


def _some(choices: list[str], limit: int = 8) -> str:
    shown = ", ".join(choices[:limit])
    return shown + (f" and {len(choices) - limit} more" if len(choices) > limit else "")


def _show(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {value!r}"
    if isinstance(value, str):
        return repr(value if len(value) < 60 else value[:57] + "...")
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# -- ids and references -----------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """A validated value with the file and path it came from."""

    file: str
    document: yamlsafe.Document
    path: DataPath
    value: Strict

    def problem(self, path: DataPath, message: str, hint: str = "") -> Problem:
        line, column = self.document.position(path)
        return Problem(self.file, line, column, yamlsafe.format_path(path), message, hint)


def _check_ids(
    sources: dict[str, Source],
    event: Event | None,
    items: dict[str, list[_Entry]],
    problems: list[Problem],
) -> dict[str, str]:
    """Map every id to its collection; ids are unique across all collections, also when
    compared without case or Unicode compatibility differences."""
    owners: dict[str, str] = dict.fromkeys(sources, "sources")
    if event is not None:
        owners.setdefault(event.id, "event")
    for name, entries in items.items():
        for entry in entries:
            key = getattr(entry.value, "id", None)
            if key is None:
                continue
            folded = unicodedata.normalize("NFKC", key).casefold()
            if folded in owners:
                problems.append(
                    entry.problem(
                        (*entry.path, "id"),
                        f"duplicate id {key!r}: already used in {owners[folded]}",
                        "ids are unique across all collections; choose another",
                    )
                )
            else:
                owners[folded] = name
    return owners


def _check_references(
    entries: list[_Entry], owners: dict[str, str], problems: list[Problem]
) -> None:
    for entry in entries:
        for found in values(entry.value, entry.path):
            key, marker, path = found.value, found.ref, found.path
            if marker is None or not isinstance(key, str):
                continue
            owner = owners.get(key)
            wanted = marker.collections
            if owner is not None and ("*" in wanted or owner in wanted):
                continue
            kinds = "entity" if "*" in wanted else " or ".join(wanted)
            if owner is None:
                choices = sorted(k for k, v in owners.items() if "*" in wanted or v in wanted)
                hint = _did_you_mean(key, choices, f"no such id; known: {_some(choices)}")
                problems.append(entry.problem(path, f"unknown {kinds} {key!r}", hint))
            else:
                problems.append(entry.problem(path, f"{key!r} is in {owner}, expected {kinds}"))


def _repeated_parties(event: _Entry) -> list[Problem]:
    """A warning for each participant listed again: it would be counted once, with the
    representatives of every listing, but the author meant one entry."""
    warnings = []
    first: dict[str, int] = {}
    for position, participant in enumerate(cast(Event, event.value).participants):
        earlier = first.setdefault(participant.party, position)
        if earlier != position:
            message = (
                f"{participant.party!r} is listed twice (first at participants[{earlier}]); "
                "list it once with all its representatives"
            )
            warnings.append(event.problem(("participants", position, "party"), message))
    return warnings


def _mixed_scripts(entries: list[_Entry]) -> list[Problem]:
    """A warning for each word of a quote or an alias that mixes Latin, Cyrillic and Greek
    letters: the look-alike makes it unfindable by a reader who types the word."""
    warnings = []
    for entry in entries:
        for found in values(entry.value, entry.path):
            path, text = found.path, found.value
            quoted = path[-1:] == ("quote",)
            alias = len(path) > 1 and path[-2] == "aliases"
            if not isinstance(text, str) or not (quoted or alias):
                continue
            for _, word, scripts in lookalike.mixed_script_words(text):
                names = " and ".join(s.title() for s in scripts)
                message = (
                    f"the word {word!r} mixes {names} letters: {lookalike.foreign_letters(word)}"
                )
                hint = (
                    "retype it in one script, or keep it if the source writes it so"
                    if quoted
                    else "retype it in one script"
                )
                warnings.append(entry.problem(path, message, hint))
    return warnings


def _check_charts(figures: list[_Entry], problems: list[Problem]) -> None:
    """Figures drawn in one chart share one scale: same unit, and a number to draw."""
    units: dict[str, str | None] = {}
    for entry in figures:
        figure = cast(Figure, entry.value)
        if not figure.chart:
            continue
        if figure.value is None:
            problems.append(
                entry.problem(
                    (*entry.path, "chart"),
                    f"chart {figure.chart!r} needs a value",
                    "give 'value' a number, or remove 'chart'",
                )
            )
        first = units.setdefault(figure.chart, figure.unit)
        if figure.unit != first:
            problems.append(
                entry.problem(
                    (*entry.path, "unit"),
                    f"chart {figure.chart!r} mixes units {first!r} and {figure.unit!r}",
                    "charts draw one unit; convert, or use another chart",
                )
            )


# -- quotes -------------------------------------------------------------------------------


def _locate_quotes(
    entries: list[_Entry], quotes: QuoteIndex, problems: list[Problem]
) -> dict[tuple[str, str], Location]:
    locations: dict[tuple[str, str], Location] = {}
    for entry in entries:
        for value in values(entry.value, entry.path, stop=(Citation,)):
            citation, path = value.value, value.path
            if not isinstance(citation, Citation):
                continue
            if citation.source not in quotes.sources:
                continue  # reported as an unknown source
            found = quotes.locate(citation.source, citation.quote)
            if isinstance(found, Location):
                locations[(citation.source, fold(citation.quote))] = found
            else:
                message, hint = found
                problems.append(entry.problem((*path, "quote"), message, hint))
    return locations


def _locate_skips(
    files: list[SourceFile],
    sources: dict[str, Source],
    quotes: QuoteIndex,
    problems: list[Problem],
) -> dict[str, dict[int, str]]:
    skipped: dict[str, dict[int, str]] = {}
    by_path = {s.path: s for s in sources.values()}
    for file in files:
        source = by_path.get(file.path)
        if source is None:
            continue
        for index, skip in enumerate(source.meta.skip):
            # A skip may match several paragraphs: pages repeat menus and titles verbatim.
            numbers = quotes.paragraphs_with(source.id, skip.quote)
            for number in numbers:
                skipped.setdefault(source.id, {})[number] = skip.reason
            found = quotes.locate(source.id, skip.quote)
            if not numbers and not isinstance(found, Location):
                message, hint = found
                line, column = file.front.position(("skip", index, "quote"))
                problems.append(
                    Problem(file.path, line, column, f"skip[{index}].quote", message, hint)
                )
    return skipped
