"""Escaping for text that comes from data and lands in Markdown (and so in HTML).

Jinja's HTML autoescape is not enough for Markdown: a value could still start a heading
(after a newline), break a table (``|``), add an attribute list (``{: onclick=…}``),
open a link or an image, or smuggle raw HTML, which Python-Markdown passes through.
So every interpolated value is escaped twice over. Characters Python-Markdown honours a
backslash before are backslash-escaped; the others that HTML, tables, fences or setext
headings could read become numeric entities (a backslash before those would show).
Control characters, and the Unicode controls that reorder text (bidirectional embeddings,
overrides, isolates and marks, which would make a title or a table read other than it
is), become U+FFFD; line breaks fold to spaces: a value is always inline.

Only what could mean something is escaped, so that text stays as written where it can:
an ``&`` that cannot start a character reference, a ``-`` or ``.`` that cannot start a
list or a rule, stay themselves (and glossary terms such as ``AT&T`` or ``COVID-19`` are
found by the abbreviation extension, which matches the text as Markdown leaves it).

Trusted markup, produced only by the builder itself, is marked with
:class:`markupsafe.Markup` and passes unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote

from markupsafe import Markup

# Of Python-Markdown's ESCAPED_CHARS (a backslash before any other character shows),
# those that mean something anywhere in a line. '+', '-' and '.' only do at its start (a
# list item, a rule, a setext underline, '1.' an ordered list): see _md_text.
_BACKSLASHED = "\\`*_{}[]()>#!"
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
# Quotes are left alone: md() output never lands inside an HTML attribute (html() does).
# '&' is not here: only an '&' that starts a character reference is escaped (_AMPERSAND).
_AS_ENTITY = "<|=~^"
# What a character reference starts with, in Python-Markdown and in its serializer (which
# leaves such an '&' alone): '&#' (the '#' is backslash-escaped, then unescaped before the
# serializer sees it), or letters and digits up to a ';'.
_AMPERSAND = re.compile(r"&(?=#|[A-Za-z0-9]+;)")
# A '.' that would end an ordered list's number: after a digit, or at the start of a value
# (the one before may have ended in digits).
_LIST_DOT = re.compile(r"(?<=[0-9])\.|^( ?)\.")
# Bidirectional controls: embeddings and overrides, isolates, and the implicit marks.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI_TABLE = dict.fromkeys(map(ord, BIDI), "\ufffd")
# Every character str.isspace() (and so the regular expression \s) calls whitespace; a test
# keeps the list true to the running Python.
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
_CONTROL = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *map(ord, BIDI)]
_HTML_SPECIAL = re.compile(f"[&<>\"'{BIDI}]")
_SPACES = re.compile(" {2,}")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _md_table() -> dict[int, str]:
    """One character-for-text table does all of md()'s work but the folding of space runs.

    Later entries win: control characters (some of which are also whitespace) become
    U+FFFD, not spaces.
    """
    table = {ord(char): " " for char in _WHITESPACE}
    table |= {ord(char): "\\" + char for char in _BACKSLASHED}
    table |= {ord(char): _ENTITIES.get(char) or f"&#{ord(char)};" for char in _AS_ENTITY}
    table |= dict.fromkeys(_CONTROL, "\ufffd")
    return table


_MD_TABLE = _md_table()


def md(value: object) -> Markup:
    """Escape any value for inline Markdown; ``Markup`` passes through untouched.

    Whitespace runs fold to one space but edges are kept: templates join pieces.
    """
    if isinstance(value, Markup):
        return value
    return _md_text("" if value is None else str(value))


# Titles and names are escaped on every page that links to them: remember the results.
@lru_cache(maxsize=1 << 16)
def _md_text(text: str) -> Markup:
    if "&" in text:
        text = "&amp;".join(part.translate(_MD_TABLE) for part in _AMPERSAND.split(text))
    else:
        text = text.translate(_MD_TABLE)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    # '+' and '-' only mean something at the start of a line (a list item, a rule), and a
    # value is one line: escaped only there, so terms like "CA+JAD" and "COVID-19" stay
    # plain text that tooltips match.
    if text.startswith(("+", "-")):
        text = "\\" + text
    elif text.startswith((" +", " -")):
        text = " \\" + text[1:]
    if "." in text:
        text = _LIST_DOT.sub(_dot, text)
    return Markup(text)


def _dot(match: re.Match[str]) -> str:
    return (match.group(1) or "") + "\\."


def clear_memo() -> None:
    _md_text.cache_clear()


def html(value: object) -> Markup:
    """Escape for HTML text or a quoted attribute value (builder-written raw HTML, SVG);
    bidirectional controls become U+FFFD, as in md()."""
    if isinstance(value, Markup):
        return value
    text = "" if value is None else str(value)
    return Markup(_HTML_SPECIAL.sub(lambda m: _ENTITIES.get(m.group(0), "\ufffd"), text))


def plain(text: str) -> str:
    """Text for a download (CSV) with bidirectional controls as U+FFFD."""
    return text.translate(_BIDI_TABLE)


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


def finalize(value: object) -> Markup:
    """Jinja's ``finalize`` hook: runs on every ``{{ … }}`` so escaping is the default."""
    # The two common cases first: markup from the builder's helpers, and plain text.
    if type(value) is str:
        return _md_text(value)
    return md(value)  # Markup passes through there
