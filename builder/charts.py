"""Horizontal bar charts as static SVG, made at build time.

Every chart has one unit, given by the caller: bars carry bare numbers, so values in MW
and in GW can never be drawn against one scale by accident (convert first, or draw two
charts). The scale is linear from zero, and every bar carries its value as text, so the
chart reads without colour and without the axis. Ranges ("24–25 MW") are drawn solid
to the lower value and light, with a dashed edge, to the upper one.

The SVG root is ``role="img"`` named by its ``<title>`` and described by its ``<desc>``
(the description, then every value in words); when bars link somewhere it is
``role="group"`` instead, since ``img`` would hide the links. Text from data is escaped
with :func:`markupsafe.escape`; numbers are formatted deterministically.

Classes: ``briefing-chart``, ``chart-label``, ``chart-bar`` (``chart-series-N``),
``chart-bar-range``, ``chart-value``, ``chart-grid``, ``chart-axis``, ``chart-tick``,
``chart-unit``, ``chart-legend``. The embedded ``<style>`` takes its colours from
``--briefing-chart-fill`` and ``--briefing-chart-fill-2``, falling back to Material's
``--md-typeset-a-color``, and uses ``currentColor`` for text, so it follows dark mode.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import escape

from builder.escape import checked_href

_FONT = 13.0  # px, labels and values
_SMALL = 11.0  # px, ticks, unit and legend
_LINE = 16.0  # px between wrapped label lines
_BAR = 20.0  # px, bar thickness in a one-series chart
_BAR_GROUPED = 16.0  # px, bar thickness when several series share a row
_BAR_GAP = 4.0  # px between the bars of one row
_ROW_GAP = 12.0  # px between rows
_GUTTER = 10.0  # px between a label and the bars, and between a bar and its value


@dataclass(frozen=True)
class Bar:
    """One bar. ``value`` is in the chart's unit; ``low`` makes it a range low–value.

    ``value_label`` replaces the text shown at the bar's end (for example
    "USD 2.4 billion" for 2,400 in a chart in USD million); it is text only.
    """

    label: str
    value: float
    low: float | None = None
    value_label: str | None = None
    href: str | None = None


@dataclass(frozen=True)
class _Item:
    series: int
    value: float | None
    low: float | None
    text: str


@dataclass(frozen=True)
class _Row:
    label: str
    href: str | None
    items: tuple[_Item, ...]


def format_number(value: float) -> str:
    """1000 -> "1,000"; 2.5 -> "2.5"; 0.125 -> "0.13": at most two decimals, no "-0"."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _value_text(value: float, low: float | None, unit: str) -> str:
    number = format_number(value) if low is None else f"{format_number(low)}–{format_number(value)}"
    return f"{number} {unit}".strip()


def _check_value(label: str, value: float, low: float | None) -> None:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{label!r}: value must be a finite number ≥ 0 (a scale from zero)")
    if low is not None and (not math.isfinite(low) or not 0 <= low <= value):
        raise ValueError(f"{label!r}: range must satisfy 0 ≤ low ≤ value")


_NARROW = set("iIjlft.,:;'|!()[]{} ")
_WIDE = set("MWmw@%")


def text_width(text: str, size: float = _FONT) -> float:
    """A deliberately generous estimate of rendered width in a sans-serif font."""
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


def _wrap(text: str, limit: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}") <= limit:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _nice_scale(top: float, plot_w: float) -> tuple[float, float]:
    """(step, domain): the smallest 1-2-2.5-5 scale of two to six steps covering ``top``
    whose tick labels do not collide; of equal domains, three to five steps, then fewer."""
    magnitude = math.pow(10, math.floor(math.log10(top)) - 1)
    best: tuple[int, int, int] | None = None
    steps: dict[tuple[int, int, int], float] = {}
    for power in range(4):
        for factor in (1.0, 2.0, 2.5, 5.0):
            step = factor * magnitude * math.pow(10, power)
            count = math.ceil(top / step - 1e-9)
            if not 2 <= count <= 6:
                continue
            domain = count * step
            widest = max(text_width(format_number(i * step), _SMALL) for i in range(count + 1))
            if plot_w * step / domain < widest + 8:
                continue
            key = (round(domain / magnitude), 0 if 3 <= count <= 5 else 1, count)
            steps.setdefault(key, step)
            if best is None or key < best:
                best = key
    if best is None:  # a very narrow plot: two steps, whatever they look like
        step = top / 2
        return step, top
    return steps[best], best[2] * steps[best]


def _num(value: float) -> str:
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


_STYLE = (
    ".briefing-chart{max-width:100%;height:auto}"
    ".briefing-chart text{fill:currentColor}"
    ".briefing-chart .chart-tick,.briefing-chart .chart-unit{fill-opacity:.75}"
    ".briefing-chart .chart-grid{stroke:currentColor;stroke-opacity:.15}"
    ".briefing-chart .chart-axis{stroke:currentColor;stroke-opacity:.6}"
    ".briefing-chart .chart-bar{fill:var(--briefing-chart-fill,var(--md-typeset-a-color,#4051b5))}"
    ".briefing-chart .chart-series-1{fill:var(--briefing-chart-fill-2,"
    "var(--md-default-fg-color--light,#777))}"
    ".briefing-chart .chart-series-2{fill:var(--briefing-chart-fill-3,#d97b00)}"
    ".briefing-chart .chart-series-3{fill:var(--briefing-chart-fill-4,#23936a)}"
    ".briefing-chart .chart-bar-range{fill-opacity:.3;stroke:var(--briefing-chart-fill,"
    "var(--md-typeset-a-color,#4051b5));stroke-dasharray:3 2}"
    ".briefing-chart .chart-none{font-style:italic;fill-opacity:.75}"
    ".briefing-chart a:hover .chart-label,.briefing-chart a:focus .chart-label"
    "{text-decoration:underline}"
    ".briefing-chart a:focus-visible{outline:2px solid currentColor}"
)


def _render(
    title: str,
    description: str,
    rows: Sequence[_Row],
    series: Sequence[str],
    unit: str,
    *,
    width: int,
    id_prefix: str | None,
    scale_max: float | None,
    show_title: bool,
) -> str:
    if id_prefix is None:
        seed = "\x00".join([title, description, unit, *(row.label for row in rows)])
        id_prefix = "chart-" + hashlib.sha256(seed.encode()).hexdigest()[:10]
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", id_prefix):
        raise ValueError(f"id_prefix must be a plain identifier, not {id_prefix!r}")
    if width < 240:
        raise ValueError("width must be at least 240 px")
    if not rows:
        raise ValueError("a chart needs at least one bar")
    if unit != unit.strip() or "\n" in unit:
        raise ValueError(f"unit must be one trimmed line, not {unit!r}")
    for row in rows:
        if row.href is not None:
            checked_href(row.href, "chart link")

    values = [item.value for row in rows for item in row.items if item.value is not None]
    top = max(values, default=0.0)
    if scale_max is not None:
        if not math.isfinite(scale_max) or scale_max < top:
            raise ValueError("scale_max must be finite and at least the largest value")
        top = scale_max
    if top <= 0:
        top = 1.0

    grouped = len(series) > 1
    bar_h = _BAR_GROUPED if grouped else _BAR
    label_limit = 0.36 * width
    wrapped = [_wrap(row.label, label_limit) for row in rows]
    label_w = min(
        max(text_width(line) for lines in wrapped for line in lines),
        0.5 * width,
    )
    value_w = max(
        text_width(f"{series[item.series]}: {item.text}" if grouped else item.text)
        for row in rows
        for item in row.items
    )
    plot_x = 4 + label_w + _GUTTER
    plot_w = max(width - plot_x - _GUTTER - value_w - 4, 60.0)
    step, domain = _nice_scale(top, plot_w)

    def x_of(value: float) -> float:
        return plot_x + plot_w * value / domain

    e = escape
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    body: list[str] = []
    y = 4.0
    if show_title:
        body.append(
            f'<text class="chart-title" x="4" y="{_num(y + 14)}" '
            f'font-size="15" font-weight="600" aria-hidden="true">{e(title)}</text>'
        )
        y += 26
    if grouped:
        x = plot_x
        for index, name in enumerate(series):
            body.append(
                f'<rect class="chart-bar chart-series-{index}" x="{_num(x)}" y="{_num(y + 2)}" '
                f'width="12" height="12"/><text class="chart-legend" font-size="11" '
                f'x="{_num(x + 16)}" y="{_num(y + 12)}">{e(name)}</text>'
            )
            x += 16 + text_width(name, _SMALL) + 16
        y += 24
    plot_top = y
    spoken: list[str] = []
    for row, lines in zip(rows, wrapped, strict=True):
        bars_h = len(row.items) * bar_h + (len(row.items) - 1) * _BAR_GAP
        row_h = max(bars_h, len(lines) * _LINE)
        parts: list[str] = []
        label_top = y + (row_h - len(lines) * _LINE) / 2
        tspans = "".join(
            f'<tspan x="{_num(plot_x - _GUTTER)}" y="{_num(label_top + _LINE * (i + 0.5))}">'
            f"{e(line)}</tspan>"
            for i, line in enumerate(lines)
        )
        parts.append(
            f'<text class="chart-label" text-anchor="end" dominant-baseline="central">'
            f"{tspans}</text>"
        )
        bar_y = y + (row_h - bars_h) / 2
        said: list[str] = []
        for item in row.items:
            name = series[item.series]
            text = f"{name}: {item.text}" if grouped else item.text
            said.append(text)
            centre = bar_y + bar_h / 2
            if item.value is None:
                parts.append(
                    f'<text class="chart-value chart-none" x="{_num(plot_x + 4)}" '
                    f'y="{_num(centre)}" dominant-baseline="central">{e(text)}</text>'
                )
            else:
                solid = item.value if item.low is None else item.low
                cls = f"chart-bar chart-series-{item.series}"
                parts.append(
                    f'<rect class="{cls}" x="{_num(plot_x)}" y="{_num(bar_y)}" '
                    f'width="{_num(x_of(solid) - plot_x)}" height="{_num(bar_h)}" '
                    f'data-value="{e(repr(float(item.value)))}"/>'
                )
                if item.low is not None and item.value > item.low:
                    parts.append(
                        f'<rect class="{cls} chart-bar-range" x="{_num(x_of(item.low))}" '
                        f'y="{_num(bar_y + 0.5)}" '
                        f'width="{_num(x_of(item.value) - x_of(item.low))}" '
                        f'height="{_num(bar_h - 1)}"/>'
                    )
                parts.append(
                    f'<text class="chart-value" x="{_num(x_of(item.value) + _GUTTER / 2)}" '
                    f'y="{_num(centre)}" dominant-baseline="central">{e(text)}</text>'
                )
            bar_y += bar_h + _BAR_GAP
        spoken.append(f"{row.label}: {', '.join(said)}")
        if row.href is not None:
            body.append(
                f'<a href="{e(row.href)}" aria-label="{e(row.label)}: {e(", ".join(said))}">'
                + "".join(parts)
                + "</a>"
            )
        else:
            body.append('<g class="chart-row">' + "".join(parts) + "</g>")
        y += row_h + _ROW_GAP
    plot_bottom = y - _ROW_GAP + 4

    axis: list[str] = []
    ticks = round(domain / step)
    for i in range(ticks + 1):
        value = i * step
        at = _num(x_of(value))
        cls = "chart-axis" if i == 0 else "chart-grid"
        axis.append(
            f'<line class="{cls}" x1="{at}" x2="{at}" y1="{_num(plot_top - 4)}" '
            f'y2="{_num(plot_bottom)}"/>'
        )
        axis.append(
            f'<text class="chart-tick" font-size="11" text-anchor="middle" x="{at}" '
            f'y="{_num(plot_bottom + 14)}">'
            f"{e(format_number(value))}</text>"
        )
    if unit:
        axis.append(
            f'<text class="chart-unit" font-size="11" text-anchor="end" '
            f'x="{_num(plot_x + plot_w)}" y="{_num(plot_bottom + 30)}">{e(unit)}</text>'
        )
    height = math.ceil(plot_bottom + (36 if unit else 22))

    links = any(row.href is not None for row in rows)
    role = "group" if links else "img"
    summary = f"{description} Values: {'; '.join(spoken)}."
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="briefing-chart" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-size="13" role="{role}" aria-labelledby="{title_id}" '
        f'aria-describedby="{desc_id}">',
        f'<title id="{title_id}">{e(title)}</title>',
        f'<desc id="{desc_id}">{e(summary)}</desc>',
        f"<style>{_STYLE}</style>",
        '<g aria-hidden="true">',
        *axis,
        "</g>",
        *body,
        "</svg>",
    ]
    return "\n".join(out) + "\n"


def bar_chart(
    title: str,
    description: str,
    bars: Sequence[Bar],
    unit: str,
    *,
    width: int = 640,
    id_prefix: str | None = None,
    scale_max: float | None = None,
    show_title: bool = False,
) -> str:
    """A horizontal bar chart of ``bars``, all in ``unit``, on a linear scale from zero.

    ``scale_max`` puts several charts on one scale. The ids of ``<title>`` and ``<desc>``
    start with ``id_prefix``, by default one derived from the content, so that several
    charts on a page do not share ids. Raises ValueError on a negative or
    non-finite value, a bad range, an unsafe link or no bars at all.
    """
    rows = []
    for bar in bars:
        _check_value(bar.label, bar.value, bar.low)
        text = bar.value_label or _value_text(bar.value, bar.low, unit)
        rows.append(_Row(bar.label, bar.href, (_Item(0, bar.value, bar.low, text),)))
    return _render(
        title,
        description,
        rows,
        [""],
        unit,
        width=width,
        id_prefix=id_prefix,
        scale_max=scale_max,
        show_title=show_title,
    )
