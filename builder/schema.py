"""Publish the schema as JSON Schema files, so editors validate data while it is typed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pydantic
import pydantic_core
from pydantic import TypeAdapter

from builder import model as model_module
from builder.cache import cached_text, source_digest
from builder.kinds import YAML_KINDS
from builder.model import Event, SourceMeta


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, one per kind of data file."""
    adapters: dict[str, TypeAdapter[Any]] = {
        "event": TypeAdapter(Event),
        "source": TypeAdapter(SourceMeta),
    }
    for kind in YAML_KINDS:
        adapters[kind.name] = TypeAdapter(list[kind.model])  # type: ignore[name-defined]
    result = {}
    for name, adapter in sorted(adapters.items()):
        schema = adapter.json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema.setdefault("title", f"Briefing data: {name}")
        result[f"{name}.schema.json"] = schema
    return result


def schema_texts() -> dict[str, str]:
    """File name -> the file's text, as published in data/schema/ and the downloads.

    Kept in the build cache: pydantic takes as long to generate them as the builder takes
    to render a few dozen pages, and they change only with the schema's code.
    """
    key = [
        "schemas",
        source_digest(Path(model_module.__file__), Path(__file__)),
        pydantic.VERSION,
        pydantic_core.__version__,
        sys.version,
    ]

    def generate() -> str:
        texts = {
            name: json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
            for name, schema in schemas().items()
        }
        return json.dumps(texts, sort_keys=True)

    texts: dict[str, str] = json.loads(cached_text(key, generate))
    return texts


def write_schemas(folder: Path, *, check: bool = False) -> list[str]:
    """Write (or, with ``check``, only compare) the files; return those that differed."""
    stale = []
    for name, text in schema_texts().items():
        path = folder / name
        if path.is_file() and path.read_text("utf-8") == text:
            continue
        stale.append(name)
        if not check:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    return stale
