"""Fonts, colours, paragraph styles, page sizes and safe text for every PDF export."""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from pmdesk.assets import resource
from pmdesk.export.paper import page_size as page_size  # the drawing modules use it from here

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
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

_SPACES = re.compile(r" {2,}")
_FACES = ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf"),
          (ITALIC, "DejaVuSans-Oblique.ttf"), (BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf"))


@cache
def register_fonts() -> None:
    """Register the bundled DejaVu Sans faces (they draw Latin, Greek and Cyrillic)."""
    for name, filename in _FACES:
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD_ITALIC)


@cache
def _glyphs() -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(FONT)
    return frozenset(font.face.charToGlyph)


def printable(text: str | None) -> str:
    """Drop characters the font has no glyph for (emoji, CJK), which would print as boxes."""
    if not text:
        return ""
    glyphs = _glyphs()
    if all(ord(ch) in glyphs or ch in "\n\t" for ch in text):
        return text
    kept = "".join(ch for ch in text if ord(ch) in glyphs or ch in "\n\t")
    return _SPACES.sub(" ", kept).strip()


def one_line(text: str | None) -> str:
    """User text as a single printable line."""
    return " ".join(printable(text).split())


def markup(text: str | None) -> str:
    """Escape user text for a ``Paragraph``, keeping its line breaks."""
    lines = [" ".join(line.split()) for line in printable(text).splitlines()]
    return "<br/>".join(escape(line) for line in lines if line)


def width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


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
    register_fonts()
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.25,
                          textColor=color, **extra)


def fit_paragraph(text: str, st: ParagraphStyle, room_w: float, room_h: float
                  ) -> tuple[Paragraph, float]:
    """A paragraph of user ``text`` no taller than ``room_h``, cut with an ellipsis."""
    para = Paragraph(markup(text) or "—", st)
    height = para.wrap(room_w, room_h)[1]
    if height <= room_h:
        return para, height
    plain = one_line(text)
    low, high = 0, len(plain)
    best: tuple[Paragraph, float] | None = None
    while low < high:
        mid = (low + high + 1) // 2
        candidate = Paragraph(escape(_cut(plain, mid)), st)
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
