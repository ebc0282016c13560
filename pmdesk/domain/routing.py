"""Orthogonal routing of dependency arrows around bars and their labels.

The roadmap (in the app and in its exports) stacks bars in rows with a little gap between
rows. A straight line from a blocker's end to the blocked start crosses every bar and title in
between, so an arrow instead leaves the blocker to the right, turns into the gap beside the
target's row (where nothing is drawn), runs along it and enters the target from the left. The
vertical legs are moved sideways until they clear every bar and label they would cross.

Coordinates are plain numbers in whatever orientation the caller draws in (PDF points grow
upwards, Qt pixels downwards): only "smaller" and "larger" matter here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Box:
    """Something drawn that an arrow must not cross: a bar or the label beside it."""

    left: float
    low: float
    right: float
    high: float

    def blocks_vertical(self, x: float, y0: float, y1: float, clearance: float) -> bool:
        low, high = min(y0, y1), max(y0, y1)
        return (self.left - clearance < x < self.right + clearance
                and self.low < high and low < self.high)

    def blocks_horizontal(self, y: float, x0: float, x1: float) -> bool:
        left, right = min(x0, x1), max(x0, x1)
        return self.low < y < self.high and self.left < right and left < self.right


def route(start: Point, end: Point, gutter: float, boxes: Sequence[Box], *,
          stub: float = 6.0, clearance: float = 3.0) -> list[Point]:
    """The corner points of an arrow from ``start`` (a blocker's end) to ``end`` (a start).

    ``gutter`` is the coordinate of the free gap beside the target's row, on the side facing
    the start. The result begins at ``start``, ends at ``end`` and its last leg runs towards
    larger x, so an arrowhead drawn there points into the target.
    """
    (sx, sy), (ex, ey) = start, end
    if sy == ey and sx + stub <= ex and not any(b.blocks_horizontal(sy, sx, ex) for b in boxes):
        return [start, end]
    out = _free_x(sx + stub, sy, gutter, boxes, clearance, towards=1.0)
    into = _free_x(ex - stub, gutter, ey, boxes, clearance, towards=-1.0)
    points = [start, (out, sy), (out, gutter), (into, gutter), (into, ey), end]
    return _without_repeats(points)


def _free_x(x: float, y0: float, y1: float, boxes: Sequence[Box], clearance: float, *,
            towards: float) -> float:
    """The nearest x from ``x`` in direction ``towards`` where a vertical leg crosses nothing."""
    low, high = min(y0, y1), max(y0, y1)
    crossed = [b for b in boxes if b.low < high and low < b.high]
    # One sweep in the direction of travel, nearest edge first: x only moves on, so a box it
    # has passed never blocks again, and the first box beyond x ends the search (a few
    # thousand bars on a big roadmap: checking every box at every step took most of a paint).
    if towards > 0:
        for box in sorted(crossed, key=lambda b: b.left):
            if box.left - clearance >= x:
                break
            if x < box.right + clearance:
                x = box.right + clearance
    else:
        for box in sorted(crossed, key=lambda b: b.right, reverse=True):
            if box.right + clearance <= x:
                break
            if x > box.left - clearance:
                x = box.left - clearance
    return x


def _without_repeats(points: list[Point]) -> list[Point]:
    kept = [points[0]]
    for point in points[1:]:
        if point != kept[-1]:
            kept.append(point)
    return kept
