"""Front matter for a new source, written so that it reads back exactly as meant.

Values are YAML scalars a reader can trust: ids and codes plain as an analyst writes them,
everything else double-quoted with JSON's escapes (which are YAML's), so that no title
can become a boolean, a comment or a second key. Proposed skips are a flow list, one entry
a line, each commented out until the analyst keeps it by deleting its ``# ``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from builder import yamlsafe
from builder.authoring.noise import Proposal
from builder.errors import DataError, Problem
from builder.model import SourceMeta
from builder.validate import describe_all

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/source.schema.json"
# Ids, codes and choices stay unquoted, as an analyst writes them, unless YAML would read
# them as something else: "no" (Norwegian) is a boolean to many YAML readers.
_PLAIN = re.compile(r"^[a-z][a-z0-9-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def front_matter(meta: dict[str, Any], proposed: list[Proposal], *, accept: bool) -> str:
    """The ``---`` block: ``meta``'s fields in order, then the proposed skips, commented
    out unless ``accept``."""
    lines = ["---", SCHEMA_LINE]
    lines += [f"{name}: {_scalar(value)}" for name, value in meta.items()]
    if not proposed:
        lines.append("skip: []")
    else:
        lines.append("skip: [")
        if not accept:
            lines.append('  # Proposed by source add: remove "# " before each entry to keep.')
        mark = "" if accept else "# "
        for proposal in proposed:
            quote, reason = _scalar(proposal.paragraph.folded), _scalar(proposal.reason)
            lines.append(f"  {mark}{{quote: {quote}, reason: {reason}}},")
        lines.append("]")
    return "\n".join([*lines, "---", ""])


def _scalar(value: object) -> str:
    """A YAML scalar that reads back as exactly ``value``: null, or a double-quoted string
    (JSON's escapes are YAML's), with every character YAML would not keep escaped."""
    if value is None:
        return "null"
    if isinstance(value, str) and _PLAIN.match(value) and value not in _YAML_WORDS:
        return value
    quoted = json.dumps(str(value), ensure_ascii=False)
    return "".join(c if c.isprintable() else _escape(c) for c in quoted)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def check_front_matter(text: str, shown: str) -> None:
    """The front matter reads back as a valid source, or nothing is written."""
    front = text[4 : text.index("\n---\n", 3) + 1]
    document, problems = yamlsafe.parse(front, shown, line_offset=1)
    if document is not None and not problems:
        try:
            SourceMeta.model_validate(document.data)
        except ValidationError as error:
            message, hint = describe_all(error.errors())
            problems = [Problem(shown, 0, 0, "", message, hint)]
    if problems:
        raise DataError(problems)
