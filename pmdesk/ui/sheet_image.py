"""The roadmap and board PNG exports: the PDF's page drawn on an image.

The shapes are the ones the PDF pages are made of (``pmdesk.export.shapes``); here a
``QPainter`` draws them instead of a PDF canvas, so an image export never loads reportlab.
Text keeps the PDF's metrics and font fallback (the layout was measured with them), drawn
with the same font files.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from pmdesk import documents
from pmdesk.assets import resource
from pmdesk.domain.errors import WorkspaceError
from pmdesk.export import emoji, fonts
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
from pmdesk.export.sheet import Sheet
from pmdesk.ui import theme

if TYPE_CHECKING:
    from pmdesk.domain.models import Board
    from pmdesk.services import Services

SCALE = 2.0  # pixels per point: an A4-landscape sheet is 1684 pixels wide
_LEFT_TO_RIGHT = "\u202d"  # the runs are already in display order: Qt must not reorder them
_FILES = {fonts.FONT: ("DejaVuSans.ttf", False, False),
          fonts.BOLD: ("DejaVuSans-Bold.ttf", True, False),
          fonts.ITALIC: ("DejaVuSans-Oblique.ttf", False, True),
          fonts.BOLD_ITALIC: ("DejaVuSans-BoldOblique.ttf", True, True),
          fonts.EMOJI: ("NotoEmoji-Regular.ttf", False, False)}
_APP: list[QGuiApplication] = []  # keeps an application this module had to create alive


def _application() -> None:
    if QGuiApplication.instance() is None:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # an image needs no display
        _APP.append(QGuiApplication(["pmdesk"]))


@cache
def _family(face: str) -> tuple[str, bool, bool]:
    """The Qt family, boldness and slant that draw a PDF font name."""
    if face in (fonts.CJK, fonts.CJK_BOLD):
        found = fonts.cjk_font_file()
        path = found[0] if found else None
        bold, italic = face == fonts.CJK_BOLD, False  # Qt emboldens a face without bold
    else:
        name, bold, italic = _FILES.get(face, _FILES[fonts.FONT])
        path = resource("fonts", name)
    families = QFontDatabase.applicationFontFamilies(
        QFontDatabase.addApplicationFont(str(path))) if path else []
    return (families[0] if families else "DejaVu Sans"), bold, italic


@cache
def _font(face: str, size: float) -> QFont:
    family, bold, italic = _family(face)
    font = QFont(family)
    font.setPointSizeF(size)  # the image is painted at 72 dpi, then scaled
    font.setBold(bold)
    font.setItalic(italic)
    font.setKerning(False)  # reportlab measures without kerning
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    return font


@cache
def _picture_image(png: bytes) -> QImage:
    return QImage.fromData(png, "PNG")


@cache
def _colour(value: Colour) -> QColor:
    return QColor.fromRgbF(value.red, value.green, value.blue, value.alpha)


class PainterSink:
    """Takes the shapes a PDF page is built from and paints them at once."""

    def __init__(self, painter: QPainter, height: float) -> None:
        self.painter = painter
        self.height = height

    def add(self, shape: Shape | Group) -> None:
        if isinstance(shape, Group):
            for child in shape.contents:
                self.add(child)
        elif isinstance(shape, String):
            self._string(shape)
        elif isinstance(shape, Rect):
            path = QPainterPath()
            box = QRectF(shape.x, self.height - shape.y - shape.height, shape.width,
                         shape.height)
            if shape.rx:
                path.addRoundedRect(box, shape.rx, shape.ry or shape.rx)
            else:
                path.addRect(box)
            self._paint(path, shape, shape.fill)
        elif isinstance(shape, Line):
            path = QPainterPath(self._point(shape.x1, shape.y1))
            path.lineTo(self._point(shape.x2, shape.y2))
            self._paint(path, shape, None)
        elif isinstance(shape, Circle):
            path = QPainterPath()
            path.addEllipse(self._point(shape.cx, shape.cy), shape.r, shape.r)
            self._paint(path, shape, shape.fill)
        elif isinstance(shape, Polygon):
            points = shape.points
            path = QPainterPath()
            path.addPolygon(QPolygonF([self._point(points[i], points[i + 1])
                                       for i in range(0, len(points), 2)]))
            path.closeSubpath()
            self._paint(path, shape, shape.fill)
        elif isinstance(shape, PolyLine):
            points = shape.points
            path = QPainterPath(self._point(points[0], points[1]))
            for i in range(2, len(points), 2):
                path.lineTo(self._point(points[i], points[i + 1]))
            self._paint(path, shape, None)
        else:
            raise TypeError(f"cannot paint a {type(shape).__name__} on an image")

    def _point(self, x: float, y: float) -> QPointF:
        return QPointF(x, self.height - y)

    def _paint(self, path: QPainterPath, shape: Rect | Line | Circle | Polygon | PolyLine,
               fill: Colour | None) -> None:
        painter = self.painter
        if fill is not None:
            painter.fillPath(path, QBrush(_colour(fill)))
        line_width = shape.stroke_width or 0
        if shape.stroke is not None and line_width > 0:
            pen = QPen(_colour(shape.stroke), line_width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            if shape.dash:
                pen.setDashPattern([max(0.1, d / line_width) for d in shape.dash])
            painter.strokePath(path, pen)

    def _string(self, shape: String) -> None:
        size = shape.size
        x = shape.x
        if shape.anchor in ("end", "middle"):
            total = fonts.width(shape.text, shape.font, size)
            x -= total if shape.anchor == "end" else total / 2
        painter = self.painter
        painter.setPen(_colour(shape.fill))
        y = self.height - shape.y
        for piece, face in fonts.runs(shape.text, shape.font):
            picture = emoji.picture(piece) if face == emoji.COLOUR else None
            if picture is not None:
                top = y - (picture.rise + picture.height) * size
                painter.drawImage(QRectF(x, top, picture.width * size, picture.height * size),
                                  _picture_image(picture.png))
            else:
                painter.setFont(_font(face, size))
                painter.drawText(QPointF(x, y), _LEFT_TO_RIGHT + piece)
            x += fonts.piece_width(piece, face, size)


def sheet_image(sheet: Sheet, scale: float = SCALE) -> QImage:
    """The sheet painted on a white image of ``scale`` pixels per point."""
    _application()
    image = QImage(round(sheet.width * scale), round(sheet.height * scale),
                   QImage.Format.Format_RGB32)
    image.fill(theme.CANVAS)
    point_per_metre = round(72 / 0.0254)  # a point of text is a unit of the sheet
    image.setDotsPerMeterX(point_per_metre)
    image.setDotsPerMeterY(point_per_metre)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)  # emoji
        painter.scale(scale, scale)
        sheet.draw(PainterSink(painter, sheet.height))
    finally:
        painter.end()
    dots_per_metre = round(72 * scale / 0.0254)  # printed, the image has the PDF's size
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def save_png(sheet: Sheet, path: str | Path, scale: float = SCALE) -> Path:
    """Write the sheet as a PNG; the file appears only once it is complete."""
    target = Path(path)
    if not target.parent.is_dir():
        raise WorkspaceError(f"The folder {target.parent} does not exist.")
    partial = target.with_name(f".{target.name}.partial")
    try:
        # Quality 80 is zlib's fastest level: as small a file as the default, twice as fast.
        if not sheet_image(sheet, scale).save(str(partial), "PNG", 80):
            raise WorkspaceError(f"Could not write the image {target}.")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def render_roadmap_png(services: Services, product_id: int, path: str | Path,
                       start: date | None = None, end: date | None = None) -> Path:
    """Save the roadmap of ``product_id`` from ``start`` to ``end`` as a PNG at ``path``."""
    return save_png(documents.roadmap_sheet(services, product_id, start, end), path)


def render_board_png(services: Services, board_id: int, path: str | Path) -> Path:
    """Save the board ``board_id`` as a PNG at ``path``."""
    return save_png(documents.board_sheet(services, board_id), path)


def render_flow_png(services: Services, board: Board, path: str | Path,
                    start: date | None = None, end: date | None = None) -> Path:
    """Save the flow charts of ``board`` from ``start`` to ``end`` as a PNG at ``path``."""
    return save_png(documents.flow_sheet(services, board, start, end), path)
