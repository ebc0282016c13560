"""Sizes, colours and fonts of the roadmap, shared by the view, its items and the PNG export."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainterPath

from pmdesk.ui.text import shown

HEADER_ROW = 24
HEADER_HEIGHT = 2 * HEADER_ROW
LANE_HEADER_WIDTH = 168
ROW_HEIGHT = 30
BAR_HEIGHT = 22
LANE_PADDING = 8
MILESTONE_ROW = 24
MILESTONE_LABEL_MAX = 200
BAR_GAP = 6
EDGE_GRIP = 6
MIN_LANE_ROWS = 1

INK = QColor("#1F2933")
MUTED = QColor("#616E7C")
GRID = QColor("#E4E7EB")
GRID_MAJOR = QColor("#CBD2D9")
BAND = QColor("#F5F7FA")
BAND_ALT = QColor("#FFFFFF")
HEADER_BG = QColor("#F0F2F5")
TODAY = QColor("#E4572E")
RISK = QColor("#D62728")
WHISKER = QColor("#263238")
ARROW = QColor("#7B8794")
ARROW_VIOLATED = QColor("#D62728")
SELECTION = QColor("#1F2933")
NO_GOAL = "#9AA5B1"
DROPPED = QColor("#BCC3CC")


def blend(colour: str | QColor, amount: float, towards: QColor | None = None) -> QColor:
    """Mix ``colour`` with white (or ``towards``): 0 keeps it, 1 gives the other colour."""
    base = QColor(colour)
    other = towards or QColor("#FFFFFF")
    return QColor(
        round(base.red() + (other.red() - base.red()) * amount),
        round(base.green() + (other.green() - base.green()) * amount),
        round(base.blue() + (other.blue() - base.blue()) * amount),
    )


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
