"""The data reference for authors, generated from the schema so it cannot drift."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from builder.model import COLLECTIONS, Event, SourceMeta, ref_marker


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
    files += [
        (name.capitalize(), f"data/{name}.yaml", model) for name, model in COLLECTIONS.items()
    ]
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
        for arg in _args(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel) and arg not in found:
                found |= {arg} | _nested(arg)
    return found


def _args(annotation: Any) -> list[Any]:
    return [annotation, *(a for arg in typing.get_args(annotation) for a in _args(arg))]


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
    if origin is Literal:
        return "one of " + ", ".join(str(a) for a in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    if annotation is str:
        return f"id of {' / '.join(ref.collections).replace('*', 'any entity')}" if ref else "text"
    return {bool: "true or false", int: "whole number", float: "number"}.get(
        annotation, str(annotation)
    )
