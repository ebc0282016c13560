"""The PDF sink: pmdesk's shapes (``shapes``) turned into reportlab drawing, the one place
that does it.

``draw_page`` hands a page's ``Group`` to reportlab's ``renderPDF`` as graphics shapes.
``renderPDF`` walks a ``Drawing`` node by node and re-applies the graphics state for each;
for hundreds of pages of cards that costs seconds, so ``CanvasGroup`` accepts the same
``add(shape)`` calls as a ``Group`` and paints each shape on the canvas at once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics import shapes as rl
from reportlab.graphics.renderbase import renderScaledDrawing
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from pmdesk.export.fonts import runs, width
from pmdesk.export.inline import draw_runs
from pmdesk.export.pdf_fonts import registered
from pmdesk.export.shapes import (
    Circle,
    Colour,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    Shape,
    String,
)


@lru_cache(maxsize=512)
def pdf_colour(value: Colour) -> colors.Color:
    """reportlab's colour for ``value`` (alpha left at its default when opaque, so the
    page's graphics state is written as before)."""
    if value.alpha == 1:
        return colors.Color(value.red, value.green, value.blue)
    return colors.Color(value.red, value.green, value.blue, value.alpha)


def _optional(value: Colour | None) -> colors.Color | None:
    return None if value is None else pdf_colour(value)


def _dash(value: Any) -> Any:
    return None if value is None else list(value)


def reportlab_shape(shape: Shape | Group) -> Any:
    """One of pmdesk's shapes (a group with everything in it) as a reportlab shape."""
    if isinstance(shape, Group):
        return rl.Group(*(reportlab_shape(child) for child in shape.contents))
    if isinstance(shape, String):
        return rl.String(shape.x, shape.y, shape.text, fontName=shape.font,
                         fontSize=shape.size, fillColor=pdf_colour(shape.fill),
                         textAnchor=shape.anchor)
    stroke = {"strokeColor": _optional(shape.stroke), "strokeWidth": shape.stroke_width,
              "strokeDashArray": _dash(shape.dash)}
    if isinstance(shape, Rect):
        return rl.Rect(shape.x, shape.y, shape.width, shape.height, rx=shape.rx, ry=shape.ry,
                       fillColor=_optional(shape.fill), **stroke)
    if isinstance(shape, Line):
        return rl.Line(shape.x1, shape.y1, shape.x2, shape.y2, **stroke)
    if isinstance(shape, Circle):
        return rl.Circle(shape.cx, shape.cy, shape.r, fillColor=_optional(shape.fill), **stroke)
    if isinstance(shape, Polygon):
        return rl.Polygon(list(shape.points), fillColor=_optional(shape.fill), **stroke)
    if isinstance(shape, PolyLine):
        return rl.PolyLine(list(shape.points), **stroke)
    raise TypeError(f"cannot draw a {type(shape).__name__} in a PDF")


def draw_text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float,
              anchor: str = "start") -> None:
    """Draw one line at ``x`` (its start, end or middle), switching fonts where the
    characters need another one, in one text object so readers keep it one line."""
    parts = runs(text, font)
    if anchor in ("end", "middle"):
        total = width(text, font, size)
        x -= total if anchor == "end" else total / 2
    if len(parts) == 1 and parts[0][1] == font:
        canvas.setFont(registered(font), size)
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

    def drawString(self, stringObj: rl.String) -> None:  # noqa: N802, N803 (reportlab's names)
        state = self._tracker.getState()
        if self._fill and getattr(stringObj, "textRenderMode", 0) in (0, 2, 4, 6):
            draw_text(self._canvas, stringObj.x, stringObj.y, stringObj.text,
                      state["fontName"], state["fontSize"], state["textAnchor"])


def draw_page(group: Group, canvas: Canvas, page_w: float, page_h: float) -> None:
    """Paint a page's shapes onto the canvas."""
    drawing = rl.Drawing(page_w, page_h, reportlab_shape(group))
    _Renderer().draw(renderScaledDrawing(drawing), canvas, 0, 0)


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
            fill = shape.fill is not None
            if shape.fill is not None:
                self.canvas.setFillColor(pdf_colour(shape.fill))
            stroke = self._stroke(shape)
            self.canvas.circle(shape.cx, shape.cy, shape.r, stroke=stroke, fill=int(fill))
        else:
            raise TypeError(f"cannot paint a {type(shape).__name__} directly")

    def _stroke(self, shape: Rect | Line | Circle) -> int:
        if shape.stroke is None or shape.stroke_width <= 0:
            return 0
        self.canvas.setStrokeColor(pdf_colour(shape.stroke))
        self.canvas.setLineWidth(shape.stroke_width)
        self.canvas.setDash(_dash(shape.dash) or [])
        return 1

    def _rect(self, shape: Rect) -> None:
        fill = shape.fill is not None
        if shape.fill is not None:
            self.canvas.setFillColor(pdf_colour(shape.fill))
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
        self.canvas.setFillColor(pdf_colour(shape.fill))
        draw_text(self.canvas, shape.x, shape.y, shape.text, shape.font, shape.size,
                  shape.anchor)
