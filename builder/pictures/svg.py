"""What the map and the bar charts write alike: numbers, text widths, ids, the root.

Both pictures are raw SVG inside Markdown pages, so everything here aims at small,
deterministic text: at most one decimal, never "-0", ids derived from the content (two
pictures on one page never share one, and a rebuild gives the same ones). Text from data
is escaped with :func:`builder.escape.html`, the one escaper of builder-written HTML.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from builder.escape import html
from builder.pictures.geometry import Ring

_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_NARROW = set("iIjlft.,:;'|!()[]{} ")
_WIDE = set("MWmw@%")


def num(value: float) -> str:
    """A coordinate or length with at most one decimal: 12.0 -> "12", -0.04 -> "0"."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def text_width(text: str, size: float, *, average: float | None = None) -> float:
    """A deliberately generous estimate of the width of ``text`` in a sans-serif font.

    No font is measured at build time, so widths are estimated. By default a character
    counts by its class (narrow, wide, capital or digit, other). With ``average`` every
    character counts as that share of ``size``: the map's labels were placed with a flat
    0.58, and the finer estimate would move them.
    """
    if average is not None:
        return average * size * len(text)
    total = 0.0
    for char in text:
        if char in _NARROW:
            total += 0.32
        elif char in _WIDE:
            total += 0.88
        elif char.isupper() or char.isdigit():
            total += 0.64
        else:
            total += 0.55
    return total * size


def id_prefix(kind: str, given: str | None, seed: Sequence[str]) -> str:
    """The prefix of a picture's ``<title>`` and ``<desc>`` ids.

    ``given`` must be a plain identifier (it lands unescaped in ``id`` and ``aria-*``
    attributes); without it the prefix is ``kind`` and a digest of ``seed``, the content.
    """
    if given is None:
        return f"{kind}-" + hashlib.sha256("\x00".join(seed).encode()).hexdigest()[:10]
    if not _IDENTIFIER.fullmatch(given):
        raise ValueError(f"id_prefix must be a plain identifier, not {given!r}")
    return given


def wrap(text: str, limit: float, size: float) -> list[str]:
    """The text's words in lines no wider than ``limit`` by :func:`text_width` (a word
    longer than that has a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= limit:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def root(
    cls: str,
    size: tuple[int, int],
    *,
    role: str,
    prefix: str,
    title: str,
    description: str,
    style: str,
    searched: bool = True,
) -> list[str]:
    """The opening ``<svg>`` and its first children: ``<title>``, ``<desc>``, ``<style>``.

    The title comes first, as SVG asks, and names the root together with the description
    through ``aria-labelledby`` and ``aria-describedby``. ``searched=False`` keeps the
    whole picture out of the site search (its text is given elsewhere on the page). The
    mark is on the root because the search's parser matches an excluded element's end by
    its tag name alone: on a ``<g>`` holding other groups, the first inner ``</g>`` would
    end the exclusion.
    """
    width, height = size
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    excluded = "" if searched else ' data-search-exclude=""'
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-size="13" '
        f'role="{role}" aria-labelledby="{title_id}" aria-describedby="{desc_id}"{excluded}>',
        f'<title id="{title_id}">{html(title)}</title>',
        f'<desc id="{desc_id}">{html(description)}</desc>',
        f"<style>{style}</style>",
    ]


def path_data(rings: Iterable[Ring]) -> str:
    """Each ring as an absolute first point, then relative moves, then "z".

    Moves are taken between points already rounded to tenths, so rounding errors do not
    add up along a long border; rings that round to fewer than three points are dropped.
    """
    return "".join(_ring_data(ring) for ring in rings).replace(" -", "-")


def _ring_data(ring: Ring) -> str:
    tenths = _in_tenths(ring)
    if len(tenths) < 3:
        return ""
    (x, y), rest = tenths[0], tenths[1:]
    moves = [
        f"{num((qx - px) / 10)} {num((qy - py) / 10)}"
        for (px, py), (qx, qy) in zip(tenths, rest, strict=False)
    ]
    return f"M{num(x / 10)} {num(y / 10)}l" + " ".join(moves) + "z"


def _in_tenths(ring: Ring) -> list[tuple[int, int]]:
    """The ring in whole tenths of a pixel, without repeated points or a closing point."""
    tenths: list[tuple[int, int]] = []
    for x, y in ring:
        point = (round(x * 10), round(y * 10))
        if not tenths or tenths[-1] != point:
            tenths.append(point)
    if len(tenths) > 1 and tenths[0] == tenths[-1]:
        tenths.pop()
    return tenths
