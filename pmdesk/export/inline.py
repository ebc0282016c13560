"""Runs that are no plain font text: colour emoji pictures and synthesised bold CJK, drawn
inside a line on a canvas (``draw_runs``) and inside a ``Paragraph`` (``markup_run``).

A picture's characters are written under it as invisible text (render mode 3), stretched to
the picture's width, so the PDF's text layer keeps every character in reading order. Bold
without a bold face is the regular glyphs filled and stroked in the text colour (mode 2).
"""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from pmdesk.export import emoji
from pmdesk.export.emoji import COLOUR
from pmdesk.export.fonts import EMOJI, pdf_font, piece_width, synthetic_bold
from pmdesk.export.pdf_fonts import registered

BOLD_STROKE = 0.022  # ems: the outline that makes a regular glyph read as bold
_FILL, _FILL_STROKE, _INVISIBLE = 0, 2, 3
# Names of the paragraph callbacks (``<onDraw name=...>``).
_HIDDEN_CB, _BOLD_CB, _PLAIN_CB = "pmdeskHiddenText", "pmdeskBold", "pmdeskPlain"


def draw_runs(canvas: Canvas, x: float, y: float, parts: tuple[tuple[str, str], ...],
              size: float) -> None:
    """Draw ``(piece, face)`` runs as one line of text from ``x``, pictures over it."""
    canvas.saveState()
    line = canvas.beginText(x, y)
    pictures: list[tuple[emoji.Picture, float]] = []
    bold = False
    for piece, face in parts:
        if face == COLOUR:
            found = emoji.picture(piece)
            if found is not None:
                pictures.append((found, x))
                _hidden(line, piece, size, found.width * size)
                bold = False  # the hidden text left the fill mode on
        else:
            if synthetic_bold(face) != bold:
                bold = not bold
                if bold:
                    _stroke_like_fill(canvas, size)
                line.setTextRenderMode(_FILL_STROKE if bold else _FILL)
            line.setFont(registered(pdf_font(face)), size)
            line.textOut(piece)
        x += piece_width(piece, face, size)
    canvas.drawText(line)
    for found, left in pictures:
        _draw_picture(canvas, found, left, y, size)
    canvas.restoreState()


def markup_run(piece: str, face: str, size: float) -> str | None:
    """The ``Paragraph`` markup of a run that is not plain font text, else None."""
    if face == COLOUR:
        found = emoji.picture(piece)
        if found is None:
            return None
        label = "-".join(f"{ord(ch):x}" for ch in piece)
        return (f'<onDraw name="{_HIDDEN_CB}" label="{label}"/>'
                f'<img src={quoteattr(found.file())} width="{found.width * size:.3f}" '
                f'height="{found.height * size:.3f}" valign="{found.rise * size:.3f}"/>')
    if synthetic_bold(face):
        return (f'<onDraw name="{_BOLD_CB}" label=""/><font face="{registered(pdf_font(face))}">'
                f'{escape(piece)}</font><onDraw name="{_PLAIN_CB}" label=""/>')
    return None


def _hidden(line: PDFTextObject, piece: str, size: float, room: float) -> None:
    """``piece`` as invisible text exactly ``room`` points wide, from the current point."""
    registered(EMOJI)  # the bundled emoji font has every emoji's code point
    natural = piece_width(piece, EMOJI, size)
    line.setFont(EMOJI, size, line._leading)
    line.setTextRenderMode(_INVISIBLE)
    line.setHorizScale(100 * room / natural if natural > 0 else 100)
    line._textOut(piece)
    line.setHorizScale(100)
    line.setTextRenderMode(_FILL)


def _draw_picture(canvas: Canvas, found: emoji.Picture, x: float, y: float,
                  size: float) -> None:
    canvas.drawImage(_reader(found), x, y + found.rise * size, found.width * size,
                     found.height * size, mask="auto")


_READERS: dict[bytes, ImageReader] = {}


def _reader(found: emoji.Picture) -> ImageReader:
    reader = _READERS.get(found.png)
    if reader is None:
        reader = _READERS[found.png] = ImageReader(BytesIO(found.png))
    return reader


def _stroke_like_fill(canvas: Canvas, size: float) -> None:
    canvas.setStrokeColor(canvas._fillColorObj)
    canvas.setLineWidth(size * BOLD_STROKE)
    canvas.setLineJoin(1)  # round: no spikes at the corners of strokes


def _on_hidden(canvas: Canvas, kind: str, label: str) -> None:
    info = canvas._curr_tx_info
    line: PDFTextObject = info["tx"]
    piece = "".join(chr(int(code, 16)) for code in label.split("-"))
    found = emoji.picture(piece)
    if found is None:
        return
    font = line._fontname  # unset before the paragraph's first word
    size = line._fontsize or info["xs"].style.fontSize
    _hidden(line, piece, size, found.width * size)
    if font is not None:
        line._setFont(font, size)


def _on_bold(canvas: Canvas, kind: str, label: str) -> None:
    line: PDFTextObject = canvas._curr_tx_info["tx"]
    state = canvas._curr_tx_info["xs"]  # its colour is unset until the first word is drawn
    canvas.setStrokeColor(state.textColor or state.style.textColor)
    canvas.setLineWidth((line._fontsize or state.style.fontSize) * BOLD_STROKE)
    canvas.setLineJoin(1)
    line.setTextRenderMode(_FILL_STROKE)


def _on_plain(canvas: Canvas, kind: str, label: str) -> None:
    canvas._curr_tx_info["tx"].setTextRenderMode(_FILL)


_CALLBACKS = {_HIDDEN_CB: _on_hidden, _BOLD_CB: _on_bold, _PLAIN_CB: _on_plain}
_named_callback = Canvas.getNamedCB


def _get_named_callback(self: Canvas, name: str) -> Any:
    """Every canvas knows these callbacks, whoever made it (the documents make their own)."""
    return _CALLBACKS.get(name) or _named_callback(self, name)


Canvas.getNamedCB = _get_named_callback
