"""The picture of the outcomes: initiatives by stage (columns) and sector (rows).

Each initiative is a dot in the cell of its stage and of each of its sectors, and each
dot links to its page; the dot's accessible name (and tooltip) is its title and status.
The columns carry the meaning, so the picture reads without colour; the marks differ in
shape as well (filled for the event's outcomes, a ring for the rest). The page shows the
same counts as a table beside it.

As with the map and the charts, the SVG is raw HTML inside Markdown: hrefs are final
site URLs relative to the page showing the picture, and text from data is escaped with
:func:`builder.escape.html`. The root is ``role="group"``, since ``img`` would hide the
links, named by its ``<title>`` and described by its ``<desc>``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from builder.escape import checked_href, html
from builder.index import Index
from builder.kinds import SECTORS
from builder.outcomes import OUTCOME_STAGES, Section
from builder.pictures import svg, url_from
from builder.pictures.svg import num

_FONT = 13.0  # px, sector labels
_HEAD = 12.0  # px, column titles
_LINE = 16.0  # px between wrapped lines
_DOT = 5.5  # px, a mark's radius
_PITCH = 15.0  # px from one mark to the next
_PAD = 6.0  # px inside a cell

_STYLE = (
    ".briefing-outcomes{max-width:100%;height:auto}"
    # On a phone the whole grid would shrink to unreadable text: it keeps a readable
    # width and its figure scrolls sideways instead.
    ".briefing-outcomes-picture{overflow-x:auto;margin:1em 0}"
    "@media (max-width:600px){.briefing-outcomes{min-width:560px}}"
    ".briefing-outcomes text{fill:currentColor}"
    ".briefing-outcomes .outcomes-cell{fill:currentColor;fill-opacity:.04;"
    "stroke:currentColor;stroke-opacity:.2}"
    ".briefing-outcomes .outcomes-mark{stroke:var(--md-typeset-a-color,#4051b5);stroke-width:2;"
    "fill:var(--md-default-bg-color,#fff)}"
    ".briefing-outcomes .outcomes-outcome{fill:var(--md-typeset-a-color,#4051b5)}"
    ".briefing-outcomes a:hover .outcomes-mark,.briefing-outcomes a:focus .outcomes-mark"
    "{stroke-width:3.5}"
    ".briefing-outcomes a:focus-visible{outline:2px solid currentColor}"
)


@dataclass(frozen=True)
class Mark:
    """One initiative in one cell."""

    label: str  # its accessible name: title and status
    href: str
    filled: bool  # an outcome of the event


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[tuple[Mark, ...], ...]  # one per column


def grid_picture(
    title: str, description: str, columns: Sequence[str], rows: Sequence[Row], width: int = 640
) -> str:
    """Rows of cells of linked marks under column titles. Raises ValueError on a row whose
    cells do not match the columns, or an unsafe link."""
    if not rows or not columns:
        raise ValueError("a grid needs at least one row and one column")
    for row in rows:
        if len(row.cells) != len(columns):
            raise ValueError(f"{row.label!r}: {len(row.cells)} cells for {len(columns)} columns")
        for mark in (mark for cell in row.cells for mark in cell):
            checked_href(mark.href, "outcomes picture link")
    label_w = min(max(svg.text_width(row.label, _FONT) for row in rows) + 16, 0.3 * width)
    column_w = (width - label_w - 4) / len(columns)
    per_line = max(1, math.floor((column_w - 2 * _PAD) / _PITCH))
    heads = [svg.wrap(name, column_w - 4, _HEAD) for name in columns]
    top = 4 + max(len(lines) for lines in heads) * _LINE + 6
    body = [_head(lines, label_w + column_w * (i + 0.5)) for i, lines in enumerate(heads)]
    y = top
    for row in rows:
        drawn, y = _row(row, y, label_w, column_w, per_line)
        body.append(drawn)
    seed = [title, description, *columns, *(row.label for row in rows)]
    head = svg.root(
        "briefing-outcomes",
        (width, math.ceil(y + 4)),
        role="group",
        prefix=svg.id_prefix("outcomes", None, seed),
        title=title,
        description=description,
        style=_STYLE,
        # The dots' names are for the eye and the screen reader, not search: the table
        # after the picture has the same counts as text, and the entry stays small.
        searched=False,
    )
    return "\n".join([*head, *body, "</svg>"]) + "\n"


def _head(lines: list[str], x: float) -> str:
    tspans = "".join(
        f'<tspan x="{num(x)}" y="{num(4 + _LINE * (i + 0.75))}">{html(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text class="outcomes-column" font-size="{num(_HEAD)}" font-weight="600" '
        f'text-anchor="middle" aria-hidden="true">{tspans}</text>'
    )


def _row(row: Row, y: float, label_w: float, column_w: float, per_line: int) -> tuple[str, float]:
    """A sector's label and its cells, and the y where the next row starts."""
    # Estimated widths can fall short of the reader's font: wrap with room to spare.
    lines = svg.wrap(row.label, 0.85 * (label_w - 8), _FONT)
    dot_lines = max(1, *(math.ceil(len(cell) / per_line) for cell in row.cells))
    height = max(len(lines) * _LINE, dot_lines * _PITCH) + 2 * _PAD
    label_top = y + (height - len(lines) * _LINE) / 2
    tspans = "".join(
        f'<tspan x="{num(label_w - 8)}" y="{num(label_top + _LINE * (i + 0.75))}">'
        f"{html(line)}</tspan>"
        for i, line in enumerate(lines)
    )
    parts = [f'<text class="outcomes-row" text-anchor="end" aria-hidden="true">{tspans}</text>']
    for column, cell in enumerate(row.cells):
        x0 = label_w + column_w * column
        parts.append(
            f'<rect class="outcomes-cell" x="{num(x0 + 1)}" y="{num(y + 1)}" '
            f'width="{num(column_w - 2)}" height="{num(height - 2)}" aria-hidden="true"/>'
        )
        for position, mark in enumerate(cell):
            cx = x0 + _PAD + _PITCH * (position % per_line + 0.5)
            cy = y + _PAD + _PITCH * (position // per_line + 0.5)
            parts.append(_mark(mark, cx, cy))
    return '<g class="outcomes-sector">' + "".join(parts) + "</g>", y + height


def _mark(mark: Mark, x: float, y: float) -> str:
    cls = "outcomes-mark outcomes-outcome" if mark.filled else "outcomes-mark"
    name = html(mark.label)
    return (
        f'<a href="{html(mark.href)}" aria-label="{name}"><title>{name}</title>'
        f'<circle class="{cls}" cx="{num(x)}" cy="{num(y)}" r="{num(_DOT)}"/></a>'
    )


def outcomes_picture(index: Index, page: str, sections: Sequence[Section]) -> Markup:
    """The briefing's initiatives as a grid of stage by sector, for ``page``; "" when it
    has no initiative."""
    if not any(section.count for section in sections):
        return Markup("")
    columns = [section.stage.title for section in sections]
    rows = []
    for sector in index.of(SECTORS):
        cells = tuple(
            tuple(
                Mark(f"{e.title} ({e.item.status})", url_from(page, e), filled)
                for e in section.initiatives
                if sector.id in e.item.sectors
            )
            for section in sections
            for filled in [section.stage.name in OUTCOME_STAGES]
        )
        if any(cells):
            rows.append(Row(sector.title, cells))
    event = index.briefing.event.short_name
    picture = grid_picture(
        f"Outcomes of {event} by stage and sector",
        "Each dot is an initiative, in the column of how far it got and the row of each of its "
        "sectors; filled dots are the event's outcomes (decided or announced). Each links to "
        "its page; the table after the picture gives the counts.",
        columns,
        rows,
    )
    return Markup(f'<figure class="briefing-outcomes-picture">\n{picture}\n</figure>')
