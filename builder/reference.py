"""The data reference for authors, generated from the schema so it cannot drift."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from builder.kinds import YAML_KINDS
from builder.model import Event, SourceMeta
from builder.walk import nested_models, ref_marker


@dataclass(frozen=True)
class FieldDoc:
    name: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class ModelDoc:
    title: str
    file: str
    fields: list[FieldDoc]


def reference() -> list[ModelDoc]:
    """Every kind of data file, then every nested structure, each with its fields."""
    files: list[tuple[str, str, type[BaseModel]]] = [
        ("The event", "data/event.yaml", Event),
        ("A source", "data/sources/<id>.md", SourceMeta),
    ]
    files += [(kind.name.capitalize(), f"data/{kind.data_file}", kind.model) for kind in YAML_KINDS]
    docs = [ModelDoc(title, file, _fields(model)) for title, file, model in files]
    seen = {model for _, _, model in files}
    nested = sorted(
        {m for _, _, model in files for m in _nested(model)} - seen, key=lambda m: m.__name__
    )
    docs += [ModelDoc(m.__name__, "", _fields(m)) for m in nested]
    return docs


def _fields(model: type[BaseModel]) -> list[FieldDoc]:
    return [
        FieldDoc(
            name,
            _kind(info.annotation, ref_marker(info)),
            info.is_required(),
            info.description or "",
        )
        for name, info in model.model_fields.items()
    ]


def _nested(model: type[BaseModel]) -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    for info in model.model_fields.values():
        for arg in nested_models(info.annotation):
            if arg not in found:
                found |= {arg} | _nested(arg)
    return found


def _kind(annotation: Any, ref: Any) -> str:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _kind(args[0], ref)
    if origin in (typing.Union, types.UnionType):
        kinds = [_kind(a, ref) for a in args if a is not type(None)]
        optional = " or null" if type(None) in args else ""
        return " or ".join(dict.fromkeys(kinds)) + optional
    if origin is list:
        return f"list of {_kind(args[0], ref)}"
    if origin is dict:
        return f"map from ({_kind(args[0], None)}) to {_kind(args[1], None)}"
    if origin is Literal:
        return "one of " + ", ".join(str(a) for a in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    if annotation is str:
        return f"id of {' / '.join(ref.collections).replace('*', 'any entity')}" if ref else "text"
    return {bool: "true or false", int: "whole number", float: "number"}.get(
        annotation, str(annotation)
    )


def reference_markdown() -> str:
    """The reference as plain Markdown tables, for the README (``make schema`` writes it
    there; a test fails when it is out of date)."""
    from builder.vocabulary import CITATION_ROLES, SEVERITIES, STAGES, STATUSES

    lines: list[str] = []
    for doc in reference():
        where = f" (`{doc.file}`)" if doc.file else ""
        lines += [f"#### {doc.title}{where}", "", "| Field | Required | Kind | Meaning |"]
        lines.append("|---|---|---|---|")
        for field in doc.fields:
            required = "yes" if field.required else "no"
            lines.append(
                f"| `{field.name}` | {required} | {field.kind} | {_cell(field.description)} |"
            )
        lines.append("")
    stage_titles = {stage.name: stage.title for stage in STAGES}
    lines += ["#### Statuses", "", "| Status | Stage | Meaning |", "|---|---|---|"]
    lines += [
        f"| `{word.name}` | {stage_titles[word.stage]} | {_cell(word.meaning)} |"
        for word in STATUSES
    ]
    for title, words in (
        ("Severities of discrepancies", SEVERITIES),
        ("Citation roles", CITATION_ROLES),
    ):
        lines += ["", f"#### {title}", "", "| Value | Meaning |", "|---|---|"]
        lines += [f"| `{word.name}` | {_cell(word.meaning)} |" for word in words]
    return "\n".join(lines) + "\n"


def vocabulary_markdown() -> str:
    """The statuses (by stage), severities and citation roles with their meanings, for the
    Method page (``make schema`` writes it there; a test fails when it is out of date)."""
    from builder.vocabulary import CITATION_ROLES, SEVERITIES, STAGES, STATUSES

    lines = ["### What the statuses mean", ""]
    lines += ["Each initiative and project has one status, in the sources' own terms. Statuses"]
    lines += ["are grouped in stages, from what was decided to what was only suggested.", ""]
    for stage in STAGES:
        lines.append(f"**{stage.title}** ({stage.meaning}):")
        lines.append("")
        lines += [f"- *{w.name}*: {w.meaning}" for w in STATUSES if w.stage == stage.name]
        lines.append("")
    lines += ["### How much a discrepancy matters", ""]
    lines += [f"- *{word.name}*: {word.meaning}" for word in SEVERITIES]
    lines += ["", "### Support and context", ""]
    lines += ["A claim's sources are counted from its citations. Each citation has a role:", ""]
    lines += [f"- *{word.name}*: {word.meaning}" for word in CITATION_ROLES]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
