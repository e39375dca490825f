"""Machine-readable downloads: the whole summary as JSON, the main collections as CSV,
and the JSON Schema. Written next to the pages, so the site links them as files."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import pydantic_core
from pydantic import BaseModel

from builder.escape import plain
from builder.kinds import KINDS, Kind
from builder.model import Citation, Strict
from builder.schema import schema_texts
from builder.validate import Briefing

FOLDER = "downloads"
# A spreadsheet would run a cell starting with these as a formula: such cells get a
# leading apostrophe, which spreadsheets hide and readers of the CSV can strip. A number
# field's value (-5) is written as it is: it cannot be a formula, and stays a number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def downloads(briefing: Briefing) -> dict[str, str]:
    """File path under docs/ -> text."""
    files = {f"{FOLDER}/briefing.json": summary_json(briefing)}
    for kind in KINDS:
        if kind.csv:
            files[f"{FOLDER}/{kind.name}.csv"] = collection_csv(kind, briefing.of(kind))
    for name, text in schema_texts().items():
        files[f"{FOLDER}/schema/{name}"] = text
    return files


def summary_json(briefing: Briefing) -> str:
    """Fields in the models' order, text unescaped (UTF-8). pydantic's own serializer
    writes the models directly; the standard library's indenting encoder is pure Python
    and took five times as long."""
    data: dict[str, object] = {"event": briefing.event}
    data["sources"] = [
        {**source.meta.model_dump(mode="json"), "paragraphs": [p.text for p in source.paragraphs]}
        for _, source in sorted(briefing.sources.items())
    ]
    data.update(briefing.collections)
    return pydantic_core.to_json(data, indent=1).decode("utf-8") + "\n"


def collection_csv(kind: Kind[Strict], items: Sequence[BaseModel]) -> str:
    """One row per item, one column per field of the kind's model; "" when it has none."""
    if not items:
        return ""
    fields = kind.csv_columns
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for item in items:
        writer.writerow([_cell(getattr(item, field)) for field in fields])
    return out.getvalue()


def _cell(value: object) -> str:
    if isinstance(value, list):
        text = "; ".join(_cell(v) for v in value)
    elif isinstance(value, dict):
        text = "; ".join(f"{key}: {_cell(reason)}" for key, reason in value.items())
    elif isinstance(value, Citation):
        context = " (context)" if value.role == "context" else ""
        text = f"{value.source}{context}: {value.quote}"
    elif value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int | float):
        return str(value)
    else:
        text = plain(str(value))  # no bidirectional controls
    return "'" + text if text.startswith(_FORMULA_START) else text
