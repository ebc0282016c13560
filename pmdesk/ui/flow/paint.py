"""Paint chart shapes with QPainter: the Flow page's charts and the flow document's PNG."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

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
    """Draw shapes in their own coordinates (the painter's transform places them)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colours: dict[str, QColor] = {}

    def colour(name: str) -> QColor:
        found = colours.get(name)
        if found is None:
            found = colours[name] = QColor(name)
        return found

    for shape in shapes:
        if isinstance(shape, Box):
            _pen(painter, shape.stroke, shape.width, (), colour)
            painter.setBrush(colour(shape.fill) if shape.fill else Qt.BrushStyle.NoBrush)
            rect = QRectF(shape.x, shape.y, shape.w, shape.h)
            if shape.radius:
                painter.drawRoundedRect(rect, shape.radius, shape.radius)
            else:
                painter.drawRect(rect)
        elif isinstance(shape, Line):
            _pen(painter, shape.colour, shape.width, shape.dash, colour)
            painter.drawLine(QPointF(shape.x1, shape.y1), QPointF(shape.x2, shape.y2))
        elif isinstance(shape, Dot):
            _pen(painter, shape.stroke, 1.0, (), colour)
            painter.setBrush(colour(shape.fill))
            painter.drawEllipse(QPointF(shape.x, shape.y), shape.r, shape.r)
        elif isinstance(shape, Poly):
            _pen(painter, shape.stroke, 0.8, (), colour)
            painter.setBrush(QBrush(colour(shape.fill)))
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in shape.points]))
        elif isinstance(shape, Text):
            font, metrics = fonts.get(shape.size, shape.bold)
            text = shown(shape.text)
            x = shape.x
            if shape.anchor != "start":
                advance = metrics.horizontalAdvance(text)
                x -= advance if shape.anchor == "end" else advance / 2
            painter.setFont(font)
            painter.setPen(colour(shape.colour))
            painter.drawText(QPointF(x, shape.y), text)


def _pen(painter: QPainter, name: str | None, width: float, dash: tuple[float, ...],
         colour: object) -> None:
    if name is None:
        painter.setPen(Qt.PenStyle.NoPen)
        return
    pen = QPen(colour(name), width)  # type: ignore[operator]
    if dash:
        pen.setDashPattern([d / max(width, 0.1) for d in dash])
    painter.setPen(pen)
