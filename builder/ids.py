"""Ids proposed from titles and names, in any script.

An id is what readers see in page addresses and what authors type in references, so it is
made of plain lower-case ASCII: a title is transliterated (``ü`` → ``u``, Cyrillic to
Latin) rather than refused, cut at a word, kept clear of reserved names and made unique.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from anyascii import anyascii

from builder.model import RESERVED_NAMES

PROPOSED_LENGTH = 40  # a proposal stays short enough to type; the schema allows 64
_NOT_ID = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼ`]")  # "People's" gives "peoples", not "people-s"


def propose_id(name: str, taken: Collection[str] = (), length: int = PROPOSED_LENGTH) -> str:
    """An id for ``name``: valid for the schema, not reserved, not in ``taken``."""
    words = _NOT_ID.sub("-", _APOSTROPHES.sub("", anyascii(name)).lower()).strip("-")
    base = _cut(words, length) or "item"
    candidate, number = base, 1
    while candidate in RESERVED_NAMES or candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = _cut(base, length - len(suffix)) + suffix
    return candidate


def _cut(words: str, length: int) -> str:
    """At most ``length`` characters, cut after a whole word where there is one."""
    if len(words) <= length:
        return words
    cut = words[: length + 1]
    return cut.rsplit("-", 1)[0] if "-" in cut[1:] else words[:length].rstrip("-")
