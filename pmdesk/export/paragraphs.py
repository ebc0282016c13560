"""Paragraphs of user text for the PDFs (the one-pager): markup with the fallback fonts
and colour emoji, styles, and a paragraph cut to fit its box."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from pmdesk.export.fonts import FONT, has_rtl, runs, split_lines
from pmdesk.export.inline import markup_run
from pmdesk.export.painter import pdf_colour
from pmdesk.export.pdf_fonts import register_family, registered
from pmdesk.export.shapes import Colour
from pmdesk.export.style import ELLIPSIS, INK, one_line, printable


def tagged(text: str, font: str = FONT, size: float = 8) -> str:
    """One line of text escaped for a ``Paragraph`` of ``size`` points, with runs other
    fonts draw tagged and colour emoji as pictures."""
    return "".join(_tagged_run(piece, face, font, size) for piece, face in runs(text, font))


def _tagged_run(piece: str, face: str, font: str, size: float) -> str:
    special = markup_run(piece, face, size)
    if special is not None:
        return special
    if face == font:
        return escape(piece)
    return f'<font face="{registered(face)}">{escape(piece)}</font>'


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


def style(name: str, size: float = 8, *, font: str = FONT, leading: float | None = None,
          color: Colour = INK, **extra: object) -> ParagraphStyle:
    register_family()
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.25,
                          textColor=pdf_colour(color), **extra)


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
