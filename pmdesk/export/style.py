"""Fonts, colours, page sizes and safe text for every export (PDF or image)."""

from __future__ import annotations

from pmdesk.export.fonts import BIDI_CONTROLS, BOLD, BOLD_ITALIC, FONT, ITALIC, width
from pmdesk.export.paper import page_size as page_size  # the drawing modules use it from here
from pmdesk.export.shapes import Colour, hex_colour

__all__ = ["BOLD", "BOLD_ITALIC", "FONT", "ITALIC", "width"]

ELLIPSIS = "…"

INK = hex_colour("#1F2328")
MUTED = hex_colour("#5A6270")
FAINT = hex_colour("#8C939D")
RULE = hex_colour("#D5D9DE")
PANEL = hex_colour("#F4F6F8")
ACCENT = hex_colour("#24476B")
RED = hex_colour("#C62828")
AMBER = hex_colour("#B26A00")
GREEN = hex_colour("#2E7D32")
NO_GOAL = "#7A828C"

# Control characters other than line breaks, and the bidirectional controls, print as nothing.
_HIDDEN = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F,
                         *BIDI_CONTROLS])


def printable(text: str | None) -> str:
    """User text without control characters; every visible character is kept."""
    if not text:
        return ""
    return text.translate(_HIDDEN)


def one_line(text: str | None) -> str:
    """User text as a single printable line."""
    return " ".join(printable(text).split())


def elide(text: str, font: str, size: float, room: float) -> str:
    """Cut ``text`` to fit ``room`` points, ending with an ellipsis when shortened."""
    if room <= 0:
        return ""
    if width(text, font, size) <= room:
        return text
    if width(ELLIPSIS, font, size) > room:
        return ""
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if width(text[:mid].rstrip() + ELLIPSIS, font, size) <= room:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + ELLIPSIS


def colour(value: str | None) -> Colour:
    try:
        return hex_colour(value or NO_GOAL)
    except (ValueError, TypeError):
        return hex_colour(NO_GOAL)


def tint(value: str | None, amount: float) -> Colour:
    """Mix a colour with white; ``amount`` 0 is white, 1 the colour itself."""
    base = colour(value)
    return Colour(
        1 - (1 - base.red) * amount, 1 - (1 - base.green) * amount, 1 - (1 - base.blue) * amount
    )
