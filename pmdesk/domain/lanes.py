"""Which lane and which row each roadmap bar takes: one rule for the window and the PDF.

Bars are grouped by lane (a bar whose lane is not shown goes to "no lane", ``None``) and
packed greedily into rows, leftmost first: a bar takes the first row whose last bar ends
at least ``gap`` before it starts, else a new row. Positions are whatever unit the caller
draws in (scene pixels, page points); the same scale and gap give the same rows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

BAR_GAP = 6.0  # the least room between two bars of a row, in the units they are drawn in


class RowPacker:
    """Greedy interval packing: each interval goes to the first row it fits after."""

    def __init__(self, gap: float = 0.0) -> None:
        self.gap = gap
        self.ends: list[float] = []

    def free_row(self, x0: float) -> int | None:
        """The first row whose last interval ends ``gap`` or more before ``x0``, if any."""
        return next((row for row, end in enumerate(self.ends) if end + self.gap <= x0), None)

    def put(self, x0: float, x1: float) -> int:
        """Put ``x0``..``x1`` in the first row with room for it, or in a new row."""
        row = self.free_row(x0)
        if row is None:
            self.ends.append(x1)
            return len(self.ends) - 1
        self.ends[row] = x1
        return row

    def __len__(self) -> int:
        return len(self.ends)


@dataclass(frozen=True, slots=True)
class BarSpan:
    """A bar to place: what it shows (``key``, an initiative id), its lane and extent."""

    key: int
    lane_id: int | None
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a bar went: its lane (None for "no lane"), its row in that lane, its extent."""

    lane_id: int | None
    row: int
    x0: float
    x1: float


def lane_shown(lane_id: int | None, shown: Collection[int]) -> int | None:
    """The lane a bar is drawn in: its own when shown, else "no lane"."""
    return lane_id if lane_id in shown else None


def pack_bars(
    bars: Iterable[BarSpan], shown_lanes: Collection[int], gap: float
) -> dict[int | None, list[tuple[BarSpan, Placement]]]:
    """Every bar's placement, by lane, in the order they were packed (left to right)."""
    by_lane: dict[int | None, list[BarSpan]] = {}
    for bar in bars:
        by_lane.setdefault(lane_shown(bar.lane_id, shown_lanes), []).append(bar)
    placed: dict[int | None, list[tuple[BarSpan, Placement]]] = {}
    for lane_id, spans in by_lane.items():
        rows = RowPacker(gap)
        lane_placed = placed.setdefault(lane_id, [])
        for span in sorted(spans, key=lambda s: (s.x0, s.x1, s.key)):
            row = rows.put(span.x0, span.x1)
            lane_placed.append((span, Placement(lane_id, row, span.x0, span.x1)))
    return placed


def row_count(placements: Iterable[tuple[BarSpan, Placement]]) -> int:
    return max((p.row + 1 for _, p in placements), default=0)
