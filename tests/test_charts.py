"""Static SVG bar charts: valid, accessible, escaped, deterministic, proportional."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.pictures.charts import Bar, bar_chart, format_number, format_tick

NS = {"svg": "http://www.w3.org/2000/svg"}
TRADE = [
    Bar("2000", 400, value_label="USD 400 million"),
    Bar("2024", 2400, value_label="USD 2.4 billion"),
]
ENERGY = [
    Bar("Solar plus storage", 1000),
    Bar("Hydropower plant", 25, low=24),
    Bar("Solar park", 100, value_label="up to 100 MW"),
]


def parse(svg: str) -> ET.Element:
    """Parse the module's own output (trusted: no entities, no DTD)."""
    return ET.fromstring(svg)  # noqa: S314


def solid_bars(root: ET.Element) -> list[ET.Element]:
    return [
        r
        for r in root.iterfind(".//svg:rect", NS)
        if "chart-bar" in (r.get("class") or "")
        and "chart-bar-range" not in (r.get("class") or "")
        and r.get("data-value") is not None
    ]


def texts(root: ET.Element, cls: str) -> list[str]:
    return [
        "".join(t.itertext())
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if cls in (t.get("class") or "").split()
    ]


def test_parses_with_title_desc_and_role_img() -> None:
    svg = bar_chart("Trade turnover", "It grew sixfold.", TRADE, "USD million")
    root = parse(svg)
    assert root.get("role") == "img"
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title is not None
    assert desc is not None
    assert title.text == "Trade turnover"
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert next(iter(root)) is title
    # The description carries every value in words, for screen readers.
    assert desc.text == ("It grew sixfold. Values: 2000: USD 400 million; 2024: USD 2.4 billion.")


def test_value_labels_and_bar_labels_are_text() -> None:
    root = parse(bar_chart("Energy", "Capacities.", ENERGY, "MW"))
    assert texts(root, "chart-label") == ["Solar plus storage", "Hydropower plant", "Solar park"]
    assert texts(root, "chart-value") == ["1,000 MW", "24–25 MW", "up to 100 MW"]
    assert texts(root, "chart-unit") == ["MW"]
    ticks = texts(root, "chart-tick")
    assert ticks[0] == "0"
    assert ticks[-1] == "1,000"


def test_bar_lengths_are_proportional_from_zero() -> None:
    root = parse(bar_chart("Trade", "d", TRADE, "USD million"))
    bars = solid_bars(root)
    widths = [float(b.get("width") or 0) for b in bars]
    assert widths[1] / widths[0] == pytest.approx(6, rel=0.01)
    xs = {b.get("x") for b in bars}
    assert len(xs) == 1  # every bar starts at the zero line
    zero = root.find(".//svg:line[@class='chart-axis']", NS)
    assert zero is not None
    assert zero.get("x1") == xs.pop()


def test_range_is_solid_to_low_and_light_to_high() -> None:
    root = parse(bar_chart("Energy", "d", ENERGY, "MW"))
    solid = solid_bars(root)
    full = float(solid[0].get("width") or 0)  # 1,000 MW
    assert float(solid[1].get("width") or 0) == pytest.approx(full * 24 / 1000, abs=0.1)
    ranges = [
        r for r in root.iterfind(".//svg:rect", NS) if "chart-bar-range" in (r.get("class") or "")
    ]
    assert len(ranges) == 1
    assert float(ranges[0].get("width") or 0) == pytest.approx(full * 1 / 1000, abs=0.15)


def test_one_unit_per_chart_and_shared_scales() -> None:
    # MW and GW are never mixed: a chart takes one unit, and two charts can share a scale.
    gw = parse(bar_chart("Potential", "d", [Bar("Solar", 500), Bar("Wind", 100)], "GW"))
    assert texts(gw, "chart-value") == ["500 GW", "100 GW"]
    small = parse(bar_chart("A", "d", [Bar("x", 10)], "GW", scale_max=500))
    big = parse(bar_chart("B", "d", [Bar("y", 500)], "GW", scale_max=500))
    ratio = float(solid_bars(big)[0].get("width") or 0) / float(
        solid_bars(small)[0].get("width") or 1
    )
    assert ratio == pytest.approx(50, rel=0.02)
    with pytest.raises(ValueError, match="scale_max"):
        bar_chart("C", "d", [Bar("z", 600)], "GW", scale_max=500)
    with pytest.raises(ValueError, match="unit"):
        bar_chart("D", "d", [Bar("z", 1)], "MW\nGW")


@pytest.mark.parametrize(
    ("bars", "message"),
    [
        ([], "at least one bar"),
        ([Bar("a", -1)], "≥ 0"),
        ([Bar("a", math.nan)], "finite"),
        ([Bar("a", math.inf)], "finite"),
        ([Bar("a", 10, low=11)], "range"),
        ([Bar("a", 10, low=-1)], "range"),
        ([Bar("a", 1, href="javascript:alert(1)")], "unsafe chart link"),
        ([Bar("a", 1, href="a b")], "unsafe chart link"),
    ],
)
def test_rejects_bad_input(bars: list[Bar], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        bar_chart("t", "d", bars, "MW")


def test_escapes_every_text() -> None:
    nasty = "<script>alert(\"x\")</script> & 'q'"
    svg = bar_chart(
        nasty,
        f"desc {nasty}",
        [Bar(nasty, 5, value_label=nasty, href="initiatives/x/?a=1&b=2")],
        "MW",
    )
    assert "<script" not in svg
    root = parse(svg)
    title = root.find("svg:title", NS)
    assert title is not None
    assert title.text == nasty
    assert texts(root, "chart-label") == [nasty]
    assert texts(root, "chart-value") == [nasty]
    link = root.find(".//svg:a", NS)
    assert link is not None
    assert link.get("href") == "initiatives/x/?a=1&b=2"


def test_links_make_the_chart_a_group() -> None:
    bars = [Bar("Solar", 500, href="sectors/energy/"), Bar("Wind", 100)]
    root = parse(bar_chart("Potential", "d", bars, "GW"))
    assert root.get("role") == "group"  # "img" would hide the link
    links = root.findall(".//svg:a", NS)
    assert [a.get("href") for a in links] == ["sectors/energy/"]
    assert links[0].get("aria-label") == "Solar: 500 GW"


def test_deterministic_and_distinct_ids() -> None:
    first = bar_chart("Trade", "d", TRADE, "USD million")
    assert bar_chart("Trade", "d", TRADE, "USD million") == first
    other = parse(bar_chart("Energy", "d", ENERGY, "MW"))
    assert parse(first).get("aria-labelledby") != other.get("aria-labelledby")
    named = parse(bar_chart("Energy", "d", ENERGY, "MW", id_prefix="energy"))
    assert named.get("aria-labelledby") == "energy-title"
    assert "\n\n" not in first
    assert not re.search(r"^\s", first, re.MULTILINE)


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (1000, "1,000"), (2.5, "2.5"), (2400.0, "2,400"), (0.125, "0.12"), (-0.0, "0")],
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=6,
    )
)
def test_property_proportional_and_inside(values: list[float]) -> None:
    svg = bar_chart("t", "d", [Bar(f"b{i}", v) for i, v in enumerate(values)], "t")
    root = parse(svg)
    width = float(root.get("width") or 0)
    bars = solid_bars(root)
    assert len(bars) == len(values)
    top = max(values)
    widest = max(float(b.get("width") or 0) for b in bars)
    for bar, value in zip(bars, values, strict=True):
        assert float(bar.get("width") or 0) == pytest.approx(widest * value / top, abs=0.15)
        assert float(bar.get("x") or 0) + float(bar.get("width") or 0) <= width


@pytest.mark.parametrize(
    ("value", "domain", "text"),
    [
        (0, 3e9, "0"),
        (5e8, 3e9, "0.5 bn"),
        (2.5e9, 3e9, "2.5 bn"),
        (1e12, 3e13, "1 tn"),
        (250_000, 2e6, "0.25 m"),
        (400, 2_500, "400"),
        (1_000, 10_000, "1,000"),
    ],
)
def test_large_ticks_read_in_words(value: float, domain: float, text: str) -> None:
    assert format_tick(value, domain) == text


def test_axis_reads_in_billions_and_is_kept_from_search_and_screen_readers() -> None:
    trade = [Bar("2000", 4e8, value_label="USD 400 million"), Bar("2024", 2.4e9)]
    root = parse(bar_chart("Trade", "d", trade, "USD"))
    ticks = texts(root, "chart-tick")
    assert ticks[0] == "0"
    assert all(t.endswith(" bn") for t in ticks[1:]), ticks
    assert not any("," in t for t in ticks)
    axis = root.find("svg:g", NS)
    assert axis is not None
    assert axis.get("aria-hidden") == "true"
    assert axis.get("data-search-exclude") is not None  # Material's search skips it
    assert {t.get("class") for t in axis.iter(f"{{{NS['svg']}}}text")} == {
        "chart-tick",
        "chart-unit",
    }
