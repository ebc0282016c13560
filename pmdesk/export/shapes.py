"""The shapes every exported page is drawn with: plain values, standard library only.

A page's drawing code adds these to a sink: a ``Group`` (kept, then painted), the PDF
canvas (``painter``, the one place that turns them into reportlab calls) or a ``QPainter``
on an image (``pmdesk.ui.sheet_image``). Coordinates are points with y growing upwards;
the defaults are reportlab's (black, one point wide), so a page looks the same in every sink.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Colour:
    """Red, green, blue and alpha from 0 to 1."""

    red: float
    green: float
    blue: float
    alpha: float = 1


def hex_colour(value: str) -> Colour:
    """``#RRGGBB`` as a colour, read as reportlab's ``HexColor`` reads it (a ``0x`` prefix is
    hex too, no prefix a decimal number); ValueError for anything else."""
    digits, base = value, 10
    if value[:1] == "#":
        digits, base = value[1:], 16
    elif value[:2].lower() == "0x":
        digits, base = value[2:], 16
    number = int(digits, base)
    return Colour(((number >> 16) & 0xFF) / 255.0, ((number >> 8) & 0xFF) / 255.0,
                  (number & 0xFF) / 255.0)


BLACK = Colour(0, 0, 0)
WHITE = Colour(1, 1, 1)


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: Colour | None = BLACK
    stroke_width: float = 1
    dash: Sequence[float] | None = None


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle from its bottom-left corner, its corners rounded by ``rx``/``ry``."""

    x: float
    y: float
    width: float
    height: float
    rx: float = 0
    ry: float = 0
    fill: Colour | None = BLACK
    stroke: Colour | None = BLACK
    stroke_width: float = 1
    dash: Sequence[float] | None = None


@dataclass(frozen=True, slots=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: Colour | None = BLACK
    stroke: Colour | None = BLACK
    stroke_width: float = 1
    dash: Sequence[float] | None = None


@dataclass(frozen=True, slots=True)
class Polygon:
    """A closed outline through ``points`` (x0, y0, x1, y1, ...)."""

    points: Sequence[float]
    fill: Colour | None = BLACK
    stroke: Colour | None = BLACK
    stroke_width: float = 1
    dash: Sequence[float] | None = None


@dataclass(frozen=True, slots=True)
class PolyLine:
    """An open line through ``points`` (x0, y0, x1, y1, ...)."""

    points: Sequence[float]
    stroke: Colour | None = BLACK
    stroke_width: float = 1
    dash: Sequence[float] | None = None


@dataclass(frozen=True, slots=True)
class String:
    """One line of text from ``x`` (its start, its end or its middle, by ``anchor``) on the
    baseline ``y``; the fonts' fallback decides which font draws each character."""

    x: float
    y: float
    text: str
    font: str = "DejaVuSans"
    size: float = 10
    fill: Colour = BLACK
    anchor: str = "start"


Shape = Line | Rect | Circle | Polygon | PolyLine | String


@dataclass(slots=True)
class Group:
    """Shapes kept in drawing order; a group may hold groups (filled in later, drawn first)."""

    contents: list[Any] = field(default_factory=list)

    def add(self, shape: Shape | Group) -> None:
        self.contents.append(shape)

    def walk(self) -> list[Shape]:
        """Every shape in drawing order, nested groups opened."""
        out: list[Shape] = []
        for item in self.contents:
            if isinstance(item, Group):
                out.extend(item.walk())
            else:
                out.append(item)
        return out
