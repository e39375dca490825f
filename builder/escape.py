"""Escaping for text that comes from data and lands in Markdown (and so in HTML).

Jinja's HTML autoescape is not enough for Markdown: a value could still start a heading
(after a newline), break a table (``|``), add an attribute list (``{: onclick=…}``),
open a link or an image, or smuggle raw HTML, which Python-Markdown passes through.
So every interpolated value is escaped twice over. Characters Python-Markdown honours a
backslash before are backslash-escaped; the others that HTML, tables, fences or setext
headings could read become numeric entities (a backslash before those would show).
Control characters become U+FFFD and line breaks fold to spaces: a value is always inline.

Trusted markup, produced only by the builder itself, is marked with
:class:`markupsafe.Markup` and passes unchanged.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from markupsafe import Markup

# Exactly Python-Markdown's ESCAPED_CHARS: a backslash before any other character shows.
_BACKSLASHED = re.compile(r"([\\`*_{}\[\]()>#\-.!])")
# '+' only means something at the start of a line (a list item), and a value is one line:
# escaped only there, so terms like "CA+JAD" stay plain text that tooltips can match.
_LEADING_PLUS = re.compile(r"^(\s?)\+")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
# Quotes are left alone: md() output never lands inside an HTML attribute (html() does).
_AS_ENTITY = re.compile(r"[&<|=~^]")
_HTML_SPECIAL = re.compile(r"[&<>\"']")
_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def md(value: Any) -> Markup:
    """Escape any value for inline Markdown; ``Markup`` passes through untouched.

    Whitespace runs fold to one space but edges are kept: templates join pieces.
    """
    if isinstance(value, Markup):
        return value
    text = "" if value is None else str(value)
    text = _WHITESPACE.sub(" ", _CONTROL.sub("\ufffd", text))
    # Backslashes first, so the '#' and ';' of the entities below are not escaped again.
    text = _LEADING_PLUS.sub(r"\1\\+", _BACKSLASHED.sub(r"\\\1", text))
    return Markup(_AS_ENTITY.sub(_entity, text))


def _entity(match: re.Match[str]) -> str:
    char = match.group(0)
    return _ENTITIES.get(char) or f"&#{ord(char)};"


def html(value: Any) -> Markup:
    """Escape for HTML text or a quoted attribute value (builder-written raw HTML, SVG)."""
    if isinstance(value, Markup):
        return value
    text = "" if value is None else str(value)
    return Markup(_HTML_SPECIAL.sub(lambda m: _ENTITIES[m.group(0)], text))


def safe_url(value: str) -> str | None:
    """The URL if it is http(s) or mailto once percent-decoded and stripped, else None."""
    decoded = unquote(value).strip()
    compact = re.sub(r"[\x00-\x20]", "", decoded).lower()
    if not compact.startswith(_SAFE_SCHEMES) or re.search(r"[\x00-\x1f\s<>\"']", value):
        return None
    return value


def checked_href(href: str, what: str) -> str:
    """A link for builder-written HTML or SVG: relative, or http(s)/mailto; never a script
    scheme, whitespace or a quote. Raises ValueError naming ``what`` otherwise."""
    if not href or re.search(r"[\x00-\x20\x7f<>\"'`]", href):
        raise ValueError(f"unsafe {what} {href!r}")
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", href)
    if scheme and scheme.group(1).lower() not in {"http", "https", "mailto"}:
        raise ValueError(f"unsafe {what} {href!r}")
    return href


def finalize(value: Any) -> Markup:
    """Jinja's ``finalize`` hook: runs on every ``{{ … }}`` so escaping is the default."""
    return md(value)
