"""Where every band, bar and milestone of the roadmap goes, in scene coordinates.

Bars of a lane are packed into rows so that none overlaps another (with a gap, in
pixels at the current zoom) by the rule the roadmap PDF follows too (``domain.lanes``);
milestone labels are packed the same way.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from pmdesk.domain.lanes import (
    BAR_GAP,
    BarSpan,
    Placement,
    RowPacker,
    lane_shown,
    pack_bars,
    row_count,
)
from pmdesk.domain.timescale import TimeScale, add_months, month_start
from pmdesk.ui.roadmap import style
from pmdesk.ui.roadmap.state import RoadmapState


class BandKind(Enum):
    MILESTONES = "milestones"
    LANE = "lane"
    NO_LANE = "no lane"


@dataclass(slots=True)
class Band:
    kind: BandKind
    lane_id: int | None
    title: str
    top: float
    height: float
    bar_top: float = 0.0

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True, slots=True)
class BarSlot:
    x0: float
    x1: float
    y: float
    lane_id: int | None
    row: int = 0  # in its lane, from the top


@dataclass(frozen=True, slots=True)
class MilestoneSlot:
    x: float
    y: float
    label_width: float


@dataclass
class RoadmapLayout:
    scale: TimeScale
    first: date
    last: date
    bands: list[Band] = field(default_factory=list)
    bars: dict[int, BarSlot] = field(default_factory=dict)
    milestones: dict[int, MilestoneSlot] = field(default_factory=dict)

    @property
    def width(self) -> float:
        return self.scale.x(self.last)

    @property
    def height(self) -> float:
        return self.bands[-1].bottom if self.bands else 0.0

    def band_at(self, y: float) -> Band | None:
        tops = [b.top for b in self.bands]
        index = bisect.bisect_right(tops, y) - 1
        if 0 <= index < len(self.bands) and y < self.bands[index].bottom:
            return self.bands[index]
        return None

    def lane_band(self, lane_id: int | None) -> Band | None:
        kind = BandKind.NO_LANE if lane_id is None else BandKind.LANE
        return next((b for b in self.bands if b.kind is kind and b.lane_id == lane_id), None)


def date_range(state: RoadmapState, previous: tuple[date, date] | None = None) -> tuple[date, date]:
    """First and last day the timeline shows: every item, today, and a margin."""
    days = [state.today]
    for view in state.views.values():
        item = view.initiative
        if item.start_date and item.end_date:
            days += [item.start_date, item.end_date]
    days += [m.date for m in state.milestones]
    first = add_months(month_start(min(days)), -2)
    last = add_months(month_start(max(days)), 4) - timedelta(days=1)
    if previous is not None:
        first, last = min(first, previous[0]), max(last, previous[1])
    return first, last


def compute_layout(
    state: RoadmapState,
    scale: TimeScale,
    first: date,
    last: date,
    measure: Callable[[str], float],
) -> RoadmapLayout:
    """Place the filtered initiatives and the milestones; ``measure`` gives text widths."""
    layout = RoadmapLayout(scale, first, last)
    lanes_shown = [lane for lane in state.lanes
                   if state.filter.lane_id in (None, lane.id)]
    shown_ids = {lane.id for lane in lanes_shown}
    spans = []
    for view in state.scheduled():
        item = view.initiative
        assert item.start_date is not None and item.end_date is not None
        spans.append(BarSpan(item.id, item.lane_id, *scale.span(item.start_date, item.end_date)))
    by_lane = pack_bars(spans, shown_ids, BAR_GAP)
    milestones_by_lane: dict[int | None, list[tuple[float, float, int]]] = {}
    for milestone in state.milestones:
        lane_id = lane_shown(milestone.lane_id, shown_ids)
        if state.filter.lane_id is not None and lane_id is None:
            continue
        width = min(style.MILESTONE_LABEL_MAX, measure(milestone.title))
        milestones_by_lane.setdefault(lane_id, []).append(
            (scale.x(milestone.date) + scale.px_per_day / 2, width, milestone.id)
        )

    y = 0.0
    if milestones_by_lane.get(None):
        y = _band(layout, BandKind.MILESTONES, None, "Milestones", y, [],
                  milestones_by_lane[None], min_rows=0)
    for lane in lanes_shown:
        y = _band(layout, BandKind.LANE, lane.id, lane.name, y, by_lane.get(lane.id, []),
                  milestones_by_lane.get(lane.id, []))
    if by_lane.get(None) or not lanes_shown:
        _band(layout, BandKind.NO_LANE, None, "No lane", y, by_lane.get(None, []), [])
    return layout


def _band(
    layout: RoadmapLayout,
    kind: BandKind,
    lane_id: int | None,
    title: str,
    top: float,
    bars: list[tuple[BarSpan, Placement]],
    milestones: list[tuple[float, float, int]],
    min_rows: int = style.MIN_LANE_ROWS,
) -> float:
    marks = RowPacker(gap=8)
    placed_marks = []
    for x, width, milestone_id in sorted(milestones):
        row = marks.put(x - 8, x + 12 + width)
        placed_marks.append((milestone_id, x, row, width))
    bar_top = top + style.LANE_PADDING + len(marks) * style.MILESTONE_ROW
    for milestone_id, x, row, width in placed_marks:
        y = top + style.LANE_PADDING + row * style.MILESTONE_ROW + style.MILESTONE_ROW / 2
        layout.milestones[milestone_id] = MilestoneSlot(x, y, width)
    for bar, placed in bars:
        y = bar_top + placed.row * style.ROW_HEIGHT + (style.ROW_HEIGHT - style.BAR_HEIGHT) / 2
        layout.bars[bar.key] = BarSlot(placed.x0, placed.x1, y, lane_id, placed.row)
    rows = max(row_count(bars), min_rows)
    height = (bar_top - top) + rows * style.ROW_HEIGHT + style.LANE_PADDING
    layout.bands.append(Band(kind, lane_id, title, top, height, bar_top))
    return top + height
