"""Plane geometry for the map: projection, boxes, clipping, simplification, label points.

Pure functions on rings of (x, y) points, so that they can be tested without the
boundary data. A ring is a list of points with the closing point left implicit.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence

Point = tuple[float, float]
Ring = list[Point]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1

_ROOT2 = math.sqrt(2)


def pairs(ring: Sequence[Point]) -> Iterable[tuple[Point, Point]]:
    """Every edge of a ring, the closing one included."""
    return zip(ring, [*ring[1:], ring[0]], strict=True)


def signed_area(ring: Sequence[Point]) -> float:
    """Shoelace area: positive for anticlockwise rings when y grows upwards."""
    total = 0.0
    for (x1, y1), (x2, y2) in pairs(ring):
        total += x1 * y2 - x2 * y1
    return total / 2


def area(ring: Sequence[Point]) -> float:
    return abs(signed_area(ring))


class Albers:
    """Albers equal-area conic on a sphere; y grows downwards (SVG)."""

    def __init__(self, lon0: float, lat1: float, lat2: float, lat0: float) -> None:
        self.lon0 = lon0
        phi1, phi2, phi0 = (math.radians(v) for v in (lat1, lat2, lat0))
        self.n = (math.sin(phi1) + math.sin(phi2)) / 2
        if abs(self.n) < 1e-6:  # standard parallels symmetric about the equator
            self.n = 1e-6
        self.c = math.cos(phi1) ** 2 + 2 * self.n * math.sin(phi1)
        self.rho0 = math.sqrt(max(self.c - 2 * self.n * math.sin(phi0), 0.0)) / self.n

    def __call__(self, lon: float, lat: float) -> Point:
        dlon = (lon - self.lon0 + 180.0) % 360.0 - 180.0
        theta = self.n * math.radians(dlon)
        rho = math.sqrt(max(self.c - 2 * self.n * math.sin(math.radians(lat)), 0.0)) / self.n
        return rho * math.sin(theta), -(self.rho0 - rho * math.cos(theta))

    def inverse(self, x: float, y: float) -> Point:
        sign = 1.0 if self.n > 0 else -1.0
        dy = self.rho0 + y  # y is downwards: the math y is -y
        rho = sign * math.hypot(x, dy)
        theta = math.atan2(sign * x, sign * dy)
        sin_lat = (self.c - (rho * self.n) ** 2) / (2 * self.n)
        lat = math.degrees(math.asin(max(-1.0, min(1.0, sin_lat))))
        return self.lon0 + math.degrees(theta / self.n), lat


def bbox(points: Iterable[Point]) -> Box:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def overlaps(a: Box, b: Box) -> bool:
    """The boxes share some area (touching edges do not count)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def meets(a: Box, b: Box) -> bool:
    """The boxes share at least a point (touching edges count)."""
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def contains(outer: Box, inner: Box) -> bool:
    return (
        inner[0] >= outer[0]
        and inner[1] >= outer[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def clip(ring: Ring, box: Box) -> Ring:
    """Sutherland-Hodgman against an axis-aligned box (fine for filled areas)."""
    points = ring
    # (axis, bound, keep values above the bound?)
    for axis, bound, above in (
        (0, box[0], True),
        (0, box[2], False),
        (1, box[1], True),
        (1, box[3], False),
    ):
        if not points:
            break
        points = _clip_edge(points, axis, bound, above)
    return points


def _clip_edge(points: Ring, axis: int, bound: float, above: bool) -> Ring:
    """The part of a ring on one side of the line ``point[axis] == bound``."""

    def inside(point: Point) -> bool:
        return point[axis] >= bound if above else point[axis] <= bound

    result: Ring = []
    previous = points[-1]
    for current in points:
        if inside(current) != inside(previous):
            t = (bound - previous[axis]) / (current[axis] - previous[axis])
            cut = (
                previous[0] + t * (current[0] - previous[0]),
                previous[1] + t * (current[1] - previous[1]),
            )
            result.append((bound, cut[1]) if axis == 0 else (cut[0], bound))
        if inside(current):
            result.append(current)
        previous = current
    return result


def segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def douglas_peucker(points: Ring, tolerance: float) -> Ring:
    """Simplify an open polyline, keeping both ends (iterative, no recursion limit)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = _farthest(points, first, last)
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _farthest(points: Ring, first: int, last: int) -> tuple[float, int]:
    """(distance, index) of the point strictly between ``first`` and ``last`` farthest
    from the chord joining them; (0, -1) when none is off the chord."""
    worst, index = 0.0, -1
    for i in range(first + 1, last):
        distance = segment_distance(points[i], points[first], points[last])
        if distance > worst:
            worst, index = distance, i
    return worst, index


def simplify_ring(ring: Ring, tolerance: float) -> Ring:
    """Simplify a closed ring: split it at its first point and the point farthest from it."""
    if ring and ring[0] == ring[-1]:
        ring = ring[:-1]
    if len(ring) < 4:
        return ring
    start = ring[0]
    far = max(
        range(len(ring)), key=lambda i: (ring[i][0] - start[0]) ** 2 + (ring[i][1] - start[1]) ** 2
    )
    first = douglas_peucker(ring[: far + 1], tolerance)
    second = douglas_peucker([*ring[far:], start], tolerance)
    return first[:-1] + second[:-1]


def point_in_ring(p: Point, ring: Sequence[Point]) -> bool:
    inside = False
    x, y = p
    for (x1, y1), (x2, y2) in pairs(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def label_point(ring: Ring, precision: float = 0.5) -> Point:
    """Pole of inaccessibility of a ring (the 'polylabel' search), to ``precision``.

    The point inside farthest from the border, where a label sits best. Square cells are
    searched best-first and split until no cell can hold a point better by ``precision``.
    """
    cells = _Cells(ring)
    box = bbox(ring)
    cells.cover(box)
    best = _centroid(ring) or ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    best_distance = cells.distance(best)
    while cells.queue:
        x, y, half, distance = cells.pop()
        if distance > best_distance:
            best, best_distance = (x, y), distance
        if distance + half * _ROOT2 - best_distance <= precision:
            continue
        half /= 2
        for dx, dy in ((-half, -half), (half, -half), (-half, half), (half, half)):
            cells.push(x + dx, y + dy, half)
    return best


class _Cells:
    """The polylabel queue: square cells, the one that could hold the best point first."""

    def __init__(self, ring: Ring) -> None:
        self.ring = ring
        # (-potential, order, x, y, half size, distance); order keeps ties stable.
        self.queue: list[tuple[float, int, float, float, float, float]] = []
        self.order = 0

    def distance(self, p: Point) -> float:
        """Distance to the border: positive inside the ring, negative outside."""
        d = min(segment_distance(p, a, b) for a, b in pairs(self.ring))
        return d if point_in_ring(p, self.ring) else -d

    def push(self, x: float, y: float, half: float) -> None:
        d = self.distance((x, y))
        heapq.heappush(self.queue, (-(d + half * _ROOT2), self.order, x, y, half, d))
        self.order += 1

    def pop(self) -> tuple[float, float, float, float]:
        _, _, x, y, half, d = heapq.heappop(self.queue)
        return x, y, half, d

    def cover(self, box: Box) -> None:
        """Tile the box with square cells as large as its shorter side allows."""
        x0, y0, x1, y1 = box
        size = max(min(x1 - x0, y1 - y0), 1e-9)
        y = y0
        while y < y1:
            x = x0
            while x < x1:
                self.push(x + size / 2, y + size / 2, size / 2)
                x += size
            y += size


def _centroid(ring: Ring) -> Point | None:
    """The centroid of the ring's area, or None for a ring without area."""
    total = signed_area(ring)
    if not total:
        return None
    cx = sum((a[0] + b[0]) * (a[0] * b[1] - b[0] * a[1]) for a, b in pairs(ring))
    cy = sum((a[1] + b[1]) * (a[0] * b[1] - b[0] * a[1]) for a, b in pairs(ring))
    return cx / (6 * total), cy / (6 * total)
