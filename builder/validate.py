"""Stage 2, validate: schema, cross-references and quotes, every problem at once."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from builder import yamlsafe
from builder.errors import DataError, Problem
from builder.load import RawData, SourceFile
from builder.model import (
    COLLECTIONS,
    Citation,
    Event,
    Ref,
    SourceMeta,
    flat_args,
    ref_marker,
)
from builder.paragraphs import Paragraph, fold, split
from builder.quotes import Location, QuoteIndex


@dataclass(frozen=True)
class Source:
    meta: SourceMeta
    path: str
    body: str
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
    collections: dict[str, list[Any]]
    locations: dict[tuple[str, str], Location]  # (source id, folded quote) -> where

    def locate(self, citation: Citation) -> Location:
        return self.locations[(citation.source, fold(citation.quote))]


def validate(raw: RawData) -> Briefing:
    """Return the validated briefing, or raise :class:`DataError` with every problem."""
    problems: list[Problem] = []
    event = _validate_event(raw, problems)
    sources = _validate_sources(raw.sources, problems)
    collections: dict[str, list[Any]] = {}
    documents: dict[str, tuple[str, yamlsafe.Document]] = {}
    for name, (shown, document) in raw.collections.items():
        collections[name] = _validate_collection(name, shown, document, problems)
        documents[name] = (shown, document)
    for name in COLLECTIONS:
        collections.setdefault(name, [])
    if problems:  # later checks assume well-typed data
        raise DataError(problems)

    owners = _check_ids(event, sources, collections, documents, problems)
    entries = list(_entries(event, raw, collections, documents))
    _check_references(entries, owners, problems)
    quotes = QuoteIndex(sources)
    locations = _locate_quotes(entries, quotes, problems)
    skipped = _locate_skips(raw.sources, sources, quotes, problems)
    if problems:
        raise DataError(problems)
    sources = {
        key: Source(s.meta, s.path, s.body, s.paragraphs, skipped.get(key, {}))
        for key, s in sources.items()
    }
    return Briefing(event, sources, collections, locations) if event else _unreachable()


def _unreachable() -> Briefing:
    raise AssertionError("event is validated above")


# -- schema ---------------------------------------------------------------------------


def _validate_event(raw: RawData, problems: list[Problem]) -> Event | None:
    if raw.event is None:
        return None
    shown, document = raw.event
    event: Event | None = _validated(TypeAdapter(Event), shown, document, (), problems)
    return event


def _validate_collection(
    name: str, shown: str, document: yamlsafe.Document, problems: list[Problem]
) -> list[Any]:
    if document.data is None:
        return []
    model = COLLECTIONS[name]
    adapter: TypeAdapter[list[Any]] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return _validated(adapter, shown, document, (), problems) or []


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
        sources[meta.id] = Source(meta, file.path, file.body, paragraphs, {})
    return sources


def _validated(
    adapter: TypeAdapter[Any],
    shown: str,
    document: yamlsafe.Document,
    prefix: tuple[str | int, ...],
    problems: list[Problem],
) -> Any:
    try:
        return adapter.validate_python(document.data)
    except ValidationError as error:
        for detail in error.errors():
            path = (*prefix, *detail["loc"])
            line, column = document.position(path)
            message, hint = describe(detail)
            problems.append(Problem(shown, line, column, yamlsafe.format_path(path), message, hint))
        return None


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
        return (
            f"not a valid id: {_show(found)}",
            "use lower-case letters, digits and single hyphens",
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
        if isinstance(found, str) and yamlsafe.YAML11_LOOKALIKE.match(found):
            hint = "YAML 1.1 words like yes/no/on are text here; write true or false"
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
        return str(ctx.get("error", detail["msg"])), ""
    return f"{detail['msg']}; found {_show(found)}", ""


def _allowed_fields(detail: ErrorDetails) -> list[str]:
    # pydantic does not say which model refused the field; every model's fields are candidates
    names: set[str] = set()
    models: list[type[BaseModel]] = [*COLLECTIONS.values(), Event, SourceMeta]
    for model in models:
        names.update(_all_fields(model))
    return sorted(names)


def _all_fields(model: type[BaseModel]) -> Iterator[str]:
    for name, info in model.model_fields.items():
        yield name
        for arg in flat_args(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                yield from _all_fields(arg)


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.75)
    return f"did you mean {close[0]!r}?" if close else "remove it, or check the field name"


def _show(value: Any) -> str:
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
    path: tuple[str | int, ...]
    value: Any

    def problem(self, path: tuple[str | int, ...], message: str, hint: str = "") -> Problem:
        line, column = self.document.position(path)
        return Problem(self.file, line, column, yamlsafe.format_path(path), message, hint)


def _entries(
    event: Event | None,
    raw: RawData,
    collections: dict[str, list[Any]],
    documents: dict[str, tuple[str, yamlsafe.Document]],
) -> Iterator[_Entry]:
    if event is not None and raw.event is not None:
        yield _Entry(raw.event[0], raw.event[1], (), event)
    for name, items in collections.items():
        if name in documents:
            shown, document = documents[name]
            for index, item in enumerate(items):
                yield _Entry(shown, document, (index,), item)


def _check_ids(
    event: Event | None,
    sources: dict[str, Source],
    collections: dict[str, list[Any]],
    documents: dict[str, tuple[str, yamlsafe.Document]],
    problems: list[Problem],
) -> dict[str, str]:
    """Map every id to its collection; ids are unique across all collections."""
    owners: dict[str, str] = dict.fromkeys(sources, "sources")
    if event is not None:
        owners.setdefault(event.id, "event")
    for name, items in collections.items():
        for index, item in enumerate(items):
            key = getattr(item, "id", None)
            if key is None:
                continue
            folded = unicodedata.normalize("NFKC", key).casefold()
            if folded in owners:
                shown, document = documents[name]
                line, column = document.position((index, "id"))
                problems.append(
                    Problem(
                        shown,
                        line,
                        column,
                        f"[{index}].id",
                        f"duplicate id {key!r}: already used in {owners[folded]}",
                        "ids are unique across all collections; choose another",
                    )
                )
            else:
                owners[folded] = name
    return owners


def _refs(
    model: BaseModel, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str, Ref]]:
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        marker = ref_marker(info)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            item_path = (*path, name, index) if isinstance(value, list) else (*path, name)
            if isinstance(item, str) and marker is not None:
                yield item_path, item, marker
            elif isinstance(item, BaseModel):
                yield from _refs(item, item_path)


def _check_references(
    entries: list[_Entry], owners: dict[str, str], problems: list[Problem]
) -> None:
    for entry in entries:
        for path, key, marker in _refs(entry.value, entry.path):
            owner = owners.get(key)
            wanted = marker.collections
            if owner is not None and ("*" in wanted or owner in wanted):
                continue
            kinds = "entity" if "*" in wanted else " or ".join(wanted)
            if owner is None:
                choices = [k for k, v in owners.items() if "*" in wanted or v in wanted]
                hint = _did_you_mean(key, choices)
                problems.append(entry.problem(path, f"unknown {kinds} {key!r}", hint))
            else:
                problems.append(entry.problem(path, f"{key!r} is in {owner}, expected {kinds}"))


# -- quotes -------------------------------------------------------------------------------


def _citations(
    model: BaseModel, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Citation]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            item_path = (*path, name, index) if isinstance(value, list) else (*path, name)
            if isinstance(item, Citation):
                yield item_path, item
            elif isinstance(item, BaseModel):
                yield from _citations(item, item_path)


def _locate_quotes(
    entries: list[_Entry], quotes: QuoteIndex, problems: list[Problem]
) -> dict[tuple[str, str], Location]:
    locations: dict[tuple[str, str], Location] = {}
    for entry in entries:
        for path, citation in _citations(entry.value, entry.path):
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
            found = quotes.locate(source.id, skip.quote)
            if isinstance(found, Location):
                skipped.setdefault(source.id, {})[found.paragraph] = skip.reason
            else:
                message, hint = found
                line, column = file.front.position(("skip", index, "quote"))
                problems.append(
                    Problem(file.path, line, column, f"skip[{index}].quote", message, hint)
                )
    return skipped
