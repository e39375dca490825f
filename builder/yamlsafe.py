"""Strict YAML: plain data, every value's position kept, no YAML 1.1 surprises.

PyYAML alone keeps the last of two duplicate keys, expands aliases without limit and
reads ``NO``, ``yes``, ``on`` as booleans, ``0755`` as an octal and ``12:30`` as a
sexagesimal number. Here the parser only produces its stream of events; we build the
data from that stream ourselves, with a resolver that knows just ``null``,
``true``/``false``, decimal integers and decimal floats, and refuse anchors' aliases,
explicit tags, duplicate keys and deep nesting with a positioned problem.

No node tree is composed: libyaml's composer recurses once per level of nesting and
crashes the interpreter (a segmentation fault, not an exception) on a few tens of
thousands of ``[``. Depth is counted on the event stream, and reading stops at the first
value nested deeper than :data:`MAX_DEPTH`, before the parser has looked further.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from builder.errors import Problem, enough, stopped_at

MAX_BYTES = 2_000_000
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?$")


# A tag the parser reports for a value written without one (None), or with the
# non-specific "!"; and the explicit tags that change nothing.
_PLAIN_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
# The parser's events. typeshed's stubs leave marks optional and tags off the base class,
# while every event the parser hands out has both.
_Event = Any
_START = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser when present (several times faster), resolving nothing implicitly:
    every plain scalar stays text until :meth:`_Converter._scalar` decides."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


@dataclass
class Document:
    """A parsed YAML document: the data, and where each value stands in the file."""

    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at ``path``, or of its nearest ancestor."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))


class _Stop(Exception):
    """Raised at the first value nested deeper than MAX_DEPTH, and once enough problems are
    found: reading stops there."""


class _Converter:
    def __init__(self, file: str, line_offset: int, next_event: Callable[[], Any]) -> None:
        self.file = file
        self.line_offset = line_offset
        self.next = next_event
        self.problems: list[Problem] = []
        self.marks: dict[Path_, tuple[int, int]] = {}

    def _where(self, event: _Event) -> tuple[int, int]:
        return event.start_mark.line + 1 + self.line_offset, event.start_mark.column + 1

    def problem(self, event: _Event, path: Path_, message: str, hint: str = "") -> None:
        line, column = self._where(event)
        self.problems.append(Problem(self.file, line, column, format_path(path), message, hint))
        if enough(self.problems):
            self.problems.append(stopped_at(self.file, line, column))
            raise _Stop

    def _check_depth(self, event: _Event, path: Path_, depth: int) -> None:
        if depth > MAX_DEPTH:
            # No field: it would be 33 parts long, and libyaml's own limit names none.
            self.problem(event, (), f"nesting deeper than {MAX_DEPTH} levels", "flatten the data")
            raise _Stop

    def document(self) -> Any:
        """The data of the stream's one document (the stream-start event already read)."""
        event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        data = self.convert(self.next(), ())  # after the document-start event
        self.next()  # document end
        event = self.next()
        if not isinstance(event, yaml.StreamEndEvent):
            self.problem(
                event,
                (),
                "a second YAML document ('---') in one file",
                "keep one document per file",
            )
        return data

    def convert(self, event: _Event, path: Path_, depth: int = 0) -> Any:
        """The value that starts with ``event``; its events are read to its end."""
        self.marks[path] = self._where(event)
        if isinstance(event, yaml.AliasEvent):
            self.problem(event, path, "YAML aliases (*name) are not allowed", "write the value out")
            return None
        self._check_depth(event, path, depth)
        if event.tag not in _PLAIN_TAGS:
            self.problem(event, path, f"YAML tag {event.tag!r} is not allowed", "remove the tag")
            self.skip(event, path, depth)
            return None
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(path, depth)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(event := self.next(), yaml.SequenceEndEvent):
                items.append(self.convert(event, (*path, len(items)), depth + 1))
            return items
        return self._scalar(event)

    def skip(self, event: _Event, path: Path_, depth: int) -> None:
        """Read past the value that starts with ``event``, still counting its depth."""
        self._check_depth(event, path, depth)
        level = 1 if isinstance(event, _START) else 0
        while level:
            event = self.next()
            if isinstance(event, _START):
                level += 1
                self._check_depth(event, path, depth + level - 1)
            elif isinstance(event, _END):
                level -= 1

    def _mapping(self, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not isinstance(key_event := self.next(), yaml.MappingEndEvent):
            if not isinstance(key_event, yaml.ScalarEvent):
                alias = isinstance(key_event, yaml.AliasEvent)
                message = (
                    "YAML aliases (*name) are not allowed" if alias else "a key must be plain text"
                )
                self.problem(key_event, path, message)
                self.skip(key_event, path, depth + 1)
                self.skip(self.next(), path, depth + 1)
                continue
            key = str(key_event.value)
            value_event = self.next()
            if key == "<<":
                self.problem(key_event, path, "YAML merge keys (<<) are not allowed")
                self.skip(value_event, path, depth + 1)
                continue
            if key in result:
                first = self.marks.get((*path, key), (0, 0))[0]
                self.problem(
                    key_event,
                    (*path, key),
                    f"duplicate key {key!r} (first given on line {first})",
                    "keep one of them",
                )
                self.skip(value_event, (*path, key), depth + 1)
                continue
            result[key] = self.convert(value_event, (*path, key), depth + 1)
        return result

    @staticmethod
    def _scalar(event: _Event) -> Any:
        text = str(event.value)
        if event.style:  # quoted or block scalar: always text
            return text
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.match(text):
            return int(text)
        if _FLOAT.match(text):
            return float(text)
        return text


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse(text: str, file: str, line_offset: int = 0) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document; return it (or ``None``) with every problem found."""
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        return None, [
            Problem(
                file,
                1,
                1,
                "",
                f"file is {size:,} bytes; the limit is {MAX_BYTES:,}",
                "split it",
            )
        ]
    loader = _Loader(text)
    converter = _Converter(file, line_offset, loader.get_event)
    try:
        loader.get_event()  # stream start
        data = converter.document()
    except _Stop:
        return None, converter.problems
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1
        column = (mark.column + 1) if mark else 1
        if "nesting depth" in str(error.problem):
            # libyaml's own limit (1,000 levels since PyYAML 6.0.4), met by its scanner
            # before the parser hands out the events that would reach ours.
            message, hint = f"nesting deeper than {MAX_DEPTH} levels", "flatten the data"
        else:
            message = f"YAML syntax error: {error.problem or error.context}"
            hint = _syntax_hint(error)
        return None, [Problem(file, line, column, "", message, hint)]
    except yaml.YAMLError as error:
        return None, [Problem(file, 1, 1, "", f"YAML error: {error}")]
    finally:
        loader.dispose()
    return Document(data, converter.marks), converter.problems


def _syntax_hint(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or ""
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "quote text that contains ': '"
    if "could not find expected ':'" in problem:
        return "each entry needs 'key: value'"
    return "check indentation and quoting around this place"
