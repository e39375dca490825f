"""Horizontal bar charts as static SVG, made at build time.

Every chart has one unit, given by the caller: bars carry bare numbers, so values in MW
and in GW can never be drawn against one scale by accident (convert first, or draw two
charts). The scale is linear from zero, and every bar carries its value as text, so the
chart reads without colour and without the axis. Ranges ("24–25 MW") are drawn solid
to the lower value and light, with a dashed edge, to the upper one.

The SVG root is ``role="img"`` named by its ``<title>`` and described by its ``<desc>``
(the description, then every value in words); when bars link somewhere it is
``role="group"`` instead, since ``img`` would hide the links. Text from data is escaped
with :func:`builder.escape.html`; numbers are formatted deterministically.

Classes: ``briefing-chart``, ``chart-label``, ``chart-bar`` (``chart-series-0``),
``chart-bar-range``, ``chart-value``, ``chart-grid``, ``chart-axis``, ``chart-tick``,
``chart-unit``. The embedded ``<style>`` takes its colours from ``--briefing-chart-fill``,
falling back to Material's ``--md-typeset-a-color``, and uses ``currentColor`` for text,
so it follows dark mode.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from builder.escape import checked_href, html
from builder.pictures import svg
from builder.pictures.svg import num

_FONT = 13.0  # px, labels and values
_SMALL = 11.0  # px, ticks and unit
_LINE = 16.0  # px between wrapped label lines
_BAR = 20.0  # px, bar thickness
_ROW_GAP = 12.0  # px between rows
_GUTTER = 10.0  # px between a label and the bars, and between a bar and its value

# The rules for series 1-3 and "no figure" served the comparison charts, now gone. They
# are kept so that removing those charts left the pages byte-identical; drop them with
# the next change that alters the charts' output anyway.
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
class _Scale:
    """Where the plot starts and how long a unit is, with the tick step and the domain."""

    x0: float
    width: float
    step: float
    domain: float

    def x(self, value: float) -> float:
        return self.x0 + self.width * value / self.domain


def format_number(value: float) -> str:
    """1000 -> "1,000"; 2.5 -> "2.5"; 0.125 -> "0.13": at most two decimals, no "-0"."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


# Large numbers on an axis read in words: "2.5 bn", not "2,500,000,000".
_MAGNITUDES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def format_tick(value: float, domain: float) -> str:
    """A tick's label on an axis that runs to ``domain``: in millions, billions or
    trillions once the axis reaches one ("0", "0.5 bn", "1 bn"), else the plain number."""
    for size, word in _MAGNITUDES:
        if domain >= size:
            return format_number(value / size) + f" {word}" if value else "0"
    return format_number(value)


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
    texts = [_checked_bar(bar, unit) for bar in bars]
    seed = [title, description, unit, *(bar.label for bar in bars)]
    prefix = svg.id_prefix("chart", id_prefix, seed)
    _check_chart(bars, unit, width)
    wrapped = [svg.wrap(bar.label, 0.36 * width, _FONT) for bar in bars]
    scale = _fit(wrapped, texts, width, _top(bars, scale_max))
    y = 4.0
    body: list[str] = []
    if show_title:
        body.append(
            f'<text class="chart-title" x="4" y="{num(y + 14)}" '
            f'font-size="15" font-weight="600" aria-hidden="true">{html(title)}</text>'
        )
        y += 26
    plot_top = y
    for bar, text, lines in zip(bars, texts, wrapped, strict=True):
        row, y = _row(bar, text, lines, y, scale)
        body.append(row)
    axis, height = _axis(scale, plot_top, y - _ROW_GAP + 4, unit)
    spoken = "; ".join(f"{bar.label}: {text}" for bar, text in zip(bars, texts, strict=True))
    head = svg.root(
        "briefing-chart",
        (width, height),
        role="group" if any(bar.href is not None for bar in bars) else "img",
        prefix=prefix,
        title=title,
        description=f"{description} Values: {spoken}.",
        style=_STYLE,
    )
    # The axis is drawn for the eye: screen readers have every value in the description,
    # and the site's search would find its tick numbers as words of the page.
    axis_group = '<g aria-hidden="true" data-search-exclude="">'
    return "\n".join([*head, axis_group, *axis, "</g>", *body, "</svg>"]) + "\n"


def _checked_bar(bar: Bar, unit: str) -> str:
    """The text shown at the bar's end, once its numbers are known to be drawable."""
    if not math.isfinite(bar.value) or bar.value < 0:
        raise ValueError(f"{bar.label!r}: value must be a finite number ≥ 0 (a scale from zero)")
    low = bar.low
    if low is not None and (not math.isfinite(low) or not 0 <= low <= bar.value):
        raise ValueError(f"{bar.label!r}: range must satisfy 0 ≤ low ≤ value")
    if bar.value_label:
        return bar.value_label
    shown = format_number(bar.value)
    number = shown if low is None else f"{format_number(low)}–{shown}"
    return f"{number} {unit}".strip()


def _check_chart(bars: Sequence[Bar], unit: str, width: int) -> None:
    if width < 240:
        raise ValueError("width must be at least 240 px")
    if not bars:
        raise ValueError("a chart needs at least one bar")
    if unit != unit.strip() or "\n" in unit:
        raise ValueError(f"unit must be one trimmed line, not {unit!r}")
    for bar in bars:
        if bar.href is not None:
            checked_href(bar.href, "chart link")


def _top(bars: Sequence[Bar], scale_max: float | None) -> float:
    """The value the scale must reach: the largest bar, or ``scale_max`` when given."""
    top = max((bar.value for bar in bars), default=0.0)
    if scale_max is not None:
        if not math.isfinite(scale_max) or scale_max < top:
            raise ValueError("scale_max must be finite and at least the largest value")
        top = scale_max
    return top if top > 0 else 1.0


def _fit(wrapped: list[list[str]], texts: list[str], width: int, top: float) -> _Scale:
    """The plot between the widest label and the widest value text, and its scale."""
    label_w = min(
        max(svg.text_width(line, _FONT) for lines in wrapped for line in lines),
        0.5 * width,
    )
    value_w = max(svg.text_width(text, _FONT) for text in texts)
    plot_x = 4 + label_w + _GUTTER
    plot_w = max(width - plot_x - _GUTTER - value_w - 4, 60.0)
    step, domain = _nice_scale(top, plot_w)
    return _Scale(plot_x, plot_w, step, domain)


def _nice_scale(top: float, plot_w: float) -> tuple[float, float]:
    """(step, domain): the smallest 1-2-2.5-5 scale of two to six steps covering ``top``
    whose tick labels do not collide; of equal domains, three to five steps, then fewer."""
    fitting: dict[tuple[int, int, int], float] = {}
    for key, step in _readable_steps(top, plot_w):
        fitting.setdefault(key, step)
    if not fitting:  # a very narrow plot: two steps, whatever they look like
        return top / 2, top
    best = min(fitting)
    return fitting[best], best[2] * fitting[best]


def _readable_steps(top: float, plot_w: float) -> Iterator[tuple[tuple[int, int, int], float]]:
    """Every candidate step whose tick labels fit, with its sort key: (domain in units of
    a tenth of ``top``'s magnitude, 0 for three to five steps else 1, step count)."""
    magnitude = math.pow(10, math.floor(math.log10(top)) - 1)
    for power in range(4):
        for factor in (1.0, 2.0, 2.5, 5.0):
            step = factor * magnitude * math.pow(10, power)
            count = math.ceil(top / step - 1e-9)
            if not 2 <= count <= 6:
                continue
            domain = count * step
            widest = max(
                svg.text_width(format_tick(i * step, domain), _SMALL) for i in range(count + 1)
            )
            if plot_w * step / domain >= widest + 8:
                yield (round(domain / magnitude), 0 if 3 <= count <= 5 else 1, count), step


def _row(bar: Bar, text: str, lines: list[str], y: float, scale: _Scale) -> tuple[str, float]:
    """One bar with its wrapped label and its value, and the y where the next row starts.

    A linked bar is an ``<a>`` whose accessible name carries the label and the value.
    """
    row_h = max(_BAR, len(lines) * _LINE)
    label_top = y + (row_h - len(lines) * _LINE) / 2
    tspans = "".join(
        f'<tspan x="{num(scale.x0 - _GUTTER)}" y="{num(label_top + _LINE * (i + 0.5))}">'
        f"{html(line)}</tspan>"
        for i, line in enumerate(lines)
    )
    bar_y = y + (row_h - _BAR) / 2
    parts = [
        f'<text class="chart-label" text-anchor="end" dominant-baseline="central">{tspans}</text>',
        *_rects(bar, bar_y, scale),
        f'<text class="chart-value" x="{num(scale.x(bar.value) + _GUTTER / 2)}" '
        f'y="{num(bar_y + _BAR / 2)}" dominant-baseline="central">{html(text)}</text>',
    ]
    if bar.href is None:
        markup = '<g class="chart-row">' + "".join(parts) + "</g>"
    else:
        name = f"{html(bar.label)}: {html(text)}"
        markup = f'<a href="{html(bar.href)}" aria-label="{name}">' + "".join(parts) + "</a>"
    return markup, y + row_h + _ROW_GAP


def _rects(bar: Bar, y: float, scale: _Scale) -> list[str]:
    """The solid bar up to the value (to ``low`` for a range), then a range's light part."""
    solid = bar.value if bar.low is None else bar.low
    cls = "chart-bar chart-series-0"
    rects = [
        f'<rect class="{cls}" x="{num(scale.x0)}" y="{num(y)}" '
        f'width="{num(scale.x(solid) - scale.x0)}" height="{num(_BAR)}" '
        f'data-value="{html(repr(float(bar.value)))}"/>'
    ]
    if bar.low is not None and bar.value > bar.low:
        rects.append(
            f'<rect class="{cls} chart-bar-range" x="{num(scale.x(bar.low))}" '
            f'y="{num(y + 0.5)}" width="{num(scale.x(bar.value) - scale.x(bar.low))}" '
            f'height="{num(_BAR - 1)}"/>'
        )
    return rects


def _axis(scale: _Scale, top: float, bottom: float, unit: str) -> tuple[list[str], int]:
    """The zero line, grid lines and ticks, the unit under them; and the chart's height."""
    lines: list[str] = []
    for i in range(round(scale.domain / scale.step) + 1):
        value = i * scale.step
        at = num(scale.x(value))
        cls = "chart-axis" if i == 0 else "chart-grid"
        lines.append(
            f'<line class="{cls}" x1="{at}" x2="{at}" y1="{num(top - 4)}" y2="{num(bottom)}"/>'
        )
        lines.append(
            f'<text class="chart-tick" font-size="11" text-anchor="middle" x="{at}" '
            f'y="{num(bottom + 14)}">{html(format_tick(value, scale.domain))}</text>'
        )
    if unit:
        lines.append(
            f'<text class="chart-unit" font-size="11" text-anchor="end" '
            f'x="{num(scale.x0 + scale.width)}" y="{num(bottom + 30)}">{html(unit)}</text>'
        )
    return lines, math.ceil(bottom + (36 if unit else 22))
