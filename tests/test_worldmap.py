"""The static SVG map: valid, accessible, escaped, deterministic, geographically right."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from builder.errors import DataError
from builder.pictures import geodata
from builder.pictures.worldmap import MapCountry, RenderedMap, render_map
from tests.conftest import needs_map_data

pytestmark = needs_map_data

NS = {"svg": "http://www.w3.org/2000/svg"}
SUMMIT = [
    MapCountry("KAZ", "Kazakhstan", "countries/kazakhstan/"),
    MapCountry("KGZ", "Kyrgyzstan", "countries/kyrgyzstan/"),
    MapCountry("TJK", "Tajikistan", "countries/tajikistan/"),
    MapCountry("TKM", "Turkmenistan", "countries/turkmenistan/"),
    MapCountry("UZB", "Uzbekistan", "countries/uzbekistan/"),
    MapCountry("JPN", "Japan", "countries/japan/", highlight=True),
]


def draw(
    countries: list[MapCountry],
    *,
    width: int = 720,
    title: str = "Central Asia and Japan",
    description: str = "A map.",
    id_prefix: str | None = None,
    neighbours: bool = True,
) -> RenderedMap:
    return render_map(
        countries,
        width=width,
        title=title,
        description=description,
        id_prefix=id_prefix,
        neighbours=neighbours,
    )


@pytest.fixture(scope="module")
def summit() -> RenderedMap:
    return draw(SUMMIT)


def parse(svg: str) -> ET.Element:
    """Parse the module's own output (trusted: no entities, no DTD)."""
    return ET.fromstring(svg)  # noqa: S314


def rings_of(d: str) -> list[list[tuple[float, float]]]:
    """The rings of a path written as 'M x y l dx dy … z' (the module's own format)."""
    rings = []
    for sub in re.findall(r"M[^Mz]*z", d):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", sub)]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for i in range(2, len(numbers), 2):
            x, y = x + numbers[i], y + numbers[i + 1]
            ring.append((x, y))
        rings.append(ring)
    return rings


def area(ring: list[tuple[float, float]]) -> float:
    pairs = zip(ring, [*ring[1:], ring[0]], strict=True)
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in pairs) / 2


def box(d: str) -> tuple[float, float, float, float]:
    points = [p for ring in rings_of(d) for p in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def country_paths(root: ET.Element) -> dict[str, ET.Element]:
    return {p.get("data-iso3", ""): p for p in root.iterfind(".//svg:a/svg:path", NS)}


def test_parses_and_is_named_by_title_and_desc(summit: RenderedMap) -> None:
    root = parse(summit.svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "group"  # not "img": that would hide the links
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title is not None
    assert title.text == "Central Asia and Japan"
    assert desc is not None
    assert desc.text == "A map."
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert next(iter(root)) is title  # the first child, as SVG asks
    assert summit.warnings == []


def test_each_country_is_a_titled_link(summit: RenderedMap) -> None:
    root = parse(summit.svg)
    links = root.findall(".//svg:a", NS)
    assert [a.get("href") for a in links] == [c.href for c in SUMMIT]
    for link, country in zip(links, SUMMIT, strict=True):
        title = link.find("svg:title", NS)
        assert title is not None
        assert title.text == country.name
        assert link.get("aria-label") == country.name
        path = link.find("svg:path", NS)
        assert path is not None
        assert path.get("data-iso3") == country.iso3
        assert "map-country" in (path.get("class") or "")
        assert ("map-highlight" in (path.get("class") or "")) == country.highlight
        assert rings_of(path.get("d") or "")


def test_labels_are_visible_text_hidden_from_assistive_tech(summit: RenderedMap) -> None:
    root = parse(summit.svg)
    group = root.find(".//svg:g[@class='map-labels']", NS)
    assert group is not None
    assert group.get("aria-hidden") == "true"
    labels = group.findall("svg:text", NS)
    assert [t.text for t in labels] == [c.name for c in SUMMIT]
    width, height = float(root.get("width") or 0), float(root.get("height") or 0)
    for label in labels:
        assert 0 < float(label.get("x") or -1) < width
        assert 0 < float(label.get("y") or -1) < height


def test_neighbours_are_context_only(summit: RenderedMap) -> None:
    root = parse(summit.svg)
    group = root.find(".//svg:g[@class='map-neighbours']", NS)
    assert group is not None
    assert group.get("aria-hidden") == "true"
    paths = group.findall("svg:path", NS)
    assert len(paths) > 5  # Russia, China, Mongolia, the Koreas, Afghanistan, Iran, …
    assert group.find(".//svg:a", NS) is None
    no_context = parse(draw(SUMMIT, neighbours=False).svg)
    assert no_context.find(".//svg:g[@class='map-neighbours']", NS) is None


def test_geography_kazakhstan_upper_left_of_japan(summit: RenderedMap) -> None:
    root = parse(summit.svg)
    width = float(root.get("width") or 0)
    boxes = {code: box(p.get("d") or "") for code, p in country_paths(root).items()}
    kaz, jpn = boxes["KAZ"], boxes["JPN"]
    assert kaz[2] < jpn[0]  # all of Kazakhstan lies west of all of Japan
    assert kaz[1] < jpn[1]  # its northern edge is further north
    assert kaz[0] < width * 0.25
    assert jpn[2] > width * 0.75
    # Central Asia's southern states lie south of Kazakhstan's centre, Kyrgyzstan east
    # of Turkmenistan.
    kaz_mid_y = (kaz[1] + kaz[3]) / 2
    for code in ("TKM", "UZB", "TJK", "KGZ"):
        assert boxes[code][3] > kaz_mid_y
    assert boxes["KGZ"][0] > boxes["TKM"][0]


def test_small_and_within_budget(summit: RenderedMap) -> None:
    assert len(summit.svg.encode()) < 60_000
    assert "\n\n" not in summit.svg  # a blank line would end a Markdown HTML block
    assert not re.search(r"^\s", summit.svg, re.MULTILINE)  # nor may indentation start code


def test_deterministic() -> None:
    first = draw(SUMMIT).svg
    geodata.load_boundaries.cache_clear()
    geodata.ring_boxes.cache_clear()
    assert draw(SUMMIT).svg == first
    assert re.search(r"\d\.\d\d", first.split("</style>")[1]) is None  # one decimal only


def test_escapes_names_and_links() -> None:
    nasty = 'Evil <script>alert("x")</script> & "quoted" \'n\''
    result = draw(
        [MapCountry("JPN", nasty, "countries/japan/?a=1&b=2")],
        title="<b>T</b>",
        description='"D" & <i>',
    )
    assert "<script" not in result.svg
    assert "<b>" not in result.svg
    assert "<i>" not in result.svg
    root = parse(result.svg)
    link = root.find(".//svg:a", NS)
    assert link is not None
    assert link.get("href") == "countries/japan/?a=1&b=2"
    title = link.find("svg:title", NS)
    assert title is not None
    assert title.text == nasty
    assert link.get("aria-label") == nasty
    assert [t.text for t in root.iterfind(".//svg:text[@class='map-label']", NS)] == [nasty]
    heading = root.find("svg:title", NS)
    assert heading is not None
    assert heading.text == "<b>T</b>"


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "JavaScript:x", "data:text/html,x", "a b", 'a"b', ""]
)
def test_rejects_unsafe_links(href: str) -> None:
    with pytest.raises(ValueError, match="unsafe map link"):
        draw([MapCountry("JPN", "Japan", href)])


def test_unknown_codes_are_reported_not_fatal() -> None:
    result = draw(
        [
            MapCountry("XXX", "Atlantis", "atlantis/"),
            MapCountry("JPN", "Japan", "japan/"),
            MapCountry("jpn", "Japan again", "japan/"),
            MapCountry("TWN", "Taiwan", "taiwan/"),  # an ISO code the data has no shape for
        ]
    )
    assert len(result.warnings) == 3
    assert "'XXX'" in result.warnings[0]
    assert "Atlantis" in result.warnings[0]
    assert "twice" in result.warnings[1]
    assert "TWN" in result.warnings[2]
    root = parse(result.svg)
    assert [a.get("href") for a in root.iterfind(".//svg:a", NS)] == ["japan/"]


def test_nothing_to_draw_gives_empty_svg() -> None:
    result = draw([MapCountry("ZZZ", "Nowhere", "x/")])
    assert result.svg == ""
    assert len(result.warnings) == 2


def test_data_gaps_are_filled_but_enclaves_kept() -> None:
    # Natural Earth cuts the Baikonur lease out of Kazakhstan as a unit without an ISO
    # code: that hole is a gap in the data, so Kazakhstan is drawn whole.
    kaz = parse(draw([MapCountry("KAZ", "Kazakhstan", "k/")], width=1200).svg)
    kaz_rings = rings_of(country_paths(kaz)["KAZ"].get("d") or "")
    assert all(area(r) > 0 for r in kaz_rings)
    # Uzbekistan's Sokh enclave is a real hole in Kyrgyzstan.
    kgz = parse(draw([MapCountry("KGZ", "Kyrgyzstan", "k/")], width=1200).svg)
    kgz_rings = rings_of(country_paths(kgz)["KGZ"].get("d") or "")
    assert any(area(r) < 0 for r in kgz_rings)


def test_ids_differ_between_maps_and_can_be_set() -> None:
    one = parse(draw(SUMMIT[:1]).svg)
    two = parse(draw(SUMMIT[1:2]).svg)
    assert one.get("aria-labelledby") != two.get("aria-labelledby")
    named = parse(draw(SUMMIT[:1], id_prefix="home-map").svg)
    assert named.get("aria-labelledby") == "home-map-title"
    with pytest.raises(ValueError, match="id_prefix"):
        draw(SUMMIT[:1], id_prefix='x" onload="y')


def test_width_sets_the_view() -> None:
    root = parse(draw(SUMMIT, width=480).svg)
    assert root.get("width") == "480"
    assert (root.get("viewBox") or "").startswith("0 0 480 ")
    height = float(root.get("height") or 0)
    assert 480 / 2.0 - 1 <= height <= 480 / 1.25 + 1  # the aspect ratio stays bounded


def test_missing_data_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    geodata.load_boundaries.cache_clear()
    monkeypatch.setattr(geodata, "DATA_PACKAGE", "no_such_map_data_package")
    try:
        with pytest.raises(DataError, match="install"):
            geodata.load_boundaries()
    finally:
        geodata.load_boundaries.cache_clear()


def test_labels_that_find_no_clear_place_are_reported() -> None:
    crowded = draw(SUMMIT, width=100)
    assert crowded.warnings
    assert all(w.startswith("the map label '") for w in crowded.warnings)
    assert all(w.endswith("' overlaps another label") for w in crowded.warnings)
    # Every label is still drawn; the warning says which ones collide.
    labels = parse(crowded.svg).iterfind(".//svg:text[@class='map-label']", NS)
    assert [t.text for t in labels] == [c.name for c in SUMMIT]
