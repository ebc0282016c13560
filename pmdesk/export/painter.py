"""Draw graphics shapes straight onto a PDF canvas, for documents with many pages.

``renderPDF`` walks a ``Drawing`` node by node and re-applies the graphics state for each;
for hundreds of pages of cards that costs seconds. ``CanvasGroup`` accepts the same
``add(shape)`` calls as a ``Group`` and paints each shape at once.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.renderbase import renderScaledDrawing
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, Shape, String
from reportlab.pdfgen.canvas import Canvas

from pmdesk.export.fonts import registered, runs, width
from pmdesk.export.inline import draw_runs


def draw_text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float,
              anchor: str = "start") -> None:
    """Draw one line at ``x`` (its start, end or middle), switching fonts where the
    characters need another one, in one text object so readers keep it one line."""
    parts = runs(text, font)
    if anchor in ("end", "middle"):
        total = width(text, font, size)
        x -= total if anchor == "end" else total / 2
    if len(parts) == 1 and parts[0][1] == font:
        canvas.setFont(font, size)
        canvas.drawString(x, y, parts[0][0])
        return
    draw_runs(canvas, x, y, parts, size)


class _Renderer(renderPDF._PDFRenderer):  # type: ignore[misc]
    """reportlab's Drawing renderer, drawing strings with the fallback fonts."""

    def applyStateChanges(  # noqa: N802 (reportlab's names)
        self, delta: dict[str, Any], newState: dict[str, Any]  # noqa: N803
    ) -> None:
        if "fontName" in delta:
            registered(delta["fontName"])  # the renderer selects a shape's font before drawing it
        super().applyStateChanges(delta, newState)

    def drawString(self, stringObj: String) -> None:  # noqa: N802, N803 (reportlab's names)
        state = self._tracker.getState()
        if self._fill and getattr(stringObj, "textRenderMode", 0) in (0, 2, 4, 6):
            draw_text(self._canvas, stringObj.x, stringObj.y, stringObj.text,
                      state["fontName"], state["fontSize"], state["textAnchor"])


def draw_page(group: Group, canvas: Canvas, page_w: float, page_h: float) -> None:
    """Paint a page's shapes onto the canvas."""
    _Renderer().draw(renderScaledDrawing(Drawing(page_w, page_h, group)), canvas, 0, 0)


class CanvasGroup:
    """A stand-in for ``Group`` that paints rectangles, lines, circles and strings."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas

    def add(self, shape: Shape) -> None:
        if isinstance(shape, String):
            self._string(shape)
        elif isinstance(shape, Rect):
            self._rect(shape)
        elif isinstance(shape, Line):
            self._line(shape)
        elif isinstance(shape, Circle):
            fill = shape.fillColor is not None
            if fill:
                self.canvas.setFillColor(shape.fillColor)
            stroke = self._stroke(shape)
            self.canvas.circle(shape.cx, shape.cy, shape.r, stroke=stroke, fill=int(fill))
        else:
            raise TypeError(f"cannot paint a {type(shape).__name__} directly")

    def _stroke(self, shape: Shape) -> int:
        colour = getattr(shape, "strokeColor", None)
        line_width = getattr(shape, "strokeWidth", 0) or 0
        if colour is None or line_width <= 0:
            return 0
        self.canvas.setStrokeColor(colour)
        self.canvas.setLineWidth(line_width)
        dash = getattr(shape, "strokeDashArray", None)
        self.canvas.setDash(dash or [])
        return 1

    def _rect(self, shape: Rect) -> None:
        fill = shape.fillColor is not None
        if fill:
            self.canvas.setFillColor(shape.fillColor)
        stroke = self._stroke(shape)
        if not fill and not stroke:
            return
        if shape.rx:
            self.canvas.roundRect(shape.x, shape.y, shape.width, shape.height, shape.rx,
                                  stroke=stroke, fill=int(fill))
        else:
            self.canvas.rect(shape.x, shape.y, shape.width, shape.height, stroke=stroke,
                             fill=int(fill))

    def _line(self, shape: Line) -> None:
        if self._stroke(shape):
            self.canvas.line(shape.x1, shape.y1, shape.x2, shape.y2)

    def _string(self, shape: String) -> None:
        self.canvas.setFillColor(shape.fillColor)
        draw_text(self.canvas, shape.x, shape.y, shape.text, shape.fontName, shape.fontSize,
                  shape.textAnchor)
