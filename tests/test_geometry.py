"""The pictures' plane geometry and shared SVG writing, without the boundary data."""

from __future__ import annotations

import pytest

from builder.pictures import geometry, svg
from builder.pictures.geometry import Albers, Ring

SQUARE: Ring = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]  # anticlockwise, y up


def test_signed_area_tells_orientation() -> None:
    assert geometry.signed_area(SQUARE) == 100
    assert geometry.signed_area(SQUARE[::-1]) == -100
    assert geometry.area(SQUARE[::-1]) == 100


def test_clip_keeps_the_part_inside() -> None:
    clipped = geometry.clip(SQUARE, (5.0, -1.0, 20.0, 20.0))
    assert geometry.bbox(clipped) == (5.0, 0.0, 10.0, 10.0)
    assert geometry.area(clipped) == 50
    assert geometry.clip(SQUARE, (20.0, 20.0, 30.0, 30.0)) == []


def test_boxes_meet_at_an_edge_but_do_not_overlap() -> None:
    a, b = (0.0, 0.0, 1.0, 1.0), (1.0, 0.0, 2.0, 1.0)
    assert geometry.meets(a, b)
    assert not geometry.overlaps(a, b)
    assert geometry.contains((0.0, 0.0, 2.0, 1.0), a)
    assert not geometry.contains(a, (0.0, 0.0, 2.0, 1.0))


def test_simplification_drops_points_on_a_line_only() -> None:
    line = [(float(x), 0.0) for x in range(10)]
    assert geometry.douglas_peucker(line, 0.5) == [(0.0, 0.0), (9.0, 0.0)]
    bent = [*line, (9.0, 5.0)]
    assert geometry.douglas_peucker(bent, 0.5) == [(0.0, 0.0), (9.0, 0.0), (9.0, 5.0)]
    dense = [(x / 2, 0.0) for x in range(21)] + [(10.0, y / 2) for y in range(1, 21)]
    dense += [(0.0, 10.0)]
    assert sorted(geometry.simplify_ring(dense, 0.5)) == sorted(SQUARE)


def test_label_point_is_deep_inside() -> None:
    x, y = geometry.label_point(SQUARE, 0.1)
    assert x == pytest.approx(5, abs=0.2)
    assert y == pytest.approx(5, abs=0.2)
    # An L shape, whose centroid lies outside it: the label point is inside.
    ell: Ring = [(0, 0), (10, 0), (10, 2), (2, 2), (2, 10), (0, 10)]
    point = geometry.label_point(ell, 0.05)
    assert geometry.point_in_ring(point, ell)


def test_albers_inverse_undoes_the_projection() -> None:
    projection = Albers(60.0, 35.0, 50.0, 42.0)
    for lon, lat in [(60.0, 42.0), (45.5, 38.25), (80.0, 55.0)]:
        back = projection.inverse(*projection(lon, lat))
        assert back == pytest.approx((lon, lat), abs=1e-9)


@pytest.mark.parametrize(
    ("value", "text"), [(12.0, "12"), (12.34, "12.3"), (-0.04, "0"), (-1.25, "-1.2"), (0.05, "0.1")]
)
def test_num_writes_at_most_one_decimal(value: float, text: str) -> None:
    assert svg.num(value) == text


def test_path_data_is_relative_between_rounded_points() -> None:
    assert svg.path_data([SQUARE]) == "M0 0l10 0 0 10-10 0z"
    assert svg.path_data([[(0.0, 0.0), (0.01, 0.0), (0.0, 0.01)]]) == ""  # a speck


def test_text_width_by_class_or_average() -> None:
    assert svg.text_width("ii", 10) < svg.text_width("MM", 10)
    assert svg.text_width("iM", 10, average=0.5) == svg.text_width("Mi", 10, average=0.5) == 10


def test_id_prefix_is_derived_or_checked() -> None:
    derived = svg.id_prefix("map", None, ["a", "b"])
    assert derived.startswith("map-")
    assert derived == svg.id_prefix("map", None, ["a", "b"])
    assert derived != svg.id_prefix("map", None, ["ab"])
    assert svg.id_prefix("map", "home-map", ["a"]) == "home-map"
    with pytest.raises(ValueError, match="id_prefix"):
        svg.id_prefix("map", 'x" onload="y', [])
