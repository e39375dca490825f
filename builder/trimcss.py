"""Leave out of a built site's stylesheets the rules that can match nothing in it.

The theme's stylesheet (about 23 KiB compressed) styles every feature and Markdown
extension it supports; a briefing uses a third of its classes. A phone waits for the whole
stylesheet before it paints anything, so a smaller one shows the page sooner.

A selector is dropped only when it requires a class that appears nowhere in the site: in
no ``class`` attribute of any page, and in no script the site ships (the theme's scripts
add classes of their own: search results, dialogs, the active link; a name a script builds
from a prefix, such as ``md-tag--`` + a value, keeps every class that starts with that
prefix). Classes inside parentheses (``:not(.x)``, ``:is(.x, .y)``) are not judged: a
selector with ``:not(.unused)`` still matches. A rule whose selectors are all dropped is
dropped, and an ``@media`` or ``@supports`` block left empty too; everything else
(``@keyframes``, ``@font-face``, custom properties) is kept as written. The rules kept
are byte for byte the theme's, in the theme's order, so the page looks exactly the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

_CLASS_ATTRIBUTE = re.compile(r"""\sclass=(?:"([^"]*)"|'([^']*)')""")
_TOKEN = re.compile(r"[A-Za-z_][\w-]*")
_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_GROUPING = ("@media", "@supports", "@layer", "@container", "@document")


class Classes:
    """The class names a site can carry: from its pages, and from its scripts' words."""

    def __init__(self, pages: Iterable[str], scripts: Iterable[str]) -> None:
        self.used: set[str] = set()
        for page in pages:
            for match in _CLASS_ATTRIBUTE.finditer(page):
                self.used.update((match.group(1) or match.group(2) or "").split())
        words: set[str] = set()
        for script in scripts:
            words.update(_TOKEN.findall(script))
        self.used |= words
        self.prefixes = tuple(sorted(w for w in words if w.endswith(("-", "_")) and len(w) > 3))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name in self.used or name.startswith(self.prefixes))


def trim(css: str, classes: Classes) -> str:
    """The stylesheet without the rules that can match none of ``classes``."""
    text, _ = _block(css, 0, classes)
    return text


def trim_site(site: Path) -> tuple[int, int]:
    """Trim every stylesheet of a built site in place; the bytes before and after."""
    pages = (path.read_text("utf-8", "replace") for path in site.rglob("*.html"))
    scripts = [path.read_text("utf-8", "replace") for path in site.rglob("*.js")]
    classes = Classes(pages, scripts)
    before = after = 0
    for path in sorted(site.rglob("*.css")):
        css = path.read_text("utf-8")
        trimmed = trim(css, classes)
        before, after = before + len(css.encode()), after + len(trimmed.encode())
        if trimmed != css:
            path.write_text(trimmed, "utf-8")
    return before, after


def _block(css: str, start: int, classes: Classes) -> tuple[str, int]:
    """The rules from ``start`` to the end of their block (a ``}`` or the end), trimmed,
    and where the block ended."""
    out: list[str] = []
    i = start
    while i < len(css):
        if css[i] == "}":
            return "".join(out), i
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            end = len(css) if end < 0 else end + 2
            out.append(css[i:end])
            i = end
            continue
        prelude_end = _scan(css, i, "{;")
        prelude = css[i:prelude_end]
        if prelude_end >= len(css) or css[prelude_end] == ";":  # @charset, @import
            out.append(css[i : prelude_end + 1])
            i = prelude_end + 1
            continue
        body_end = _matching(css, prelude_end)
        body = css[prelude_end + 1 : body_end]
        head = prelude.strip()
        if head.startswith(_GROUPING):
            inner, _ = _block(body, 0, classes)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@"):
            out.append(css[i : body_end + 1])
        else:
            kept = [s for s in _split(prelude) if _may_match(s, classes)]
            if kept:
                out.append(",".join(kept) + css[prelude_end : body_end + 1])
        i = body_end + 1
    return "".join(out), i


def _may_match(selector: str, classes: Classes) -> bool:
    return all(name in classes for name in _CLASS.findall(_outside_parentheses(selector)))


def _outside_parentheses(selector: str) -> str:
    depth, kept = 0, []
    for char in selector:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


def _split(prelude: str) -> list[str]:
    """A selector list at its top-level commas."""
    parts, depth, last = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[last:i])
            last = i + 1
    parts.append(prelude[last:])
    return parts


def _scan(css: str, start: int, stops: str) -> int:
    """The first of ``stops`` from ``start`` outside strings and brackets."""
    i, depth = start, 0
    while i < len(css):
        char = css[i]
        if char in "\"'":
            i = _string_end(css, i)
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0 and char in stops:
            return i
        i += 1
    return len(css)


def _matching(css: str, opening: int) -> int:
    """The ``}`` that closes the ``{`` at ``opening``."""
    depth, i = 0, opening
    while i < len(css):
        char = css[i]
        if char in "\"'":
            i = _string_end(css, i)
            continue
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end < 0 else end + 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(css)


def _string_end(css: str, start: int) -> int:
    quote, i = css[start], start + 1
    while i < len(css):
        if css[i] == "\\":
            i += 2
            continue
        if css[i] == quote:
            return i + 1
        i += 1
    return len(css)
