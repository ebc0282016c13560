"""The flow document: a board's four flow charts on one landscape page (PDF or image).

The charts are the Flow page's own shapes (``domain.flow_charts``), measured with the
PDF's fonts and handed to reportlab here, so the app, the PDF and the PNG draw the same
bands, bars, dots and percentile lines. ``flow_sheet`` is the page for an image.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from pmdesk.domain import chart_shapes as cs
from pmdesk.domain import flow, flow_charts
from pmdesk.export.cells import Sink, day_text, text
from pmdesk.export.paper import landscape
from pmdesk.export.shapes import Circle, Group, Line, Polygon, Rect, Shape, String
from pmdesk.export.sheet import Sheet
from pmdesk.export.style import (
    ACCENT,
    BOLD,
    FONT,
    MUTED,
    RULE,
    colour,
    one_line,
    page_size,
    width,
)

MARGIN = 28.0
GAP = 12.0
HEADER_H = 44.0
FOOTER_H = 14.0
CHART_TEXT = 7.0
TITLE_SIZE = 9.0


@dataclass(frozen=True, slots=True)
class FlowDocument:
    """What the flow document shows: a board's report and the names around it."""

    report: flow.FlowReport
    board_name: str
    product_name: str = ""
    workspace_name: str = ""
    today: date | None = None


def measure(value: str, size: float, bold: bool = False) -> float:
    return width(value, BOLD if bold else FONT, size)


def page_shape(shape: cs.Shape, height: float) -> Shape:
    """One chart shape (y down) as a page's shape on a page ``height`` tall (y up)."""
    if isinstance(shape, cs.Box):
        return Rect(shape.x, height - shape.y - shape.h, shape.w, shape.h,
                    rx=shape.radius, ry=shape.radius,
                    fill=colour(shape.fill) if shape.fill else None,
                    stroke=colour(shape.stroke) if shape.stroke else None,
                    stroke_width=shape.width if shape.stroke else 0)
    if isinstance(shape, cs.Line):
        return Line(shape.x1, height - shape.y1, shape.x2, height - shape.y2,
                    stroke=colour(shape.colour), stroke_width=shape.width,
                    dash=list(shape.dash) or None)
    if isinstance(shape, cs.Dot):
        return Circle(shape.x, height - shape.y, shape.r, fill=colour(shape.fill),
                      stroke=colour(shape.stroke) if shape.stroke else None,
                      stroke_width=0.6 if shape.stroke else 0)
    if isinstance(shape, cs.Poly):
        points = [v for x, y in shape.points for v in (x, height - y)]
        return Polygon(points, fill=colour(shape.fill),
                       stroke=colour(shape.stroke) if shape.stroke else None,
                       stroke_width=0.5 if shape.stroke else 0)
    return String(shape.x, height - shape.y, one_line(shape.text),
                  font=BOLD if shape.bold else FONT, size=shape.size,
                  fill=colour(shape.colour), anchor=shape.anchor)


class FlowPage:
    """Lays the header, the four charts in a 2 × 2 grid and the footer on one page."""

    def __init__(self, document: FlowDocument, size: tuple[float, float]) -> None:
        self.document = document
        self.page_w, self.page_h = size

    def draw(self, sink: Sink) -> None:
        self.header(sink)
        top = self.page_h - MARGIN - HEADER_H
        bottom = MARGIN + FOOTER_H
        cell_w = (self.page_w - 2 * MARGIN - GAP) / 2
        cell_h = (top - bottom - GAP) / 2
        for index, (title, build) in enumerate(flow_charts.CHARTS):
            x = MARGIN + (index % 2) * (cell_w + GAP)
            y_top = top - (index // 2) * (cell_h + GAP)
            sink.add(Rect(x, y_top - cell_h, cell_w, cell_h, rx=4, ry=4, fill=None,
                          stroke=RULE, stroke_width=0.7))
            text(sink, x + 8, y_top - 6 - TITLE_SIZE, cell_w - 16, title, font=BOLD,
                 size=TITLE_SIZE)
            # the chart's own coordinates grow downwards from the page's top edge
            area = cs.Area(x + 8, self.page_h - y_top + TITLE_SIZE + 10, cell_w - 16,
                           cell_h - TITLE_SIZE - 18)
            picture = build(self.document.report, area, measure, CHART_TEXT)
            for shape in picture.shapes:
                sink.add(page_shape(shape, self.page_h))
        self.footer(sink)

    def header(self, sink: Sink) -> None:
        doc, report = self.document, self.document.report
        top = self.page_h - MARGIN
        room = self.page_w - 2 * MARGIN
        sink.add(Rect(0, self.page_h - 5, self.page_w, 5, fill=ACCENT, stroke=None,
                      stroke_width=0))
        title = f"{one_line(doc.board_name)} — flow"
        if doc.product_name:
            title = f"{one_line(doc.product_name)} · {title}"
        text(sink, MARGIN, top - 13, room, title, font=BOLD, size=14)
        sub = (f"{day_text(report.first)} – {day_text(report.last)} · "
               f"{flow_charts.summary(report)}")
        if doc.today:
            sub += f" · data as of {day_text(doc.today)}"
        text(sink, MARGIN, top - 25, room, sub, size=7.5, color=MUTED)
        y = top - 33
        sink.add(Line(MARGIN, y, self.page_w - MARGIN, y, stroke=RULE, stroke_width=0.6))

    def footer(self, sink: Sink) -> None:
        report = self.document.report
        columns = report.board.columns
        start = (columns[report.board.start_index].name
                 if report.board.start_index < len(columns) else "—")
        line = ("Generated by pmdesk"
                + (f" from {one_line(self.document.workspace_name)}"
                   if self.document.workspace_name else "")
                + f" · work starts in “{one_line(start)}” · cycle time = finished − started + 1"
                  " day · P50/P85/P95: nearest rank over the cards finished in these days")
        text(sink, MARGIN, MARGIN - 12 + FOOTER_H / 2, self.page_w - 2 * MARGIN, line,
             size=6.5, color=MUTED)


def build_flow(document: FlowDocument, pagesize: tuple[float, float] | None = None) -> bytes:
    """The flow document as one landscape PDF page."""
    from reportlab.pdfgen.canvas import Canvas

    from pmdesk.export.painter import draw_page
    from pmdesk.export.pdf_fonts import register_fonts

    register_fonts()
    size = landscape(pagesize or page_size())
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1, pageCompression=1)
    canvas.setTitle(f"{one_line(document.board_name)} — flow")
    canvas.setSubject(f"Flow of the board from {document.report.first.isoformat()} to "
                      f"{document.report.last.isoformat()}")
    canvas.setCreator("pmdesk")
    group = Group()
    FlowPage(document, size).draw(group)
    draw_page(group, canvas, *size)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def flow_sheet(document: FlowDocument) -> Sheet:
    """The flow page for an image: A4 landscape, as the PDF draws it."""
    size = landscape(page_size("a4"))
    page = FlowPage(document, size)
    return Sheet(size[0], size[1], page.draw)
