"""Sizes and fonts of the roadmap, shared by the view, its items and the PNG export.

Its colours are in ``pmdesk.ui.theme``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QPainterPath

from pmdesk.ui.text import shown

HEADER_ROW = 24
HEADER_HEIGHT = 2 * HEADER_ROW
LANE_HEADER_WIDTH = 168
ROW_HEIGHT = 30
BAR_HEIGHT = 22
LANE_PADDING = 8
MILESTONE_ROW = 24
MILESTONE_LABEL_MAX = 200
EDGE_GRIP = 6
MIN_LANE_ROWS = 1


def ui_font(point_size: float = 9.0, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def polygon(points: Iterable[tuple[float, float]]) -> QPainterPath:
    """A closed path through ``points``.

    Filled with ``QPainter.fillPath``: PySide6 6.12's ``drawPolygon`` corrupts the
    reference count of None when called many times, which aborts the interpreter.
    """
    path = QPainterPath()
    for index, (x, y) in enumerate(points):
        if index == 0:
            path.moveTo(QPointF(x, y))
        else:
            path.lineTo(QPointF(x, y))
    path.closeSubpath()
    return path


@cache
def _drawable(code_point: int) -> bool:
    for family in QFontDatabase.families():
        if QFontMetricsF(QFont(family)).inFontUcs4(code_point):
            return True
    return False


def displayable(text: str) -> str:
    """``text`` without characters beyond the BMP (emoji) that no installed font can draw.

    Qt would paint them as empty boxes; other scripts are left to Qt's font fallback.
    Bidirectional controls are neutralised.
    """
    text = shown(text)
    if all(ord(ch) <= 0xFFFF for ch in text):
        return text
    kept = "".join(ch for ch in text if ord(ch) <= 0xFFFF or _drawable(ord(ch)))
    return " ".join(kept.split())
