"""Routes of the roadmap's dependency arrows around the bars they would cross.

The geometry lives in ``domain.routing`` (shared with the PDF and PNG exports); this module
only turns the scene's bars into obstacles, indexed by row so that an arrow looks at the rows
between its ends rather than at every bar of a large roadmap.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from pmdesk.domain.routing import Box, Point, route
from pmdesk.ui.roadmap import style
from pmdesk.ui.roadmap.items import BarItem

# Bars sit centred in their rows: this much free space lies above and below each one.
ROW_GAP = (style.ROW_HEIGHT - style.BAR_HEIGHT) / 2


class ArrowRouter:
    """Obstacles of one arrangement of bars, and arrows routed among them."""

    def __init__(self, bars: Iterable[BarItem]) -> None:
        by_top: dict[float, list[Box]] = {}
        for bar in bars:
            x, y = bar.x(), bar.y()
            by_top.setdefault(y, []).append(Box(x, y, x + bar.width, y + style.BAR_HEIGHT))
        self._tops = sorted(by_top)
        self._rows = [by_top[top] for top in self._tops]

    def route(self, source: BarItem, target: BarItem) -> list[Point]:
        """From the blocker's end to the blocked start, through the gap beside the target."""
        mid = style.BAR_HEIGHT / 2
        start = (source.x() + source.width, source.y() + mid)
        end = (target.x(), target.y() + mid)
        if source.y() <= target.y():
            gutter = target.y() - ROW_GAP
        else:
            gutter = target.y() + style.BAR_HEIGHT + ROW_GAP
        return route(start, end, gutter, self.boxes_between(start[1], end[1]))

    def boxes_between(self, y0: float, y1: float) -> list[Box]:
        """The bars of every row from the one at ``y0`` to the one at ``y1``."""
        low, high = min(y0, y1) - style.ROW_HEIGHT, max(y0, y1) + style.ROW_HEIGHT
        first, last = bisect_left(self._tops, low), bisect_right(self._tops, high)
        return [box for row in self._rows[first:last] for box in row]

    def spans(self, points: list[Point], bars: Iterable[BarItem]) -> bool:
        """Whether any of ``bars`` lies within the rows an arrow through ``points`` passes."""
        low = min(y for _, y in points) - style.ROW_HEIGHT
        high = max(y for _, y in points) + style.ROW_HEIGHT
        return any(low <= bar.y() <= high for bar in bars)
