"""The roadmap PDF: the whole timeline of a date range on landscape pages.

The time scale fills the page width; lanes are split across pages with the header, the
legend, the time axis and the milestones repeated on every page. Labels are elided to
the free space after their bar, never drawn over a neighbour.

``roadmap_sheet`` draws the same page for an image: one sheet as tall as its rows, up to
``SHEET_ROWS`` of them (the initiatives of further rows are counted in the header).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pmdesk.domain.enums import InitiativeStatus
from pmdesk.domain.lanes import BAR_GAP, Placement
from pmdesk.domain.routing import route
from pmdesk.domain.snapshots import RoadmapSnapshot
from pmdesk.domain.timescale import add_months, month_start, quarter_start
from pmdesk.export.cells import day_text, text
from pmdesk.export.paper import landscape
from pmdesk.export.shapes import Group, Line, Polygon, PolyLine, Rect
from pmdesk.export.sheet import Sheet
from pmdesk.export.style import (
    ACCENT,
    BOLD,
    FONT,
    MUTED,
    PANEL,
    RED,
    RULE,
    colour,
    one_line,
    page_size,
    width,
)
from pmdesk.export.timeline import (
    Bar,
    Metrics,
    PageScale,
    Row,
    draw_axis,
    draw_bar,
    draw_legend,
    draw_milestones,
    draw_today,
    milestone_rows,
    obstacles,
    pack,
)

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

MARGIN = 28.0
LANE_LABEL = 118.0
METRICS = Metrics(row=17.0, bar=13.0, font=7.4, tier=12.0, tier_font=7.6, lane_font=8.0,
                  min_label_room=16.0)
MILESTONE_ROWS = 3
MILESTONE_ROW = 11.0
MILESTONE_FONT = 6.8
SHEET_ROWS = 90


def default_range(snapshot: RoadmapSnapshot) -> tuple[date, date]:
    """First and last day of the months spanned by the scheduled initiatives.

    Without any, the current quarter and the three after it.
    """
    spans = [
        (v.initiative.start_date, v.initiative.end_date)
        for v in snapshot.initiatives
        if v.initiative.start_date and v.initiative.end_date
        and v.initiative.status is not InitiativeStatus.DROPPED
    ]
    if not spans:
        start = quarter_start(snapshot.today)
        return start, add_months(start, 12) - timedelta(days=1)
    first = month_start(min(s for s, _ in spans))
    last = add_months(month_start(max(e for _, e in spans)), 1)
    return first, last - timedelta(days=1)


def resolve_range(snapshot: RoadmapSnapshot, start: date | None, end: date | None
                  ) -> tuple[date, date]:
    """Fill in a missing end of the range from the initiatives' span (or a year)."""
    first, last = default_range(snapshot)
    if start is None:
        start = first if end is None or first <= end else add_months(month_start(end), -11)
    if end is None:
        end = last if last >= start else add_months(month_start(start), 12) - timedelta(days=1)
    return start, end


def build_roadmap(
    snapshot: RoadmapSnapshot,
    pagesize: tuple[float, float] | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
    workspace_name: str = "",
) -> bytes:
    """Render the roadmap from ``start`` to ``end`` (inclusive; default: its whole span)."""
    from reportlab.pdfgen.canvas import Canvas

    from pmdesk.export.pdf_fonts import register_fonts

    register_fonts()
    start, end = resolve_range(snapshot, start, end)
    if end < start:
        raise ValueError("the roadmap's end date is before its start date")
    size = landscape(pagesize or page_size())
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1, pageCompression=1)
    name = one_line(snapshot.product.name)
    canvas.setTitle(f"{name} — roadmap {start.isoformat()} to {end.isoformat()}")
    canvas.setSubject(f"Roadmap, data as of {snapshot.today.isoformat()}")
    canvas.setCreator("pmdesk")
    _RoadmapPages(snapshot, size, start, end + timedelta(days=1), workspace_name).render(canvas)
    canvas.save()
    return buffer.getvalue()


def roadmap_sheet(snapshot: RoadmapSnapshot, *, start: date | None = None,
                  end: date | None = None, workspace_name: str = "") -> Sheet:
    """The roadmap's page as one sheet of A4-landscape width, as tall as its rows."""
    start, end = resolve_range(snapshot, start, end)
    if end < start:
        raise ValueError("the roadmap's end date is before its start date")
    page_w = landscape(page_size("a4"))[0]
    pages = _RoadmapPages(snapshot, (page_w, 0.0), start, end + timedelta(days=1),
                          workspace_name, max_rows=SHEET_ROWS)
    head = -pages.lanes_top()  # everything above the lanes, with the page's top at 0
    pages.page_h = head + max(1, len(pages.rows)) * METRICS.row + MARGIN + 14
    page = _Page(pages.rows)
    return Sheet(page_w, pages.page_h, lambda sink: sink.add(pages.page(page, None)))


def bar_placements(snapshot: RoadmapSnapshot, *, start: date | None = None,
                   end: date | None = None) -> dict[int, Placement]:
    """Where the PDF puts each initiative's bar: its lane, its row there and its extent as
    a share of the time axis (0 at the range's start, 1 after its last day)."""
    start, end = resolve_range(snapshot, start, end)
    pages = _RoadmapPages(snapshot, landscape(page_size()), start, end + timedelta(days=1), "")
    scale = pages.scale
    placed: dict[int, Placement] = {}
    row_in_lane = 0
    for row in pages.rows:
        row_in_lane = 0 if row.first else row_in_lane + 1
        for bar in row.bars:
            placed[bar.view.id] = Placement(row.lane_id, row_in_lane,
                                            (bar.x0 - scale.x0) / scale.width,
                                            (bar.x1 - scale.x0) / scale.width)
    return placed


@dataclass(slots=True)
class _Page:
    rows: list[Row] = field(default_factory=list)


class _RoadmapPages:
    def __init__(self, snapshot: RoadmapSnapshot, size: tuple[float, float], start: date,
                 end: date, workspace_name: str, max_rows: int | None = None) -> None:
        self.snapshot = snapshot
        self.page_w, self.page_h = size
        self.x = MARGIN
        self.w = self.page_w - 2 * MARGIN
        self.workspace_name = workspace_name
        self.scale = PageScale(start, end, self.x + LANE_LABEL, self.w - LANE_LABEL)
        views = [v for v in snapshot.initiatives
                 if v.initiative.status is not InitiativeStatus.DROPPED]
        # Rows as the window packs them, so the page and the window look alike.
        self.rows = pack(snapshot, self.scale, views, METRICS, gap=BAR_GAP, percent=True)
        shown = sum(len(r.bars) for r in self.rows)
        unscheduled = sum(not v.initiative.scheduled for v in views)
        self.notes = []
        if unscheduled:
            self.notes.append(f"{unscheduled:,} without dates")
        outside = len(views) - unscheduled - shown
        if outside:
            self.notes.append(f"{outside:,} outside this range")
        if max_rows is not None and len(self.rows) > max_rows:
            self.rows = self.rows[:max_rows]
            below = shown - sum(len(r.bars) for r in self.rows)
            shown -= below
            self.notes.append(f"{below:,} in further rows (the PDF export has every row)")
        self.shown = shown
        placed = milestone_rows(snapshot.milestones, self.scale, MILESTONE_FONT, MILESTONE_ROWS)
        self.milestone_rows = max(1, len(placed[0]))

    # ----- pagination
    def chart_top(self) -> float:
        return self.page_h - MARGIN - 34 - self.legend_height()

    def legend_height(self) -> float:
        return 12.0 * (len(self.goal_lines()) + 1)

    def goal_lines(self) -> list[list[tuple[str, str]]]:
        """Goal chips (colour, name) wrapped over as few lines as the width needs."""
        lines: list[list[tuple[str, str]]] = [[]]
        start = width("Goals", BOLD, 7.2) + 10
        used = start
        for goal in self.snapshot.goals:
            label = one_line(goal.name)
            need = min(width(label, FONT, 7.2), 150) + 22
            if used + need > self.w and lines[-1]:
                lines.append([])
                used = start
            lines[-1].append((goal.colour, label))
            used += need
        return lines

    def lanes_top(self) -> float:
        return self.chart_top() - 9 - 2 * METRICS.tier - self.milestone_rows * MILESTONE_ROW

    def paginate(self) -> list[_Page]:
        bottom = MARGIN + 14
        per_page = max(1, int((self.lanes_top() - bottom) // METRICS.row))
        pages = [_Page()]
        for index, row in enumerate(self.rows):
            page = pages[-1]
            left = per_page - len(page.rows)
            lane_left = sum(1 for r in self.rows[index:] if r.lane_index == row.lane_index)
            if left == 0 or (row.first and left < 2 <= lane_left and page.rows):
                pages.append(_Page())
                page = pages[-1]
            page.rows.append(row)
        return pages

    # ----- drawing
    def render(self, canvas: Canvas) -> None:
        from pmdesk.export.painter import draw_page

        pages = self.paginate()
        for number, page in enumerate(pages, start=1):
            group = self.page(page, f"Page {number} of {len(pages)}")
            draw_page(group, canvas, self.page_w, self.page_h)
            canvas.showPage()

    def page(self, page: _Page, page_label: str | None) -> Group:
        group = Group()
        self.header(group, page_label)
        self.chart(group, page)
        self.footer(group)
        return group

    def header(self, g: Group, page_label: str | None) -> None:
        top = self.page_h - MARGIN
        g.add(Rect(0, self.page_h - 5, self.page_w, 5, fill=ACCENT, stroke=None,
                   stroke_width=0))
        scale = self.scale
        right = 0.0
        if page_label:
            right = width(page_label, FONT, 7.5)
            text(g, self.x + self.w - right, top - 11, right, page_label, size=7.5,
                 color=MUTED)
        text(g, self.x, top - 13, self.w - right - 20,
                       f"{one_line(self.snapshot.product.name)} — roadmap", font=BOLD, size=14)
        last = scale.end - timedelta(days=1)
        sub = (f"{day_text(scale.start)} – {day_text(last)} · {self.shown:,} initiatives · "
               f"data as of {day_text(self.snapshot.today)}")
        if self.notes:
            sub += " · not shown: " + ", ".join(self.notes)
        text(g, self.x, top - 25, self.w, sub, size=7.5, color=MUTED)
        y = top - 34
        for index, chips in enumerate(self.goal_lines()):
            y -= 12
            cursor = self.x
            if index == 0:
                cursor += text(g, cursor, y + 2, 40, "Goals", font=BOLD, size=7.2, color=ACCENT)
            cursor += 10
            for hex_colour, label in chips:
                g.add(Rect(cursor, y + 1.2, 9, 7, fill=colour(hex_colour),
                           stroke=None, stroke_width=0))
                cursor += 13 + text(g, cursor + 13, y + 2, 150, label, size=7.2) + 9
            if not chips:
                text(g, cursor, y + 2, 200, "No goals yet", size=7.2, color=MUTED)
        y -= 12
        draw_legend(g, self.x + width("Goals", BOLD, 7.2) + 10, y + 2, self.w, 7.0)

    def chart(self, g: Group, page: _Page) -> None:
        scale = self.scale
        top = self.chart_top()
        axis_top = top - 9
        rows_bottom = self.lanes_top() - len(page.rows) * METRICS.row
        back = Group()
        g.add(back)
        under_axis = draw_axis(g, scale, axis_top, METRICS, rows_bottom)
        text(g, self.x + 2, under_axis - MILESTONE_ROW + 3, LANE_LABEL - 6, "Milestones",
             font=BOLD, size=7.2, color=MUTED)
        _, hidden = draw_milestones(g, scale, self.snapshot.milestones, under_axis,
                                    MILESTONE_ROW, MILESTONE_FONT, MILESTONE_ROWS, rows_bottom)
        if not self.snapshot.milestones:
            text(g, scale.x0 + 4, under_axis - MILESTONE_ROW + 3, scale.width, "none",
                 size=MILESTONE_FONT, color=MUTED)
        if hidden:
            text(g, self.x + 2, under_axis - 2 * MILESTONE_ROW + 3, LANE_LABEL - 6,
                 f"+ {hidden} more", size=6.8, color=MUTED)
        y = self.lanes_top()
        g.add(Line(self.x, y, self.x + self.w, y, stroke=RULE, stroke_width=0.6))
        placed: dict[int, tuple[Bar, float]] = {}
        runs = _runs(page.rows)
        for run in runs:
            band_h = len(run) * METRICS.row
            if run[0].lane_index % 2 == 0:
                back.add(Rect(self.x, y - band_h, self.w, band_h, fill=PANEL,
                           stroke=None, stroke_width=0))
            self.lane_label(g, run, y)
            for index, row in enumerate(run):
                row_y = y - (index + 1) * METRICS.row + (METRICS.row - METRICS.bar) / 2
                for bar in row.bars:
                    draw_bar(g, bar, row_y, METRICS)
                    placed[bar.view.id] = (bar, row_y)
            y -= band_h
            g.add(Line(self.x, y, self.x + self.w, y, stroke=RULE, stroke_width=0.6))
        self.connectors(g, placed)
        draw_today(g, scale, self.snapshot.today, axis_top, y, 7.0)

    def lane_label(self, g: Group, run: Sequence[Row], top: float) -> None:
        row = run[0]
        name = row.lane + ("" if row.first else " (continued)")
        base = top - METRICS.row + (METRICS.row - METRICS.lane_font) / 2 + 1
        text(g, self.x + 4, base, LANE_LABEL - 10, name, font=BOLD, size=METRICS.lane_font)
        if len(run) > 1:
            count = sum(len(r.bars) for r in run)
            text(g, self.x + 4, base - METRICS.row * 0.62, LANE_LABEL - 10,
                 f"{count:,} initiative{'s' if count != 1 else ''}", size=6.6, color=MUTED)

    def connectors(self, g: Group, placed: dict[int, tuple[Bar, float]]) -> None:
        """A red dashed arrow from each late blocker's end to the start it holds up, routed
        through the gaps between rows so it crosses no bar and no title."""
        boxes = [box for bar, row_y in placed.values() for box in obstacles(bar, row_y, METRICS)]
        # Half-way into the gap beside the target's row: clear of bars and of the lane rules.
        half_gap = (METRICS.row - METRICS.bar) / 4
        mid = METRICS.bar / 2
        for dep in self.snapshot.dependencies:
            if not dep.violated:
                continue
            blocker = placed.get(dep.dependency.blocker_id)
            blocked = placed.get(dep.dependency.blocked_id)
            if blocker is None or blocked is None:
                continue
            (source, source_y), (target, target_y) = blocker, blocked
            gutter = (target_y + METRICS.bar + half_gap if source_y >= target_y
                      else target_y - half_gap)
            points = route((source.x1, source_y + mid), (target.x0, target_y + mid), gutter,
                           boxes)
            g.add(PolyLine([c for point in points for c in point], stroke=RED,
                           stroke_width=0.9, dash=[2, 1.5]))
            x2, y2 = points[-1]
            g.add(Polygon([x2, y2, x2 - 4, y2 + 2.2, x2 - 4, y2 - 2.2], fill=RED,
                          stroke=None, stroke_width=0))

    def footer(self, g: Group) -> None:
        y = MARGIN - 12
        left = "Generated by pmdesk" + (
            f" from {one_line(self.workspace_name)}" if self.workspace_name else "")
        left += (" · bars: planned dates, tinted by goal; red dashed arrow: a dependency whose"
                 " blocker ends after the blocked initiative starts")
        text(g, self.x, y, self.w, left, size=6.5, color=MUTED)


def _runs(rows: Sequence[Row]) -> list[list[Row]]:
    """Consecutive rows of the same lane."""
    runs: list[list[Row]] = []
    for row in rows:
        if runs and runs[-1][0].lane_index == row.lane_index:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs
