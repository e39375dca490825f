"""Strict YAML: plain data, every value's position kept, no YAML 1.1 surprises.

PyYAML alone keeps the last of two duplicate keys, expands aliases without limit and
reads ``NO``, ``yes``, ``on`` as booleans, ``0755`` as an octal and ``12:30`` as a
sexagesimal number. Here the parser only builds the node tree; we convert the nodes
ourselves with a resolver that knows just ``null``, ``true``/``false``, decimal
integers and decimal floats, and refuse anchors, aliases, explicit tags, duplicate
keys and deep nesting with a positioned problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from builder.errors import Problem

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


_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


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


class _Converter:
    def __init__(self, file: str, line_offset: int) -> None:
        self.file = file
        self.line_offset = line_offset
        self.problems: list[Problem] = []
        self.marks: dict[Path_, tuple[int, int]] = {}
        self._seen: set[int] = set()

    def _where(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def problem(self, node: yaml.Node, path: Path_, message: str, hint: str = "") -> None:
        line, column = self._where(node)
        self.problems.append(Problem(self.file, line, column, format_path(path), message, hint))

    def convert(
        self, node: yaml.Node, path: Path_, depth: int = 0, owner: yaml.Node | None = None
    ) -> Any:
        """``owner`` is the key or list holding the node: an alias is reported there, since
        an aliased node itself stands where its anchor was defined."""
        if id(node) in self._seen:
            where = owner or node
            self.marks[path] = self._where(where)
            self.problem(where, path, "YAML aliases (*name) are not allowed", "write the value out")
            return None
        self.marks[path] = self._where(node)
        if depth > MAX_DEPTH:
            self.problem(node, path, f"nesting deeper than {MAX_DEPTH} levels", "flatten the data")
            return None
        self._seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            self.problem(node, path, f"YAML tag {node.tag!r} is not allowed", "remove the tag")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            items = enumerate(node.value)
            return [self.convert(item, (*path, i), depth + 1, node) for i, item in items]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, "a key must be plain text")
                continue
            key = str(key_node.value)
            if key == "<<":
                self.problem(key_node, path, "YAML merge keys (<<) are not allowed")
                continue
            if key in result:
                first = self.marks.get((*path, key), (0, 0))[0]
                self.problem(
                    key_node,
                    (*path, key),
                    f"duplicate key {key!r} (first given on line {first})",
                    "keep one of them",
                )
                continue
            result[key] = self.convert(value_node, (*path, key), depth + 1, key_node)
        return result

    @staticmethod
    def _scalar(node: yaml.Node) -> Any:
        text = str(node.value)
        if getattr(node, "style", None):  # quoted or block scalar: always text
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
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1
        column = (mark.column + 1) if mark else 1
        message = f"YAML syntax error: {error.problem or error.context}"
        return None, [Problem(file, line, column, "", message, _syntax_hint(error))]
    except yaml.YAMLError as error:
        return None, [Problem(file, 1, 1, "", f"YAML error: {error}")]
    if node is None:
        return Document(None), []
    converter = _Converter(file, line_offset)
    data = converter.convert(node, ())
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
