"""Publish the schema as JSON Schema files, so editors validate data while it is typed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from builder.model import COLLECTIONS, Event, SourceMeta


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, one per kind of data file."""
    adapters: dict[str, TypeAdapter[Any]] = {
        "event": TypeAdapter(Event),
        "source": TypeAdapter(SourceMeta),
    }
    for name, model in COLLECTIONS.items():
        adapters[name] = TypeAdapter(list[model])  # type: ignore[valid-type]
    result = {}
    for name, adapter in sorted(adapters.items()):
        schema = adapter.json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema.setdefault("title", f"Briefing data: {name}")
        result[f"{name}.schema.json"] = schema
    return result


def write_schemas(folder: Path, *, check: bool = False) -> list[str]:
    """Write (or, with ``check``, only compare) the files; return those that differed."""
    stale = []
    for name, schema in schemas().items():
        text = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        path = folder / name
        if path.is_file() and path.read_text("utf-8") == text:
            continue
        stale.append(name)
        if not check:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    return stale
