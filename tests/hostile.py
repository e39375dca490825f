"""A briefing whose every free-text field is hostile, for the injection tests.

Which fields are free text is read from the published JSON Schema, not listed by hand: a
string with no pattern, no list of allowed values and no special meaning (quotes must
stay verbatim, URLs are checked by their own rules). A field added to the schema later
is poisoned too.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from builder.kinds import YAML_KINDS
from builder.model import Event, SourceMeta

# Fields whose strings are not prose: quotes are located in the sources, URLs have rules.
NOT_PROSE = {"quote", "url"}
# The one pattern that still allows any text: a single line.
ONE_LINE = "^[^\\n]*$"
Schema = dict[str, Any]


def payload(number: int, term: str) -> str:
    """Markup that would run, open a dialog or add a handler if anything let it through.
    The glossary term makes the builder give the text a tooltip (an abbreviation)."""
    return f"{term} <img src=x onerror=alert({number})> {{: onclick=alert({number}) }}"


def poison_folder(data: Path) -> int:
    """Replace every free-text value in the data folder; return how many were replaced."""
    numbers = itertools.count(1)
    term = _first_term(data)
    replaced = 0
    models: dict[str, type[BaseModel]] = {"event": Event} | {k.name: k.model for k in YAML_KINDS}
    for name, model in models.items():
        path = data / f"{name}.yaml"
        if not path.is_file():
            continue
        schema = model.model_json_schema()
        document = yaml.safe_load(path.read_text("utf-8"))
        items = document if isinstance(document, list) else [document]
        item_schema = schema
        for item in items:
            replaced += _poison(item, item_schema, schema.get("$defs", {}), numbers, term)
        path.write_text(_dump(document), "utf-8")
    for path in sorted((data / "sources").glob("*.md")):
        replaced += _poison_source(path, numbers, term)
    return replaced


def _first_term(data: Path) -> str:
    terms = yaml.safe_load((data / "glossary.yaml").read_text("utf-8")) or []
    return str(terms[0]["term"]) if terms else ""


def _poison_source(path: Path, numbers: Iterator[int], term: str) -> int:
    text = path.read_text("utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    schema = SourceMeta.model_json_schema()
    count = _poison(meta, schema, schema.get("$defs", {}), numbers, term)
    path.write_text(f"---\n{_dump(meta)}---\n{body}", "utf-8")
    return count


def _poison(
    value: Any, schema: Schema, defs: dict[str, Schema], numbers: Iterator[int], term: str
) -> int:
    """Poison ``value`` in place where the schema says a string is free text."""
    schema = _resolve(schema, defs)
    count = 0
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, item in value.items():
            field = _resolve(properties.get(key, {}), defs)
            if isinstance(item, str) and key not in NOT_PROSE and _is_prose(field, defs):
                value[key] = payload(next(numbers), term)
                count += 1
            elif key not in NOT_PROSE:
                count += _poison(item, field, defs, numbers, term)
    elif isinstance(value, list):
        items = _resolve(schema.get("items", {}), defs)
        for position, item in enumerate(value):
            if isinstance(item, str) and _is_prose(items, defs):
                value[position] = payload(next(numbers), term)
                count += 1
            else:
                count += _poison(item, items, defs, numbers, term)
    return count


def _resolve(schema: Schema, defs: dict[str, Schema]) -> Schema:
    """The schema itself, its $ref's target, or its one object/array/string branch."""
    if "$ref" in schema:
        return _resolve(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    branches = [b for b in schema.get("anyOf", []) if b.get("type") != "null"]
    if len(branches) == 1:
        return _resolve(branches[0], defs)
    return schema


def _is_prose(schema: Schema, defs: dict[str, Schema]) -> bool:
    schema = _resolve(schema, defs)
    return (
        schema.get("type") == "string"
        and schema.get("pattern", ONE_LINE) == ONE_LINE
        and not {"enum", "const", "format"} & set(schema)
        and not re.search(r"\burl\b", str(schema.get("description", "")), re.IGNORECASE)
    )


def _dump(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000)
