"""The slip report: what moved on the roadmap since a baseline or a date, on one page.

A landscape page a VP reads in a minute: a headline, five figures (moved later, earlier,
added, removed, scope), then one row per changed initiative, the biggest slips first, with
its reason. Rows that do not fit end in "+ N more"; the CSV has them all.
"""

from __future__ import annotations

import csv
import io
from statistics import median

from reportlab.pdfgen.canvas import Canvas

from pmdesk.domain.baselines import InitiativeChange, Movement, SlipReport, signed_days
from pmdesk.export.cells import Col, day_text, header_row, heading, number, short_day, text, zebra
from pmdesk.export.flow_rows import spreadsheet_safe
from pmdesk.export.painter import draw_page
from pmdesk.export.paper import landscape
from pmdesk.export.pdf_fonts import register_fonts
from pmdesk.export.shapes import Colour, Group, Rect, hex_colour
from pmdesk.export.style import (
    ACCENT,
    BOLD,
    FONT,
    GREEN,
    INK,
    MUTED,
    PANEL,
    RED,
    one_line,
    page_size,
    width,
)

MARGIN = 32.0
ROW = 14.0
BLUE = hex_colour("#1565C0")
MOVEMENT_WORDS = {Movement.MOVED: "moved", Movement.ADDED: "added", Movement.REMOVED: "removed",
                  Movement.CHANGED: "scope/status", Movement.SAME: ""}
CSV_HEADER = ("initiative id", "initiative", "change", "baseline start", "baseline end",
              "current start", "current end", "days moved", "cards change",
              "estimate change", "status then", "status now", "forecast P85", "reason")


def build_slip_report(report: SlipReport, pagesize: tuple[float, float] | None = None) -> bytes:
    """The report as a one-page PDF (the same report gives the same bytes)."""
    register_fonts()
    page_w, page_h = landscape(pagesize or page_size())
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_w, page_h), invariant=1, pageCompression=1)
    canvas.setTitle(f"{one_line(report.product_name)} — what moved since "
                    f"{one_line(report.comparison.label)}")
    canvas.setCreator("pmdesk")
    group = Group()
    _Page(report, group, page_w, page_h).draw()
    draw_page(group, canvas, page_w, page_h)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def slip_csv(report: SlipReport) -> bytes:
    """Every changed initiative, one row each (UTF-8 with a BOM, for spreadsheets)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for change in report.comparison.report_rows():
        before, after = change.before, change.after
        forecast = report.forecasts.get(change.id)
        writer.writerow((
            change.id, spreadsheet_safe(one_line(change.title)), change.movement.value,
            _iso(before.start_date if before else None), _iso(before.end_date if before else None),
            _iso(after.start_date if after else None), _iso(after.end_date if after else None),
            "" if change.days_moved is None else change.days_moved, change.cards_change,
            number(change.estimate_change) if change.estimate_change else 0,
            before.status.value if before else "", after.status.value if after else "",
            _iso(forecast), spreadsheet_safe(one_line(change.reason))))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _iso(day: object) -> str:
    return "" if day is None else day.isoformat()  # type: ignore[attr-defined]


class _Page:
    def __init__(self, report: SlipReport, group: Group, page_w: float, page_h: float) -> None:
        self.report, self.g = report, group
        self.page_w, self.page_h = page_w, page_h
        self.x, self.w = MARGIN, page_w - 2 * MARGIN

    def draw(self) -> None:
        y = self.header(self.page_h - MARGIN)
        y = self.figures(y - 10)
        self.table(y - 14, MARGIN + 16)
        self.footer()

    def header(self, top: float) -> float:
        report, g = self.report, self.g
        comparison = report.comparison
        text(g, self.x, top - 18, self.w, f"What moved since {comparison.label}", font=BOLD,
             size=18, color=INK)
        since = day_text(comparison.since.date())
        text(g, self.x, top - 33, self.w,
             f"{report.product_name} · the roadmap on {day_text(report.today)} against the plan "
             f"of {since}", size=9, color=MUTED)
        return top - 40

    def figures(self, top: float) -> float:
        comparison, g = self.report.comparison, self.g
        slips = comparison.slips()
        earlier = [c for c in comparison.of(Movement.MOVED) if (c.days_moved or 0) < 0]
        cards = sum(c.cards_change for c in comparison.changes)
        estimate = sum(c.estimate_change for c in comparison.changes)
        figures = (
            (str(len(slips)), "moved later",
             f"median {signed_days(round(median(c.slip for c in slips)))}, "
             f"most {signed_days(slips[0].slip)}" if slips else "nothing slipped", RED),
            (str(len(earlier)), "moved earlier", "", GREEN),
            (str(len(comparison.of(Movement.ADDED))), "added", "not in the plan", BLUE),
            (str(len(comparison.of(Movement.REMOVED))), "removed", "dropped from the roadmap",
             MUTED),
            (f"{cards:+,}", "cards", f"estimate {estimate:+,g}" if estimate else
             "linked cards, all initiatives", ACCENT),
        )
        box_w = (self.w - 4 * 10) / len(figures)
        height = 46.0
        for index, (value, label, note, colour_) in enumerate(figures):
            x = self.x + index * (box_w + 10)
            g.add(Rect(x, top - height, box_w, height, fill=PANEL, stroke=None,
                       stroke_width=0))
            g.add(Rect(x, top - height, 3, height, fill=colour_, stroke=None,
                       stroke_width=0))
            text(g, x + 10, top - 22, box_w - 14, value, font=BOLD, size=17, color=colour_)
            shown = width(value, BOLD, 17)
            text(g, x + 16 + shown, top - 20, box_w - 22 - shown, label, font=BOLD, size=8.5,
                 color=INK)
            text(g, x + 10, top - 37, box_w - 14, note, size=7.5, color=MUTED)
        return top - height

    def table(self, top: float, bottom: float) -> None:
        report, g = self.report, self.g
        rows = report.comparison.report_rows()
        has_forecast = bool(report.forecasts)
        fixed = [("Change", 54, "left"), ("Baseline end", 62, "right"),
                 ("Current end", 62, "right"), ("Moved", 44, "right"),
                 ("Cards", 34, "right"), ("Estimate", 42, "right"), ("Status", 92, "left")]
        if has_forecast:
            fixed.append(("P85 forecast", 60, "right"))
        rest = self.w - sum(w for _, w, _ in fixed)
        cols = [Col("Initiative", rest * 0.38)] + [Col(t, w, a) for t, w, a in fixed] + [
            Col("Reason", rest * 0.62)]
        y = heading(g, self.x, top, self.w, "Changes since the plan", 9, color=ACCENT,
                    note="moved most first, then added, removed and scope changes")
        y = header_row(g, self.x, y - 2, cols, ROW, 7)
        if not rows:
            text(g, self.x + 2, y - ROW + 4, self.w, "Nothing changed on the roadmap since.",
                 size=8, color=MUTED)
            return
        room = int((y - bottom) // ROW)
        shown = rows if len(rows) <= room else rows[: max(room - 1, 0)]
        for index, change in enumerate(shown):
            row_y = y - (index + 1) * ROW
            zebra(g, self.x, row_y, self.w, ROW, index)
            cx = self.x
            for col, (value, colour_, bold) in zip(cols, self.cells(change, has_forecast),
                                                   strict=True):
                text(g, cx + 2, row_y + 4, col.width - 5, value, size=7.4, color=colour_,
                     font=BOLD if bold else FONT, align=col.align)
                cx += col.width
        if len(shown) < len(rows):
            more = len(rows) - len(shown)
            text(g, self.x + 2, y - (len(shown) + 1) * ROW + 4, self.w,
                 f"+ {more:,} more changes (all of them in the CSV: "
                 "pmdesk export changes … -o changes.csv)", size=7.4, color=MUTED)

    def cells(self, change: InitiativeChange, has_forecast: bool
              ) -> list[tuple[str, Colour, bool]]:
        today = self.report.today
        before, after = change.before, change.after
        days = change.days_moved
        quiet = days is None or (days == 0 and change.movement is not Movement.MOVED)
        moved = ("" if quiet else signed_days(days or 0),
                 RED if (days or 0) > 0 else GREEN if (days or 0) < 0 else MUTED, True)
        status = change.status_change
        status_text = f"{status[0].label} → {status[1].label}" if status else (
            (after or before).status.label if (after or before) else "")  # type: ignore[union-attr]
        cells = [
            (change.title, INK, change.slip > 0),
            (MOVEMENT_WORDS[change.movement], BLUE if change.movement is Movement.ADDED
             else MUTED, False),
            (short_day(before.end_date if before else None, today), MUTED, False),
            (short_day(after.end_date if after else None, today), INK, False),
            moved,
            (f"{change.cards_change:+d}" if change.cards_change else "", MUTED, False),
            (f"{change.estimate_change:+g}" if change.estimate_change else "", MUTED, False),
            (status_text, INK if status else MUTED, False),
        ]
        if has_forecast:
            forecast = self.report.forecasts.get(change.id)
            late = forecast is not None and after is not None and after.end_date is not None \
                and forecast > after.end_date
            cells.append((short_day(forecast, today) if forecast else "",
                          RED if late else MUTED, False))
        cells.append((change.reason, INK, False))
        return cells

    def footer(self) -> None:
        report = self.report
        text(self.g, self.x, MARGIN - 4, self.w,
             f"pmdesk · {report.workspace_name} · days moved compare end dates; scope counts "
             "the active cards linked to each initiative", size=6.8, color=MUTED)
