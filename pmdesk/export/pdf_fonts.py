"""The fonts registered with reportlab, for the PDFs only (an image export measures with
``fonts`` and never loads reportlab).

The faces are registered as the PDF first draws with them; the CJK font is found and read
here because only reportlab can tell whether it can embed it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from pmdesk.assets import resource
from pmdesk.export import fonts
from pmdesk.export.fonts import (
    BOLD,
    BOLD_ITALIC,
    CJK,
    CJK_BOLD,
    EMOJI,
    EMOJI_FILE,
    FACE_FILES,
    FONT,
    ITALIC,
    fallback_chain,
    fontconfig_cjk_files,
    fontconfig_files,
)
from pmdesk.export.metrics import FaceMetrics


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF as UTF-16 surrogate pairs.

    reportlab writes an emoji as ``<1F600>``, which PDF readers cannot decode: copying or
    searching the text then loses it.
    """
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{utf16(code)}>" for index, code in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@cache
def register_fonts() -> tuple[str, ...]:
    """Register DejaVu Sans with its family for a PDF; return the fonts tried for each
    character, in order. Each face is read when first used (a board never needs the
    obliques), and the CJK and emoji fonts only when a character needs them (the CJK font
    alone takes longer to read than a whole board takes to draw)."""
    registered(FONT)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD_ITALIC)
    return fallback_chain()


@cache
def registered(name: str) -> str:
    """Make sure the font ``name`` that a run or a shape names is registered with reportlab
    before a PDF draws with it (a name no font has passes through)."""
    filename = FACE_FILES.get(name)
    if filename is not None:
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
    elif name in (CJK, CJK_BOLD, EMOJI):
        _fallback_face(name)
    return name


def has_face(name: str) -> bool:
    """Whether the fallback font ``name`` (CJK, CJK_BOLD or EMOJI) is on this machine."""
    return _fallback_face(name)


def face_metrics(name: str) -> FaceMetrics | None:
    """The metrics of a font only reportlab reads here (a system CJK font), or None."""
    if name in (CJK, CJK_BOLD, EMOJI) and not _fallback_face(name):
        return None
    face = pdfmetrics.getFont(registered(name)).face
    return FaceMetrics(frozenset(face.charToGlyph), face.charWidths, face.defaultWidth)


def register_family() -> None:
    """Read every DejaVu face: a paragraph switches faces by its markup, unannounced."""
    register_fonts()
    for name in FACE_FILES:
        registered(name)


@cache
def _fallback_face(name: str) -> bool:
    """Register the fallback font ``name`` (CJK, CJK_BOLD or EMOJI); False if the machine
    has none (for CJK_BOLD: no bold face, so bold is synthesised from CJK)."""
    if name == CJK_BOLD:
        bold = _cjk_bold_font()
        if bold is None:
            return False
        font = bold
    elif name == CJK:
        found = _cjk_font()
        if found is None:
            return False
        font = found[2]
    else:
        font = TTFont(EMOJI, str(resource("fonts", EMOJI_FILE)))
    pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return True


def cjk_font_file() -> tuple[Path, int] | None:
    """The first CJK font reportlab can read, when none is where distributions put it."""
    found = _cjk_font()
    return (found[0], found[1]) if found else None


@cache
def _cjk_font() -> tuple[Path, int, TTFont] | None:
    """The first CJK font that reportlab can read, read once: the usual files first, then
    whatever TrueType CJK font fontconfig knows of."""
    for path, index in (*fonts.CJK_CANDIDATES, *fontconfig_cjk_files()):
        candidate = Path(path)
        if candidate.is_file():
            try:
                return candidate, index, TTFont(CJK, str(candidate), subfontIndex=index)
            except (TTFError, OSError):
                continue
    return None


@cache
def _cjk_bold_font() -> TTFont | None:
    """The bold face of the CJK font's own family in TrueType, if the system has one (a bold
    face of another family would not match the regular text beside it)."""
    regular = _cjk_font()
    if regular is None:
        return None
    name = regular[2].face.familyName  # bytes, as reportlab reads the name table
    family = re.sub(r"([\\:,=-])", r"\\\1", name.decode("utf-8", "replace")
                    if isinstance(name, bytes) else str(name))
    for path, index in fontconfig_files(f"{family}:style=Bold:fontformat=TrueType"):
        try:
            return TTFont(CJK_BOLD, path, subfontIndex=index)
        except (TTFError, OSError):
            continue
    return None
