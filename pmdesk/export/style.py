"""Fonts, colours, paragraph styles, page sizes and safe text for every PDF export."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from pmdesk.export.fonts import (
    BIDI_CONTROLS,
    BOLD,
    BOLD_ITALIC,
    FONT,
    ITALIC,
    has_rtl,
    register_family,
    register_fonts,
    runs,
    split_lines,
    width,
)
from pmdesk.export.inline import markup_run
from pmdesk.export.paper import page_size as page_size  # the drawing modules use it from here

__all__ = ["BOLD", "BOLD_ITALIC", "FONT", "ITALIC", "register_fonts", "width"]

ELLIPSIS = "…"

INK = colors.HexColor("#1F2328")
MUTED = colors.HexColor("#5A6270")
FAINT = colors.HexColor("#8C939D")
RULE = colors.HexColor("#D5D9DE")
PANEL = colors.HexColor("#F4F6F8")
ACCENT = colors.HexColor("#24476B")
RED = colors.HexColor("#C62828")
AMBER = colors.HexColor("#B26A00")
GREEN = colors.HexColor("#2E7D32")
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


def tagged(text: str, font: str = FONT, size: float = 8) -> str:
    """One line of text escaped for a ``Paragraph`` of ``size`` points, with runs other
    fonts draw tagged and colour emoji as pictures."""
    return "".join(_tagged_run(piece, face, font, size) for piece, face in runs(text, font))


def _tagged_run(piece: str, face: str, font: str, size: float) -> str:
    special = markup_run(piece, face, size)
    if special is not None:
        return special
    return escape(piece) if face == font else f'<font face="{face}">{escape(piece)}</font>'



def markup(text: str | None, font: str = FONT, size: float = 8, room: float | None = None
           ) -> str:
    """Escape user text for a ``Paragraph``, keeping its line breaks.

    Text with right-to-left words is broken into lines of ``room`` points here, so that
    each line is put in display order on its own (a ``Paragraph`` would wrap the words of
    a reordered line in the wrong order).
    """
    lines = [" ".join(line.split()) for line in printable(text).splitlines()]
    if room is not None and any(has_rtl(line) for line in lines):
        lines = [part for line in lines for part in split_lines(line, font, size, room)]
    return "<br/>".join(tagged(line, font, size) for line in lines if line)


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


def colour(value: str | None) -> colors.Color:
    try:
        return colors.HexColor(value or NO_GOAL)
    except (ValueError, TypeError):
        return colors.HexColor(NO_GOAL)


def tint(value: str | None, amount: float) -> colors.Color:
    """Mix a colour with white; ``amount`` 0 is white, 1 the colour itself."""
    base = colour(value)
    return colors.Color(
        1 - (1 - base.red) * amount, 1 - (1 - base.green) * amount, 1 - (1 - base.blue) * amount
    )


def style(name: str, size: float = 8, *, font: str = FONT, leading: float | None = None,
          color: colors.Color = INK, **extra: object) -> ParagraphStyle:
    register_family()
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.25,
                          textColor=color, **extra)


def fit_paragraph(text: str, st: ParagraphStyle, room_w: float, room_h: float
                  ) -> tuple[Paragraph, float]:
    """A paragraph of user ``text`` no taller than ``room_h``, cut with an ellipsis."""
    para = Paragraph(markup(text, st.fontName, st.fontSize, room_w) or "—", st)
    height = para.wrap(room_w, room_h)[1]
    if height <= room_h:
        return para, height
    plain = one_line(text)
    low, high = 0, len(plain)
    best: tuple[Paragraph, float] | None = None
    while low < high:
        mid = (low + high + 1) // 2
        candidate = Paragraph(markup(_cut(plain, mid), st.fontName, st.fontSize, room_w), st)
        h = candidate.wrap(room_w, room_h)[1]
        if h <= room_h:
            low, best = mid, (candidate, h)
        else:
            high = mid - 1
    if best is None:
        candidate = Paragraph(ELLIPSIS, st)
        best = (candidate, candidate.wrap(room_w, room_h)[1])
    return best


def _cut(text: str, length: int) -> str:
    """The first ``length`` characters, backed off to a word end when one is near."""
    head = text[:length]
    if length < len(text):
        space = head.rfind(" ")
        if space > length - 24:
            head = head[:space]
    return head.rstrip(",;:.—- ") + ELLIPSIS
