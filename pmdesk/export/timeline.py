"""Timeline drawing shared by the one-pager's mini-roadmap and the roadmap PDF.

Everything is drawn with the pages' shapes (``shapes``) into a ``Group``; coordinates are
points with y growing upwards, as in a ``Drawing``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from pmdesk.domain.enums import InitiativeStatus
from pmdesk.domain.lanes import BarSpan, RowPacker, pack_bars, row_count
from pmdesk.domain.models import Milestone
from pmdesk.domain.routing import Box
from pmdesk.domain.snapshots import InitiativeView, RoadmapSnapshot
from pmdesk.domain.timescale import MONTH_NAMES, Tick, TimeScale, Unit, spans
from pmdesk.export.shapes import Colour, Group, Line, Polygon, Rect, String
from pmdesk.export.style import (
    BOLD,
    FONT,
    INK,
    MUTED,
    RED,
    RULE,
    colour,
    elide,
    one_line,
    tint,
    width,
)

WHITE = colour("#FFFFFF")
DONE_MARK = "✓ "
CLIPPED_MARK = "◂ "


@dataclass(frozen=True, slots=True)
class PageScale:
    """The days ``start`` (inclusive) to ``end`` (exclusive) across ``width`` points from ``x0``.

    The window's time scale (``domain.timescale``) with the day width that fills the page.
    """

    start: date
    end: date
    x0: float
    width: float
    days_scale: PageScale = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        day_width = self.width / self.days
        object.__setattr__(self, "days_scale", TimeScale(self.start, stretch=day_width))

    @property
    def days(self) -> int:
        return max(1, (self.end - self.start).days)

    @property
    def x1(self) -> float:
        return self.x0 + self.width

    def x(self, day: date) -> float:
        return self.x0 + self.days_scale.x(day)

    def clamp(self, day: date) -> float:
        return min(self.x1, max(self.x0, self.x(day)))

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    def tiers(self) -> tuple[list[Tick], list[Tick]]:
        """Upper and lower header bands, in the finest unit that still has room for labels."""
        month_width = self.width * 30.44 / self.days
        if self.width / self.days >= 16:
            return self._months(long=True), self._ticks(Unit.DAY, lambda a: str(a.day))
        if month_width >= 110:
            return self._months(long=True), self._ticks(Unit.WEEK, lambda a: str(a.day))
        if month_width >= 22:
            return self._quarters(long=month_width * 3 >= 48), self._months(long=False)
        return self._ticks(Unit.YEAR, lambda a: str(a.year)), self._quarters(long=False)

    def _ticks(self, unit: Unit, label: Callable[[date], str]) -> list[Tick]:
        """The periods of ``unit`` in the range, the first and last cut to it."""
        last = self.end - timedelta(days=1)
        ticks = []
        for a, b in spans(self.start, last, unit):
            shown = max(a, self.start)
            ticks.append(Tick(shown, min(b, self.end), label(shown), label(shown)))
        return ticks

    def _months(self, *, long: bool) -> list[Tick]:
        return self._ticks(Unit.MONTH, lambda a: f"{MONTH_NAMES[a.month - 1]} {a.year}" if long
                           else MONTH_NAMES[a.month - 1])

    def _quarters(self, *, long: bool) -> list[Tick]:
        return self._ticks(Unit.QUARTER, lambda a: f"Q{(a.month - 1) // 3 + 1}"
                           + (f" {a.year}" if long else ""))


@dataclass(frozen=True, slots=True)
class Metrics:
    """Sizes of one timeline style (compact for the one-pager, roomy for the roadmap)."""

    row: float
    bar: float
    font: float
    tier: float
    tier_font: float
    lane_font: float
    min_label_room: float = 14.0


@dataclass(slots=True)
class Bar:
    view: InitiativeView
    x0: float
    x1: float
    label: str
    colour: str | None
    clipped: bool = False
    limit: float = 0.0


@dataclass(slots=True)
class Row:
    """One line of bars in a lane."""

    lane: str
    lane_index: int
    bars: list[Bar] = field(default_factory=list)
    first: bool = True
    rows_in_lane: int = 1
    lane_id: int | None = None  # None for "no lane"


def bar_label(view: InitiativeView, *, percent: bool) -> str:
    text = one_line(view.initiative.title)
    if view.initiative.status is InitiativeStatus.DONE:
        return DONE_MARK + text
    started = view.initiative.status is InitiativeStatus.IN_PROGRESS or view.progress.done
    if percent and view.progress.total and started:
        return f"{text} · {round(view.progress.by_count * 100)}%"
    return text


def pack(
    snapshot: RoadmapSnapshot,
    scale: PageScale,
    views: Sequence[InitiativeView],
    metrics: Metrics,
    *,
    gap: float = 3.0,
    label_reserve: float = 0.0,
    percent: bool = False,
) -> list[Row]:
    """Lay the initiatives in range into rows per lane, by the window's rule
    (``domain.lanes``): ``gap`` points at least between two bars of a row.

    ``label_reserve`` keeps up to that many points after a bar's start free for its label,
    so fewer labels need eliding (at the cost of more rows).
    """
    bars: dict[int, Bar] = {}
    extents: list[BarSpan] = []
    for view in views:
        start, end = view.initiative.start_date, view.initiative.end_date
        if start is None or end is None or end < scale.start or start >= scale.end:
            continue
        x0 = scale.clamp(start)
        x1 = max(scale.clamp(end + timedelta(days=1)), x0 + 2.0)
        goal = snapshot.goal(view.initiative.goal_id)
        label = bar_label(view, percent=percent)
        if start < scale.start:
            label = CLIPPED_MARK + label
        bars[view.id] = Bar(view, x0, x1, label, goal.colour if goal else None,
                            clipped=start < scale.start)
        reach = x1
        label_w = width(label, FONT, metrics.font) + 6
        if label_w > x1 - x0:
            reach += min(label_w, label_reserve)
        extents.append(BarSpan(view.id, view.initiative.lane_id, x0, reach))
    placed = pack_bars(extents, [lane.id for lane in snapshot.lanes], gap)
    lanes = [(lane.id, one_line(lane.name)) for lane in snapshot.lanes] + [(None, "No lane")]
    rows: list[Row] = []
    for index, (lane_id, lane_name) in enumerate(lanes):
        in_lane = placed.get(lane_id, [])
        if lane_id is None and not in_lane:
            continue
        count = max(1, row_count(in_lane))
        lane_rows = [Row(lane_name, index, first=row == 0, rows_in_lane=count, lane_id=lane_id)
                     for row in range(count)]
        for extent, placement in in_lane:
            lane_rows[placement.row].bars.append(bars[extent.key])
        for row in lane_rows:
            for position, bar in enumerate(row.bars):
                following = row.bars[position + 1] if position + 1 < len(row.bars) else None
                bar.limit = following.x0 - 3 if following else scale.x1
        rows.extend(lane_rows)
    return rows


def draw_axis(group: Group, scale: PageScale, top: float, metrics: Metrics,
              bottom: float) -> float:
    """Two header bands with grid lines down to ``bottom``; returns the y under the bands."""
    upper, lower = scale.tiers()
    y_upper = top - metrics.tier
    y_lower = y_upper - metrics.tier
    for ticks, y, font, tick_font in ((upper, y_upper, BOLD, metrics.tier_font),
                                      (lower, y_lower, FONT, metrics.tier_font * 0.92)):
        for tick in ticks:
            a, b = scale.x(tick.start), scale.x(tick.end)
            text = elide(tick.label, font, tick_font, b - a - 4)
            if text:
                group.add(String(a + 3, y + (metrics.tier - tick_font) / 2 + 1, text,
                                 font=font, size=tick_font, fill=MUTED))
    for tick in upper:
        group.add(Line(scale.x(tick.start), bottom, scale.x(tick.start), y_upper + metrics.tier,
                       stroke=RULE, stroke_width=0.6))
    for tick in lower:
        x = scale.x(tick.start)
        group.add(Line(x, bottom, x, y_lower + metrics.tier, stroke=RULE,
                       stroke_width=0.3))
    group.add(Line(scale.x1, bottom, scale.x1, top, stroke=RULE, stroke_width=0.6))
    group.add(Line(scale.x0, y_lower, scale.x1, y_lower, stroke=RULE, stroke_width=0.6))
    group.add(Line(scale.x0, y_upper, scale.x1, y_upper, stroke=RULE, stroke_width=0.3))
    return y_lower


def draw_bar(group: Group, bar: Bar, y: float, metrics: Metrics) -> None:
    """A bar tinted in its goal colour, a progress strip along its bottom, its label inside."""
    view = bar.view
    h = metrics.bar
    w = bar.x1 - bar.x0
    at_risk = view.at_risk
    group.add(Rect(bar.x0, y, w, h, fill=tint(bar.colour, 0.22),
                   stroke=RED if at_risk else colour(bar.colour),
                   stroke_width=1.1 if at_risk else 0.5))
    strip = max(1.8, h * 0.22)
    done = 1.0 if view.initiative.status is InitiativeStatus.DONE else view.progress.by_count
    if done > 0:
        group.add(Rect(bar.x0, y, w * done, strip, fill=colour(bar.colour),
                       stroke=None, stroke_width=0))
    placed = place_label(bar, metrics)
    if placed is not None:
        x, shown = placed
        baseline = y + strip + (h - strip - metrics.font * 0.72) / 2
        group.add(String(x, baseline, shown, font=FONT, size=metrics.font,
                         fill=INK))


def place_label(bar: Bar, metrics: Metrics) -> tuple[float, str] | None:
    """Where a bar's label starts and what of it fits: inside the bar, or beside it when the
    bar is too short and the row has room after it; None when it fits nowhere."""
    inside = bar.x1 - bar.x0 - 5
    after = bar.limit - bar.x1 - 4
    need = width(bar.label, FONT, metrics.font)
    if need <= inside or (inside >= after and inside >= metrics.min_label_room):
        x, room = bar.x0 + 2.5, inside
    elif after >= metrics.min_label_room:
        x, room = bar.x1 + 3, after
    else:
        return None
    shown = elide(bar.label, FONT, metrics.font, room)
    return (x, shown) if shown else None


def obstacles(bar: Bar, y: float, metrics: Metrics) -> list[Box]:
    """The bar drawn at ``y`` and, when it stands beside the bar, its label."""
    boxes = [Box(bar.x0, y, bar.x1, y + metrics.bar)]
    placed = place_label(bar, metrics)
    if placed is not None and placed[0] >= bar.x1:
        x, shown = placed
        boxes.append(Box(x, y, x + width(shown, FONT, metrics.font), y + metrics.bar))
    return boxes


def draw_today(group: Group, scale: PageScale, today: date, top: float, bottom: float,
               font_size: float) -> None:
    """A dashed red line from ``bottom`` up to ``top``, labelled just above ``top``."""
    if not scale.contains(today):
        return
    x = scale.x(today)
    group.add(Line(x, bottom, x, top, stroke=RED, stroke_width=0.9,
                   dash=[2.5, 1.5]))
    r = font_size * 0.4
    group.add(Polygon([x - r, top + r * 1.6, x + r, top + r * 1.6, x, top], fill=RED,
                      stroke=None, stroke_width=0))
    label = f"Today {today.day} {MONTH_NAMES[today.month - 1]}"
    w = width(label, BOLD, font_size)
    left = x + r + 2 if x + r + 2 + w <= scale.x1 else x - r - 2 - w
    group.add(String(left, top + r * 0.4, label, font=BOLD, size=font_size,
                     fill=RED))


def diamond(group: Group, x: float, y: float, size: float, fill: Colour = INK) -> None:
    r = size / 2
    group.add(Polygon([x - r, y, x, y + r, x + r, y, x, y - r], fill=fill,
                      stroke=WHITE, stroke_width=0.4))


@dataclass(slots=True)
class MilestoneMark:
    x: float
    label: str
    right: bool
    low: float
    high: float
    room: float = 0.0


def milestone_rows(
    milestones: Sequence[Milestone], scale: PageScale, font_size: float, max_rows: int
) -> tuple[list[list[MilestoneMark]], int]:
    """Milestones in view packed into label rows, and how many found no row.

    A label goes right of its diamond, or left of it near the end of the chart.
    """
    rows: list[list[MilestoneMark]] = []
    packer = RowPacker()
    hidden = 0
    for ms in milestones:
        if not scale.contains(ms.date):
            continue
        x = scale.x(ms.date)
        label = f"{one_line(ms.title)} ({ms.date.day} {MONTH_NAMES[ms.date.month - 1]})"
        need = min(width(label, FONT, font_size) + font_size * 1.6, 140)
        right = x + need <= scale.x1
        mark = MilestoneMark(x, label, right, *((x - 4, x + need) if right else (x - need, x + 4)))
        if packer.free_row(mark.low) is None and len(packer) >= max_rows:
            hidden += 1
            continue
        slot = packer.put(mark.low, mark.high)
        if slot == len(rows):
            rows.append([])
        rows[slot].append(mark)
    for row in rows:
        for index, mark in enumerate(row):
            if mark.right:
                limit = row[index + 1].low if index + 1 < len(row) else scale.x1
                mark.room = limit - mark.x - font_size * 1.2
            else:
                limit = row[index - 1].high if index else scale.x0
                mark.room = mark.x - limit - font_size * 1.2
    return rows, hidden


def draw_milestones(group: Group, scale: PageScale, milestones: Sequence[Milestone],
                    top: float, row_h: float, font_size: float, max_rows: int,
                    grid_bottom: float) -> tuple[float, int]:
    """Diamonds with labels in up to ``max_rows`` rows below ``top``; a faint line runs
    down from each to ``grid_bottom``. Returns the y under the rows and the hidden count."""
    rows, hidden = milestone_rows(milestones, scale, font_size, max_rows)
    y = top
    for row in rows:
        y -= row_h
        middle = y + row_h / 2
        for mark in row:
            group.add(Line(mark.x, grid_bottom, mark.x, middle, stroke=tint("#1F2328", 0.35),
                           stroke_width=0.4, dash=[1, 2]))
            diamond(group, mark.x, middle, font_size * 1.2)
            text = elide(mark.label, FONT, font_size, mark.room)
            if not text:
                continue
            offset = font_size * 0.8
            baseline = middle - font_size * 0.36
            if mark.right:
                group.add(String(mark.x + offset, baseline, text, font=FONT,
                                 size=font_size, fill=INK))
            else:
                group.add(String(mark.x - offset, baseline, text, font=FONT,
                                 size=font_size, fill=INK, anchor="end"))
    return y, hidden


def draw_legend(group: Group, x: float, y: float, room: float, size: float,
                sample_colour: str = "#4C78A8") -> float:
    """The symbols of a timeline, explained on one line from ``x``; returns the width used."""
    cursor = x
    h = size * 1.15
    items = ("strip: share of cards done", "red outline: at risk", "milestone", "today",
             "done")
    for index, caption in enumerate(items):
        need = width(caption, FONT, size) + size * 2.8
        if cursor + need > x + room:
            break
        if index == 0:
            group.add(Rect(cursor, y - 1, size * 2, h, fill=tint(sample_colour, 0.22),
                           stroke=colour(sample_colour), stroke_width=0.5))
            group.add(Rect(cursor, y - 1, size * 1.2, h * 0.3, fill=colour(sample_colour),
                           stroke=None, stroke_width=0))
        elif index == 1:
            group.add(Rect(cursor, y - 1, size * 2, h, fill=tint(sample_colour, 0.22),
                           stroke=RED, stroke_width=1.0))
        elif index == 2:
            diamond(group, cursor + size, y + h / 2 - 1, size * 1.2)
        elif index == 3:
            group.add(Line(cursor + size, y - 2, cursor + size, y + h, stroke=RED,
                           stroke_width=0.9, dash=[2.5, 1.5]))
        else:
            group.add(String(cursor, y, DONE_MARK.strip(), font=FONT, size=size,
                             fill=INK))
        cursor += size * 2.6
        group.add(String(cursor, y, caption, font=FONT, size=size, fill=MUTED))
        cursor += width(caption, FONT, size) + size * 1.6
    return cursor - x
