"""One walk over validated models, and over the types they are declared with.

Validation (references, quotes) and the index (relations, citations) all need "every
value in this item, with where it stands and what its field says it refers to"; they
filter one walk rather than each writing its own.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from builder.model import Ref

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Value:
    """One value inside a model: a field's value, or one item of a list field."""

    path: DataPath
    """Field names and list positions from the walked model down to the value."""
    value: object
    ref: Ref | None
    """What the value's ids must name, when its field holds references."""

    @property
    def field(self) -> str:
        """The dotted field names of the path, without positions: ``participants.party``."""
        return ".".join(part for part in self.path if isinstance(part, str))


def values(
    model: BaseModel, path: DataPath = (), *, stop: tuple[type[BaseModel], ...] = ()
) -> Iterator[Value]:
    """Every value inside ``model``, depth first, nested models included (and then walked
    into, unless they are one of the ``stop`` types)."""
    for name, ref in field_refs(type(model)).items():
        value = getattr(model, name)
        if isinstance(value, list):
            items = [((*path, name, i), item) for i, item in enumerate(value)]
        else:
            items = [((*path, name), value)]
        for item_path, item in items:
            yield Value(item_path, item, ref)
            if isinstance(item, BaseModel) and not isinstance(item, stop):
                yield from values(item, item_path, stop=stop)


def type_args(annotation: object) -> Iterator[object]:
    """Every type inside an annotation (``Annotated`` metadata kept), depth first."""
    yield annotation
    for arg in typing.get_args(annotation):
        yield from type_args(arg)


def nested_models(annotation: object) -> Iterator[type[BaseModel]]:
    """The model classes an annotation mentions, at any depth."""
    for arg in type_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            yield arg


def ref_marker(info: FieldInfo) -> Ref | None:
    """The :class:`Ref` a field's ids must satisfy, if the field holds references."""
    for marker in info.metadata:
        if isinstance(marker, Ref):
            return marker
    for arg in type_args(info.annotation):
        for marker in getattr(arg, "__metadata__", ()):
            if isinstance(marker, Ref):
                return marker
    return None


@cache
def field_refs(model: type[BaseModel]) -> dict[str, Ref | None]:
    """Each field of a model with its :class:`Ref`, if any; computed once per model."""
    return {name: ref_marker(info) for name, info in model.model_fields.items()}
