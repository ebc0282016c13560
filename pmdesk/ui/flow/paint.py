"""Paint chart shapes with QPainter: the Flow page's charts and the flow document's PNG."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from pmdesk.domain.chart_shapes import Box, Dot, Line, Measure, Poly, Shape, Text
from pmdesk.ui.text import shown


class QtFonts:
    """Fonts of a base family by pixel size and weight, with their metrics, made once."""

    def __init__(self, base: QFont | None = None) -> None:
        self.base = QFont(base) if base is not None else QFont()
        self._fonts: dict[tuple[float, bool], tuple[QFont, QFontMetricsF]] = {}

    def get(self, size: float, bold: bool) -> tuple[QFont, QFontMetricsF]:
        key = (round(size, 2), bold)
        found = self._fonts.get(key)
        if found is None:
            font = QFont(self.base)
            font.setPixelSize(max(1, round(size)))
            font.setWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
            found = self._fonts[key] = (font, QFontMetricsF(font))
        return found

    def measure(self) -> Measure:
        def width(text: str, size: float, bold: bool = False) -> float:
            return self.get(size, bold)[1].horizontalAdvance(text)

        return width


def paint_shapes(painter: QPainter, shapes: Iterable[Shape], fonts: QtFonts) -> None:
    """Draw shapes in their own coordinates (the painter's transform places them).

    A chart has thousands of shapes, most of them alike: pens, brushes and fonts are set
    only when they change, and a run of lines in one pen goes to Qt in one call.
    """
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    state = _PainterState(painter)
    lines: list[QLineF] = []
    for shape in shapes:
        if isinstance(shape, Line):
            if lines and not state.has_pen(shape.colour, shape.width, shape.dash):
                painter.drawLines(lines)
                lines.clear()
            state.pen(shape.colour, shape.width, shape.dash)
            lines.append(QLineF(shape.x1, shape.y1, shape.x2, shape.y2))
            continue
        if lines:
            painter.drawLines(lines)
            lines.clear()
        if isinstance(shape, Dot):
            state.pen(shape.stroke, 1.0)
            state.brush(shape.fill)
            painter.drawEllipse(QPointF(shape.x, shape.y), shape.r, shape.r)
        elif isinstance(shape, Box):
            state.pen(shape.stroke, shape.width)
            state.brush(shape.fill)
            rect = QRectF(shape.x, shape.y, shape.w, shape.h)
            if shape.radius:
                painter.drawRoundedRect(rect, shape.radius, shape.radius)
            else:
                painter.drawRect(rect)
        elif isinstance(shape, Poly):
            state.pen(shape.stroke, 0.8)
            state.brush(shape.fill)
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in shape.points]))
        elif isinstance(shape, Text):
            font, metrics = fonts.get(shape.size, shape.bold)
            text = shown(shape.text)
            x = shape.x
            if shape.anchor != "start":
                advance = metrics.horizontalAdvance(text)
                x -= advance if shape.anchor == "end" else advance / 2
            state.font(font)
            state.pen(shape.colour, 1.0)
            painter.drawText(QPointF(x, shape.y), text)
    if lines:
        painter.drawLines(lines)


class _PainterState:
    """The painter's pen, brush and font, changed only when a shape needs others."""

    def __init__(self, painter: QPainter) -> None:
        self.painter = painter
        self._colours: dict[str, QColor] = {}
        self._pens: dict[tuple[str, float, tuple[float, ...]], QPen] = {}
        self._pen: tuple[str | None, float, tuple[float, ...]] | None = None
        self._brush: str | None | bool = False  # False: not set yet
        self._font: QFont | None = None

    def colour(self, name: str) -> QColor:
        found = self._colours.get(name)
        if found is None:
            found = self._colours[name] = QColor(name)
        return found

    def has_pen(self, name: str | None, width: float, dash: tuple[float, ...] = ()) -> bool:
        return self._pen == (name, width, dash)

    def pen(self, name: str | None, width: float, dash: tuple[float, ...] = ()) -> None:
        key = (name, width, dash)
        if self._pen == key:
            return
        self._pen = key
        if name is None:
            self.painter.setPen(Qt.PenStyle.NoPen)
            return
        pen = self._pens.get((name, width, dash))
        if pen is None:
            pen = self._pens[(name, width, dash)] = QPen(self.colour(name), width)
            if dash:
                pen.setDashPattern([d / max(width, 0.1) for d in dash])
        self.painter.setPen(pen)

    def brush(self, name: str | None) -> None:
        if self._brush != name:
            self._brush = name
            self.painter.setBrush(self.colour(name) if name else Qt.BrushStyle.NoBrush)

    def font(self, font: QFont) -> None:
        if self._font is not font:
            self._font = font
            self.painter.setFont(font)
