"""Draw graphics shapes straight onto a PDF canvas, for documents with many pages.

``renderPDF`` walks a ``Drawing`` node by node and re-applies the graphics state for each;
for hundreds of pages of cards that costs seconds. ``CanvasGroup`` accepts the same
``add(shape)`` calls as a ``Group`` and paints each shape at once.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Line, Rect, Shape, String
from reportlab.pdfgen.canvas import Canvas


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
        canvas = self.canvas
        canvas.setFont(shape.fontName, shape.fontSize)
        canvas.setFillColor(shape.fillColor)
        if shape.textAnchor == "end":
            canvas.drawRightString(shape.x, shape.y, shape.text)
        elif shape.textAnchor == "middle":
            canvas.drawCentredString(shape.x, shape.y, shape.text)
        else:
            canvas.drawString(shape.x, shape.y, shape.text)
