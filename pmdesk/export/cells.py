"""Small drawing helpers shared by the exports: table cells, headings, number formats."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from pmdesk.domain.timescale import MONTH_NAMES
from pmdesk.export.fonts import split_lines
from pmdesk.export.shapes import Circle, Colour, Line, Rect, String, hex_colour
from pmdesk.export.style import BOLD, FONT, INK, MUTED, PANEL, RULE, colour, elide, one_line, width


class Sink(Protocol):
    """Where shapes go: a ``Group``, a PDF canvas (``painter.CanvasGroup``) or an image."""

    def add(self, shape: Any) -> None: ...


def day_text(day: date | None) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}" if day else "—"


def short_day(day: date | None, today: date | None = None) -> str:
    """``3 Mar``, or ``3 Mar ’27`` when the year differs from ``today``'s."""
    if day is None:
        return "—"
    text = f"{day.day} {MONTH_NAMES[day.month - 1]}"
    return text if today is not None and day.year == today.year else f"{text} ’{day.year % 100:02d}"


def number(value: float | None, digits: int = 1) -> str:
    """``1,200``, ``2.5``, ``0.25``: no trailing zeros, thousands separated."""
    if value is None:
        return "—"
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    text = f"{value:,.{max(digits, 2)}f}".rstrip("0").rstrip(".")
    return text


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


@dataclass(frozen=True, slots=True)
class Col:
    title: str
    width: float
    align: str = "left"


def text(group: Sink, x: float, y: float, room: float, value: str, *, font: str = FONT,
         size: float = 7.5, color: Colour = INK, align: str = "left") -> float:
    """Draw one elided line in ``room`` points starting at ``x``; return its width."""
    shown = elide(one_line(value), font, size, room)
    if not shown:
        return 0.0
    if align == "right":
        group.add(String(x + room, y, shown, font=font, size=size, fill=color,
                         anchor="end"))
    elif align == "center":
        group.add(String(x + room / 2, y, shown, font=font, size=size,
                         fill=color, anchor="middle"))
    else:
        group.add(String(x, y, shown, font=font, size=size, fill=color))
    return width(shown, font, size)


def wrap(value: str, font: str, size: float, room: float, max_lines: int) -> list[str]:
    """Break a line of user text into at most ``max_lines``, eliding the last."""
    line = one_line(value)
    if not line:
        return []
    lines = split_lines(line, font, size, room)
    if len(lines) > max_lines:
        at = 0
        for kept in lines[: max_lines - 1]:
            at = line.index(kept, at) + len(kept)
        lines = lines[: max_lines - 1] + [elide(line[at:].strip(), font, size, room)]
    return lines


def header_row(group: Sink, x: float, top: float, cols: Sequence[Col], row_h: float,
               size: float) -> float:
    """Column titles with a rule under them; return the y under the row."""
    y = top - row_h
    cx = x
    for col in cols:
        text(group, cx + 2, y + (row_h - size) / 2 + 1, col.width - 4, col.title, font=BOLD,
             size=size, color=MUTED, align=col.align)
        cx += col.width
    group.add(Line(x, y, cx, y, stroke=RULE, stroke_width=0.7))
    return y


def zebra(group: Sink, x: float, y: float, w: float, h: float, index: int) -> None:
    if index % 2:
        group.add(Rect(x, y, w, h, fill=PANEL, stroke=None, stroke_width=0))


def dot(group: Sink, x: float, y: float, r: float, hex_colour: str | None) -> None:
    group.add(Circle(x, y, r, fill=colour(hex_colour), stroke=None, stroke_width=0))


def meter(group: Sink, x: float, y: float, w: float, h: float, share: float,
          fill: Colour) -> None:
    """A small horizontal progress gauge."""
    group.add(Rect(x, y, w, h, fill=hex_colour("#E3E7EB"), stroke=None,
                   stroke_width=0))
    if share > 0:
        group.add(Rect(x, y, w * min(1.0, share), h, fill=fill, stroke=None,
                       stroke_width=0))


def heading(group: Sink, x: float, top: float, w: float, title: str, size: float,
            note: str = "", color: Colour = INK) -> float:
    """A section title with an optional muted note on the right and a rule under it."""
    baseline = top - size
    shown = text(group, x, baseline, w, title.upper(), font=BOLD, size=size, color=color)
    if note:
        text(group, x + shown + 8, baseline, w - shown - 8, note, size=size * 0.92,
             color=MUTED, align="right")
    rule_y = baseline - size * 0.45
    group.add(Line(x, rule_y, x + w, rule_y, stroke=color, stroke_width=0.8))
    return rule_y - size * 0.5
