"""The one-pager's data-heavy parts: mini-roadmap, progress and health, RICE priorities."""

from __future__ import annotations

from collections.abc import Sequence

from pmdesk.domain.enums import InitiativeStatus
from pmdesk.domain.report import OnePagerData, blockers_of
from pmdesk.domain.snapshots import InitiativeView
from pmdesk.domain.timescale import add_months, quarter_start
from pmdesk.export.cells import (
    Col,
    dot,
    header_row,
    heading,
    meter,
    number,
    percent,
    short_day,
    text,
    wrap,
    zebra,
)
from pmdesk.export.shapes import Colour, Group, Line, Rect
from pmdesk.export.style import (
    ACCENT,
    AMBER,
    BOLD,
    FONT,
    GREEN,
    INK,
    MUTED,
    PANEL,
    RED,
    RULE,
    colour,
    one_line,
)
from pmdesk.export.timeline import (
    Metrics,
    PageScale,
    Row,
    draw_axis,
    draw_bar,
    draw_legend,
    draw_milestones,
    draw_today,
    milestone_rows,
    pack,
)

SECTION = 6.8
ROW = 10.4
LANE_LABEL = 86.0
QUARTERS = 4
MINI = Metrics(row=11.6, bar=9.4, font=6.2, tier=9.5, tier_font=6.6, lane_font=6.8)
CLOSED = (InitiativeStatus.DONE, InitiativeStatus.DROPPED)


def allot(needs: Sequence[int], available: int) -> list[int]:
    """Share ``available`` rows among lanes: one each first, then round-robin by need."""
    given = [0] * len(needs)
    left = available
    for index, need in enumerate(needs):
        if left and need:
            given[index] = 1
            left -= 1
    while left:
        progressed = False
        for index, need in enumerate(needs):
            if left and given[index] < need:
                given[index] += 1
                left -= 1
                progressed = True
        if not progressed:
            break
    return given


class MiniRoadmap:
    """The coming quarters: lanes, bars by goal with progress, milestones, today."""

    def __init__(self, data: OnePagerData, group: Group, x: float, w: float) -> None:
        self.data = data
        self.group = group
        self.x = x
        self.w = w
        start = quarter_start(data.today)
        self.scale = PageScale(start, add_months(start, 3 * QUARTERS), x + LANE_LABEL,
                               w - LANE_LABEL)
        self.back = Group()

    def draw(self, top: float, max_height: float) -> float:
        """Draw in at most ``max_height`` below ``top``; return the bottom used."""
        g, data, scale = self.group, self.data, self.scale
        views = [v for v in data.roadmap.initiatives
                 if v.initiative.status is not InitiativeStatus.DROPPED]
        rows = pack(data.roadmap, scale, views, MINI, label_reserve=46)
        in_view = sum(len(r.bars) for r in rows)
        end = add_months(scale.end, -1)
        note = (f"Q{(scale.start.month - 1) // 3 + 1} {scale.start.year} – "
                f"Q{(end.month - 1) // 3 + 1} {end.year} · {in_view:,} initiatives")
        y = heading(g, self.x, top, self.w, "Roadmap: the coming quarters", SECTION,
                    color=ACCENT, note=note)
        ms_rows = min(2 if max_height > 150 else 1,
                      len(milestone_rows(data.roadmap.milestones, scale, 6.0, 2)[0]))
        head = top - y + 8.5 + 2 * MINI.tier + ms_rows * 10.5 + 13
        height = min(max_height, head + MINI.row * max(2, len(rows)))
        bottom = top - height
        legend_y = bottom + 1
        grid_bottom = legend_y + 11
        axis_top = y - 8.5
        self.back = Group()
        g.add(self.back)
        under_axis = draw_axis(g, scale, axis_top, MINI, grid_bottom)
        lanes_top, hidden_ms = draw_milestones(
            g, scale, data.roadmap.milestones, under_axis, 10.5, 6.0, ms_rows, grid_bottom
        )
        self.lanes(rows, lanes_top, grid_bottom)
        draw_today(g, scale, data.today, axis_top, grid_bottom, 6.0)
        used = draw_legend(g, self.x, legend_y, self.w, 6.0)
        if hidden_ms:
            text(g, self.x + used + 8, legend_y, self.w - used - 8,
                 f"+ {hidden_ms} more milestones", size=6.0, color=MUTED, align="right")
        return bottom

    def lanes(self, rows: list[Row], top: float, bottom: float) -> None:
        g = self.group
        by_lane: dict[int, list[Row]] = {}
        for row in rows:
            by_lane.setdefault(row.lane_index, []).append(row)
        lanes = list(by_lane.values())
        available = max(0, int((top - bottom) // MINI.row))
        if sum(len(r) for r in lanes) > available:
            lanes = [lane_rows for lane_rows in lanes if lane_rows[0].bars]
        given = allot([len(r) for r in lanes], available)
        shown_lanes = [(lane_rows, n) for lane_rows, n in zip(lanes, given, strict=True) if n]
        hidden_lanes = len(lanes) - len(shown_lanes)
        y = top
        for band, (lane_rows, n) in enumerate(shown_lanes):
            band_h = n * MINI.row
            if band % 2 == 0:
                self.back.add(Rect(self.x, y - band_h, self.w, band_h, fill=PANEL,
                                   stroke=None, stroke_width=0))
            hidden = sum(len(r.bars) for r in lane_rows[n:])
            last_lane = band == len(shown_lanes) - 1
            if last_lane and hidden_lanes:
                hidden += sum(len(r.bars) for lanes_rows in lanes[len(lanes) - hidden_lanes:]
                              for r in lanes_rows)
            self.lane_label(lane_rows[0].lane, y, n, hidden,
                            hidden_lanes if last_lane else 0)
            for index, row in enumerate(lane_rows[:n]):
                row_y = y - (index + 1) * MINI.row + (MINI.row - MINI.bar) / 2
                for bar in row.bars:
                    draw_bar(g, bar, row_y, MINI)
            y -= band_h
            g.add(Line(self.x, y, self.x + self.w, y, stroke=RULE, stroke_width=0.4))
        if not shown_lanes:
            text(g, self.x, top - 10, self.w, "No lanes or initiatives in these quarters.",
                 size=7, color=MUTED)

    def lane_label(self, name: str, top: float, rows: int, hidden: int,
                   hidden_lanes: int) -> None:
        g = self.group
        room = LANE_LABEL - 8
        base = top - MINI.row + (MINI.row - MINI.lane_font) / 2 + 0.8
        more = f"+ {hidden} more" if hidden else ""
        if hidden_lanes:
            more = f"+ {hidden_lanes} lanes"
        if more and rows > 1:
            text(g, self.x + 3, base, room, name, font=BOLD, size=MINI.lane_font)
            text(g, self.x + 3, base - MINI.row, room, more, size=6.0, color=MUTED)
        elif more:
            used = text(g, self.x + 3, base, room, more, size=6.0, color=MUTED, align="right")
            text(g, self.x + 3, base, room - used - 3, name, font=BOLD, size=MINI.lane_font)
        else:
            text(g, self.x + 3, base, room, name, font=BOLD, size=MINI.lane_font)


NAME_SIZE = 7.2
NAME_LINE = 7.6  # what each further line of an initiative's name adds to its row
NAME_LINES = 3


def _named_rows(titles: Sequence[str], room: float, space: float) -> list[list[str]]:
    """Each title wrapped onto at most three lines of ``room`` points, for as many rows as
    fit in ``space`` points, keeping one row for "+ N more" when some do not fit.

    A name cut after a few letters tells nothing; wrapping costs a row now and then.
    """
    rows: list[list[str]] = []
    used = 0.0
    for title in titles:
        lines = wrap(title, FONT, NAME_SIZE, room, NAME_LINES) or [""]
        height = _height(lines)
        if used + height > space:
            break
        rows.append(lines)
        used += height
    if len(rows) < len(titles):
        while rows and used + ROW > space:
            used -= _height(rows.pop())
    return rows


def _height(lines: list[str]) -> float:
    return ROW + NAME_LINE * (len(lines) - 1)


def _name(g: Group, x: float, row_y: float, room: float, lines: list[str]) -> float:
    """Draw a wrapped name in a row whose bottom is ``row_y``; return the first baseline."""
    base = row_y + _height(lines) - ROW + 3
    for index, line in enumerate(lines):
        text(g, x, base - index * NAME_LINE, room, line, size=NAME_SIZE)
    return base


def health(data: OnePagerData, g: Group, x: float, top: float, w: float, h: float) -> float:
    """Per active initiative: share of cards done, overdue cards and what is wrong.

    Returns the bottom of what was drawn."""
    blocked = blockers_of(data.roadmap)
    active = data.active
    counts = data.statuses
    y = heading(g, x, top, w, "Progress and health", SECTION, color=ACCENT,
                note="from the board's cards")
    summary = (f"{counts.in_progress:,} in progress · {counts.planned:,} planned · "
               f"{counts.done:,} done · {len(data.at_risk):,} at risk · "
               f"{data.tasks.overdue:,} overdue cards")
    text(g, x, y - 8, w, summary, size=7, color=INK)
    y -= 12
    cols = (Col("Initiative", w - 220), Col("Ends", 40), Col("Forecast", 36),
            Col("Cards done", 58), Col("Overdue", 36, "right"), Col("Health", 50))
    y = header_row(g, x, y, cols, ROW, 6.4)

    def order(view: InitiativeView) -> tuple[object, ...]:
        end = view.initiative.end_date
        return (not view.at_risk, view.id not in blocked, end is None, end or data.today,
                view.initiative.position, view.id)

    rows = sorted(active, key=order)
    if not rows:
        text(g, x + 2, y - ROW + 3, w, "No planned or in-progress initiatives.", size=7.2,
             color=MUTED)
        return y - ROW
    violations = wrap(_violations(data), FONT, 6.8, w - 4, 2)
    names = _named_rows([v.initiative.title for v in rows], cols[0].width - 12,
                        y - (top - h) - len(violations) * ROW)
    shown, more = len(names), len(rows) - len(names)
    for index, (view, lines) in enumerate(zip(rows, names, strict=False)):
        y -= _height(lines)
        row_y = y
        zebra(g, x, row_y, w, _height(lines), index)
        goal = data.roadmap.goal(view.initiative.goal_id)
        cx = x + 2
        base = _name(g, cx + 8, row_y, cols[0].width - 12, lines)
        dot(g, cx + 2.5, base + 2.4, 2.4, goal.colour if goal else None)
        cx = x + cols[0].width
        text(g, cx + 2, base, cols[1].width - 2, short_day(view.initiative.end_date, data.today),
             size=6.6, color=MUTED)
        cx += cols[1].width
        value, tone = _forecast_cell(data, view)
        text(g, cx + 2, base, cols[2].width - 2, value, size=6.6, color=tone)
        cx += cols[2].width
        progress = view.progress
        meter(g, cx + 2, base, 18, 4.5, progress.by_count, colour(goal.colour if goal else None))
        figure = f"{percent(progress.by_count)} of {progress.total}" if progress.total \
            else "no cards"
        text(g, cx + 23, base, cols[3].width - 24, figure, size=6.6)
        cx += cols[3].width
        overdue = progress.overdue
        text(g, cx, base, cols[4].width - 4, f"{overdue:,}" if overdue else "–", size=7.2,
             font=BOLD if overdue else FONT, color=RED if overdue else MUTED,
             align="right")
        cx += cols[4].width
        label, tone = _health_label(view, view.id in blocked)
        text(g, cx + 5, base, cols[5].width - 6, label, font=BOLD, size=6.8, color=tone)
    if more:
        y -= ROW
        hidden_risk = sum(v.at_risk for v in rows[shown:])
        tail = f" ({hidden_risk} at risk)" if hidden_risk else ""
        text(g, x + 10, y + 3, w - 12, f"+ {more:,} more active initiatives{tail}",
             size=7, color=MUTED)
    for line in violations:
        y -= ROW
        text(g, x + 2, y + 3, w - 4, line, size=6.8, color=AMBER)
    return y


def _forecast_cell(data: OnePagerData, view: InitiativeView) -> tuple[str, Colour]:
    """The P85 finish date, red when it is past the end date; "–" without a forecast.

    Its year shows when it differs from the end date's (the column beside it)."""
    found = data.forecasts.get(view.id)
    if found is None or found.forecast is None:
        return "–", MUTED
    p85, end = found.forecast.p85, view.initiative.end_date
    late = end is not None and p85 > end
    return short_day(p85, end or data.today), RED if late else INK


def _violations(data: OnePagerData) -> str:
    """The violated dependencies as "Blocked: A ends after B starts" for one line."""
    by_id = {v.id: v.initiative for v in data.roadmap.initiatives}
    pairs = [(by_id[d.dependency.blocker_id], by_id[d.dependency.blocked_id])
             for d in data.roadmap.dependencies if d.violated]
    if not pairs:
        return ""
    first, second = pairs[0]
    count = f"{len(pairs)} violated dependencies" if len(pairs) > 1 else "Violated dependency"
    line = (f"{count}: “{one_line(first.title)}” ends {short_day(first.end_date, data.today)}, "
            f"after “{one_line(second.title)}” starts {short_day(second.start_date, data.today)}")
    return line + (f"; + {len(pairs) - 1} more" if len(pairs) > 1 else "")


def _health_label(view: InitiativeView, blocked: bool) -> tuple[str, Colour]:
    if view.at_risk:
        return "At risk", RED
    if blocked:
        return "Blocked", AMBER
    if view.status is InitiativeStatus.PLANNED and not view.progress.done:
        return "Not started", MUTED
    return "On track", GREEN


def priorities(data: OnePagerData, g: Group, x: float, top: float, w: float, h: float
               ) -> float:
    """Open initiatives by RICE score, with the inputs behind each score.

    Returns the bottom of what was drawn."""
    open_views = [v for v in data.roadmap.initiatives if v.status not in CLOSED]
    scored = sorted((v for v in open_views if v.rice is not None),
                    key=lambda v: (-(v.rice or 0.0), v.initiative.position, v.id))
    y = heading(g, x, top, w, "Top priorities by RICE", SECTION, color=ACCENT,
                note="reach × impact × confidence ÷ effort")
    unscored = len(open_views) - len(scored)
    text(g, x, y - 8, w, f"{len(scored):,} open initiatives scored"
         + (f" · {unscored:,} without RICE inputs" if unscored else ""), size=7, color=INK)
    y -= 12
    cols = (Col("#", 13, "right"), Col("Initiative", w - 151), Col("Reach", 28, "right"),
            Col("Impact", 30, "right"), Col("Conf.", 26, "right"), Col("Effort", 26, "right"),
            Col("RICE", 28, "right"))
    y = header_row(g, x, y, cols, ROW, 6.4)
    if not scored:
        text(g, x + 2, y - ROW + 3, w, "No open initiative has all four RICE inputs.",
             size=7.2, color=MUTED)
        return y - ROW
    name_room = cols[1].width - 14
    names = _named_rows([v.initiative.title for v in scored], name_room, y - (top - h))
    more = len(scored) - len(names)
    for index, (view, lines) in enumerate(zip(scored, names, strict=False)):
        y -= _height(lines)
        row_y = y
        zebra(g, x, row_y, w, _height(lines), index)
        base = row_y + _height(lines) - ROW + 3
        init = view.initiative
        goal = data.roadmap.goal(init.goal_id)
        cells = (str(index + 1), "", number(init.reach), number(init.impact),
                 f"{number(init.confidence)}%", number(init.effort), number(view.rice))
        cx = x
        for col, value in zip(cols, cells, strict=True):
            if col.title == "Initiative":
                dot(g, cx + 6, base + 2.4, 2.4, goal.colour if goal else None)
                _name(g, cx + 12, row_y, name_room, lines)
            else:
                text(g, cx + 1, base, col.width - 3, value, size=7.2,
                     font=BOLD if col.title == "RICE" else FONT,
                     color=INK if col.title in ("RICE", "#") else MUTED, align=col.align)
            cx += col.width
    if more:
        y -= ROW
        text(g, x + 16, y + 3, w - 18, f"+ {more:,} more scored initiatives", size=7,
             color=MUTED)
    return y
