"""The product one-pager: exactly one page, whatever the data.

Every section gets a height budget measured top-down; text is cut with an ellipsis and
lists end with "+ N more" instead of spilling onto a second page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from pmdesk.domain.report import OnePagerData, OverallStatus
from pmdesk.export import onepager_parts as parts
from pmdesk.export.cells import day_text, heading, percent, text
from pmdesk.export.onepager_since import since_block
from pmdesk.export.painter import draw_page
from pmdesk.export.paragraphs import fit_paragraph, style, tagged
from pmdesk.export.pdf_fonts import register_fonts
from pmdesk.export.shapes import WHITE, Group, Line, Rect, String
from pmdesk.export.style import (
    ACCENT,
    AMBER,
    BOLD,
    FONT,
    GREEN,
    INK,
    ITALIC,
    MUTED,
    PANEL,
    RED,
    RULE,
    colour,
    elide,
    one_line,
    page_size,
    width,
)

MARGIN = 30.0
GUTTER = 16.0
GAP = 9.0
PAD = 6.0
NOT_DOING_LABEL = 64.0
STATUS_COLOURS = {OverallStatus.ON_TRACK: GREEN, OverallStatus.AT_RISK: AMBER,
                  OverallStatus.OFF_TRACK: RED}


def build_onepager(data: OnePagerData, pagesize: tuple[float, float] | None = None) -> bytes:
    """Render the one-pager and return the PDF's bytes (the same data gives the same bytes)."""
    register_fonts()
    pagesize = pagesize or page_size()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pagesize, invariant=1, pageCompression=1)
    product = one_line(data.product.name)
    canvas.setTitle(f"{product} — product one-pager")
    canvas.setAuthor(one_line(data.owner.name) if data.owner else "pmdesk")
    canvas.setSubject(f"Product one-pager, data as of {data.today.isoformat()}")
    canvas.setCreator("pmdesk")
    _OnePager(data, canvas, pagesize).draw()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@dataclass(slots=True)
class _Placed:
    para: Paragraph
    x: float
    y: float


class _OnePager:
    def __init__(self, data: OnePagerData, canvas: Canvas,
                 pagesize: tuple[float, float]) -> None:
        self.data = data
        self.canvas = canvas
        self.page_w, self.page_h = pagesize
        self.x = MARGIN
        self.w = self.page_w - 2 * MARGIN
        self.group = Group()
        self.paragraphs: list[_Placed] = []
        self.body = style("body", 8, leading=10.2)
        self.label = style("label", 6.8, font=BOLD, color=ACCENT)

    # ----- composition
    def draw(self) -> None:
        top = self.page_h - MARGIN
        usable = top - MARGIN
        y = self.header(top)
        y = self.kpis(y - GAP)
        y = self.strategy(y - GAP, usable * 0.19)
        y = self.goals(y - GAP, usable * 0.1)
        bottom = self.footer(MARGIN)
        not_doing = self.not_doing_box(usable * 0.075)
        floor = bottom + 6 + not_doing[1] + GAP
        room = y - GAP - floor
        chart_h = max(110.0, min(room * 0.5, usable * 0.27))
        tables_top = parts.MiniRoadmap(self.data, self.group, self.x, self.w).draw(
            y - GAP, chart_h) - GAP
        left_w = (self.w - GUTTER) * 0.545  # its name column is the narrower of the two
        right_w = self.w - GUTTER - left_w
        tables_h = tables_top - floor
        right_x, right_top = self.x + left_w + GUTTER, tables_top
        if self.data.since is not None:
            right_top = since_block(self.data.since, self.group, right_x, tables_top,
                                    right_w) - GAP
        lowest = min(
            parts.health(self.data, self.group, self.x, tables_top, left_w, tables_h),
            parts.priorities(self.data, self.group, right_x, right_top, right_w,
                             tables_h - (tables_top - right_top)),
        )
        self.place_not_doing(not_doing, lowest - GAP)
        draw_page(self.group, self.canvas, self.page_w, self.page_h)
        for placed in self.paragraphs:
            placed.para.drawOn(self.canvas, placed.x, placed.y)

    def place(self, text_value: str, st: ParagraphStyle, x: float, top: float, w: float,
              max_h: float) -> float:
        """Fit user text under ``top``; return the height it takes."""
        para, height = fit_paragraph(text_value, st, w, max_h)
        self.paragraphs.append(_Placed(para, x, top - height))
        return height

    # ----- header
    def header(self, top: float) -> float:
        product = self.data.product
        right_w = 172.0
        left_w = self.w - right_w - GUTTER
        g = self.group
        g.add(Rect(0, self.page_h - 6, self.page_w, 6, fill=ACCENT, stroke=None,
                   stroke_width=0))
        name = one_line(product.name) or "Untitled product"
        size = 20.0
        while size > 13 and width(name, BOLD, size) > left_w:
            size -= 1
        text(g, self.x, top - size * 0.8, left_w, name, font=BOLD, size=size)
        left_bottom = top - size * 1.05
        if one_line(product.tagline):
            tagline = style("tagline", 9.5, font=ITALIC, color=MUTED, leading=11.5)
            left_bottom -= 3 + self.place(product.tagline, tagline, self.x, left_bottom - 3,
                                          left_w, 23.5)
        right_bottom = self.facts(self.x + self.w - right_w, top, right_w)
        y = min(left_bottom, right_bottom) - 5
        g.add(Line(self.x, y, self.x + self.w, y, stroke=RULE, stroke_width=0.8))
        return y

    def facts(self, x: float, top: float, w: float) -> float:
        """Status pill and owner, date and workspace, right-aligned."""
        g = self.group
        status = self.data.status
        caption = status.label.upper()
        pill_w = width(caption, BOLD, 7.5) + 14
        g.add(Rect(x + w - pill_w, top - 13, pill_w, 13, rx=6.5, ry=6.5,
                   fill=STATUS_COLOURS[status], stroke=None, stroke_width=0))
        g.add(String(x + w - pill_w / 2, top - 9.6, caption, font=BOLD, size=7.5,
                     fill=WHITE, anchor="middle"))
        text(g, x, top - 9.6, w - pill_w - 6, "Overall status", size=7, color=MUTED,
             align="right")
        owner = one_line(self.data.owner.name) if self.data.owner else "No owner"
        rows = (("Owner", owner), ("Data as of", day_text(self.data.today)),
                ("Workspace", one_line(self.data.workspace_name)))
        y = top - 13
        for caption_text, value in rows:
            y -= 10
            shown = text(g, x + 52, y, w - 52, value, size=7.2, align="right")
            text(g, x, y, w - shown - 6, caption_text, size=7.2, color=MUTED, align="right")
        return y - 3

    # ----- key figures
    def kpis(self, top: float) -> float:
        data = self.data
        counts = data.statuses
        at_risk = len(data.at_risk)
        tiles = (
            (f"{counts.active:,}", "active initiatives",
             f"{counts.in_progress:,} in progress · {counts.planned:,} planned",
             INK),
            (percent(data.tasks.done_share), "of cards done",
             f"{data.tasks.done:,} of {data.tasks.total:,} cards", INK),
            (f"{at_risk:,}", "initiatives at risk", "late or past their end", RED if at_risk
             else GREEN),
            (f"{data.tasks.overdue:,}", "overdue cards", "open, past their due date",
             RED if data.tasks.overdue else GREEN),
            (f"{data.violated:,}", "violated dependencies", "a blocker ends too late",
             RED if data.violated else GREEN),
        )
        g = self.group
        gap = 6.0
        tile_w = (self.w - gap * (len(tiles) - 1)) / len(tiles)
        h = 40.0
        for index, (value, caption, note, tone) in enumerate(tiles):
            x = self.x + index * (tile_w + gap)
            g.add(Rect(x, top - h, tile_w, h, fill=PANEL, stroke=None, stroke_width=0))
            g.add(Rect(x, top - h, 2.2, h, fill=tone, stroke=None, stroke_width=0))
            text(g, x + 8, top - 15, tile_w - 12, value, font=BOLD, size=13, color=tone)
            text(g, x + 8, top - 26, tile_w - 12, caption, font=BOLD, size=6.8, color=INK)
            text(g, x + 8, top - 35, tile_w - 12, note, size=6.3, color=MUTED)
        return top - h

    # ----- strategy
    def strategy(self, top: float, budget: float) -> float:
        product = self.data.product
        col_w = (self.w - GUTTER) / 2
        cells = (
            (("Vision", product.vision), ("Problem", product.problem)),
            (("Target customers", product.target_customers),
             ("Value proposition", product.value_proposition)),
        )
        y = top
        row_budget = budget / 2 - 4
        for row in cells:
            used = 0.0
            for column, (title, body) in enumerate(row):
                x = self.x + column * (col_w + GUTTER)
                label = heading(self.group, x, y, col_w, title, 6.8, color=ACCENT)
                head_h = y - label
                value = body if one_line(body) else "Not written yet."
                h = self.place(value, self.body, x, label, col_w, row_budget - head_h)
                used = max(used, head_h + h)
            y -= used + 6
        return y + 6

    # ----- goals
    def goals(self, top: float, budget: float) -> float:
        goals = self.data.roadmap.goals
        product = self.data.product
        g = self.group
        y = heading(g, self.x, top, self.w, "Goals and targets", 6.8, color=ACCENT,
                    note=f"{len(goals)} goal{'s' if len(goals) != 1 else ''} · colours used"
                         " in the roadmap")
        row_h = 11.0
        metrics_h = 21.0 if one_line(product.success_metrics) else 0.0
        rows = max(1, int((y - (top - budget) - metrics_h) // row_h))
        per_row = 2
        capacity = rows * per_row
        shown = list(goals)
        more = 0
        if len(shown) > capacity:
            more = len(shown) - (capacity - 1)
            shown = shown[: capacity - 1]
        col_w = (self.w - GUTTER) / per_row
        if not goals:
            text(g, self.x, y - 8, self.w, "No goals yet: add them on the Product page.",
                 size=7.5, color=MUTED)
        for index, goal in enumerate(shown):
            x = self.x + (index % per_row) * (col_w + GUTTER)
            base = y - (index // per_row + 1) * row_h + 2.5
            g.add(Rect(x, base - 0.5, 7, 7, fill=colour(goal.colour), stroke=None,
                       stroke_width=0))
            name_w = text(g, x + 11, base, col_w * 0.42, one_line(goal.name), font=BOLD, size=7.5)
            target = one_line(goal.target)
            metric = one_line(goal.metric)
            target_w = width(target, BOLD, 7.5) if target else 0.0
            room = col_w - 11 - name_w - 8
            if metric:
                metric_room = room - (target_w + 14 if target else 0)
                shown_w = text(g, x + 19 + name_w, base, metric_room, metric, size=7.5,
                               color=MUTED)
                if target:
                    arrow = x + 19 + name_w + shown_w + 3
                    text(g, arrow, base, 10, "→", size=7.5, color=MUTED)
                    text(g, arrow + 11, base, x + col_w - arrow - 11, target, font=BOLD,
                         size=7.5, color=colour(goal.colour))
            elif target:
                text(g, x + 19 + name_w, base, room, target, font=BOLD, size=7.5,
                     color=colour(goal.colour))
        if more:
            index = len(shown)
            x = self.x + (index % per_row) * (col_w + GUTTER)
            base = y - (index // per_row + 1) * row_h + 2.5
            text(g, x + 11, base, col_w - 11, f"+ {more} more goals", size=7.5, color=MUTED)
        lines = (len(shown) + (1 if more else 0) + per_row - 1) // per_row or 1
        y -= lines * row_h + 2
        if metrics_h:
            self.success_metrics(y)
            y -= metrics_h
        return y

    def success_metrics(self, top: float) -> None:
        """One or two lines after a bold caption, cut with an ellipsis."""
        prefix = f"<font name='{BOLD}' color='#24476B'>Success metrics:</font> "
        st = style("metrics", 7.5, leading=9.5, color=INK)
        source = one_line(self.data.product.success_metrics)
        para = Paragraph(prefix + tagged(source, FONT, 7.5), st)
        h = para.wrap(self.w, 100)[1]
        if h > 19.5:
            low, high = 0, len(source)
            while low < high:
                mid = (low + high + 1) // 2
                candidate = Paragraph(prefix + tagged(source[:mid].rstrip() + "…", FONT, 7.5), st)
                if candidate.wrap(self.w, 100)[1] <= 19.5:
                    low = mid
                else:
                    high = mid - 1
            para = Paragraph(prefix + tagged(source[:low].rstrip() + "…", FONT, 7.5), st)
            h = para.wrap(self.w, 100)[1]
        self.paragraphs.append(_Placed(para, self.x, top - h))

    # ----- bottom
    def not_doing_box(self, budget: float) -> tuple[Paragraph, float]:
        """The "not doing" text fitted to its budget, and the height of its panel."""
        value = self.data.product.not_doing
        para, h = fit_paragraph(value if one_line(value) else "Nothing listed yet.",
                                self.body, self.w - NOT_DOING_LABEL - 2 * PAD, budget - 2 * PAD)
        return para, max(h, 10.2) + 2 * PAD

    def place_not_doing(self, box: tuple[Paragraph, float], top: float) -> None:
        g = self.group
        para, box_h = box
        bottom = top - box_h
        g.add(Rect(self.x, bottom, self.w, box_h, fill=PANEL, stroke=None,
                   stroke_width=0))
        g.add(Rect(self.x, bottom, 2.2, box_h, fill=MUTED, stroke=None,
                   stroke_width=0))
        text(g, self.x + PAD + 2, top - PAD - 7, NOT_DOING_LABEL, "NOT DOING", font=BOLD,
             size=6.8, color=ACCENT)
        h = para.wrap(self.w - NOT_DOING_LABEL - 2 * PAD, box_h)[1]
        self.paragraphs.append(_Placed(para, self.x + PAD + NOT_DOING_LABEL, top - PAD - h))

    def footer(self, bottom: float) -> float:
        g = self.group
        y = bottom - 12
        left = (f"{one_line(self.data.product.name)} · product one-pager · "
                f"generated by pmdesk from {one_line(self.data.workspace_name)}")
        right = f"Data as of {day_text(self.data.today)} · page 1 of 1"
        right_w = width(right, FONT, 6.5)
        text(g, self.x + self.w - right_w, y, right_w, right, size=6.5, color=MUTED)
        text(g, self.x, y, self.w - right_w - 12, elide(left, FONT, 6.5, self.w - right_w - 12),
             size=6.5, color=MUTED)
        return bottom
