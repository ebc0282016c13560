"""Colour emoji for the PDFs: a flag, a joined (ZWJ) sequence, a keycap or a skin-toned emoji
is one picture, as readers expect, instead of its parts side by side.

Noto Color Emoji (Debian's ``fonts-noto-color-emoji``) keeps its glyphs as PNG bitmaps (the
CBDT table), which reportlab cannot embed as a font. Each cluster of characters that the font
draws as one glyph (found through its cmap and its ligature substitutions) is drawn as that
glyph's picture; the characters themselves go underneath as invisible text, so the PDF can
still be searched and copied. Without the font (or with one that ``bitmap_font`` cannot
read) emoji print as outlines from the bundled Noto Emoji, and no character is dropped.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import struct
import tempfile
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from pmdesk.export.bitmap_font import BitmapFont

COLOUR = "PmdeskColourEmoji"  # the face of a run drawn as a picture (no reportlab font)
COLOUR_PACKAGE = "fonts-noto-color-emoji"
COLOUR_CANDIDATES = (
    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",  # Debian, Ubuntu
    "/usr/share/fonts/google-noto-emoji/NotoColorEmoji.ttf",  # Fedora
    "/usr/share/fonts/noto/NotoColorEmoji.ttf",  # Arch
)
ZWJ = "\u200d"
_VS16 = 0xFE0F  # emoji presentation selector: in no cmap, ignored when matching glyphs
_VS15 = "\ufe0e"  # text presentation asked for: keep the outline
_KEYCAP = 0x20E3
_SKIN = range(0x1F3FB, 0x1F400)
_REGIONAL = range(0x1F1E6, 0x1F200)
_TAGS = range(0xE0020, 0xE0080)
# Characters of the Basic Multilingual Plane that are emoji unless text is asked for
# (Emoji_Presentation=Yes in Unicode's emoji-data.txt); the rest of the plane (digits, ©,
# ❤, ☀ ...) prints as text unless followed by U+FE0F.
_BMP_EMOJI = frozenset().union(*(range(a, b + 1) for a, b in (
    (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3),
    (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F),
    (0x2693, 0x2693), (0x26A1, 0x26A1), (0x26AA, 0x26AB), (0x26BD, 0x26BE),
    (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA),
    (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD),
    (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C),
    (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797),
    (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50),
    (0x2B55, 0x2B55))))
_SUPPLEMENTARY_EMOJI = 0x1F000


@dataclass(frozen=True)
class Picture:
    """One glyph's bitmap and where it sits, in ems of the text size."""

    png: bytes
    width: float  # the advance: the text after it starts here
    height: float
    rise: float  # the bitmap's bottom above the baseline (negative: below)

    @cache  # noqa: B019 (a few dozen distinct pictures per process at most)
    def file(self) -> str:
        """The picture as a PNG file, for a ``Paragraph``'s ``<img>`` (reportlab refuses
        ``data:`` addresses); written once per process into a folder removed at exit."""
        target = _picture_folder() / f"{hashlib.sha1(self.png).hexdigest()}.png"
        if not target.exists():
            partial = target.with_name(f".{target.name}.{threading.get_ident()}")
            partial.write_bytes(self.png)
            partial.replace(target)
        return str(target)


@cache
def _picture_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="pmdesk-emoji-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def clusters(text: str) -> list[str]:
    """``text`` cut into emoji clusters (a flag's two letters, a ZWJ sequence, a keycap, an
    emoji with its skin tone or selector) and single other characters."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        if ord(text[i]) in _REGIONAL:
            if j < n and ord(text[j]) in _REGIONAL:
                j += 1
        else:
            while j < n:
                code = ord(text[j])
                if code in (_VS16, _KEYCAP) or code in _SKIN or code in _TAGS:
                    j += 1
                elif text[j] == ZWJ and j + 1 < n and not text[j + 1].isspace():
                    j += 2
                else:
                    break
        out.append(text[i:j])
        i = j
    return out


def may_be_emoji(text: str) -> bool:
    """Whether ``text`` has a character that could start a colour picture (cheap: no font
    is read for text without one)."""
    return any(ord(ch) >= _SUPPLEMENTARY_EMOJI or ord(ch) in _BMP_EMOJI or ord(ch) == _VS16
               for ch in text)


def picture(cluster: str) -> Picture | None:
    """The colour picture of one cluster, or None: no colour font, text presentation, or a
    sequence the font does not draw as one glyph."""
    if not _wants_colour(cluster):
        return None
    font = _colour_font()
    return font.picture(cluster) if font is not None else None


def pictured(text: str) -> list[str]:
    """``text`` cut into pieces that are each one picture or one character: a ZWJ sequence
    the font does not know as a whole falls back to pictures of its parts."""
    pieces: list[str] = []
    for cluster in clusters(text):
        if len(cluster) == 1 or picture(cluster) is not None:
            pieces.append(cluster)
        elif ZWJ in cluster:
            for index, part in enumerate(cluster.split(ZWJ)):
                if index:
                    pieces.append(ZWJ)
                pieces.extend(pictured(part) if len(part) > 1 else [part])
        else:
            pieces.extend(cluster)
    return pieces


def _wants_colour(cluster: str) -> bool:
    if _VS15 in cluster:
        return False
    first = ord(cluster[0])
    if len(cluster) == 1:
        return first >= _SUPPLEMENTARY_EMOJI or first in _BMP_EMOJI
    return True  # a selector, keycap, skin tone, joiner or flag pair asks for the emoji


def available() -> bool:
    return _colour_font() is not None


@cache
def _colour_font() -> _ColourFont | None:
    for path in COLOUR_CANDIDATES:
        if Path(path).is_file():
            try:
                return _ColourFont(path)
            except (OSError, ValueError, KeyError, struct.error):  # a file it cannot read
                return None
    return None


class _ColourFont:
    """A CBDT colour font: clusters of characters to the pictures of their glyphs."""

    def __init__(self, path: str) -> None:
        self._font = BitmapFont(path)

    def glyph(self, cluster: str) -> int | None:
        cmap = self._font.cmap
        found = [cmap.get(ord(ch)) for ch in cluster if ord(ch) != _VS16]
        glyphs = [glyph for glyph in found if glyph is not None]
        if not glyphs or len(glyphs) < len(found):
            return None
        if len(glyphs) == 1:
            return glyphs[0]
        rest = tuple(glyphs[1:])
        return next((glyph for parts, glyph in self._font.ligatures.get(glyphs[0], ())
                     if parts == rest), None)

    @lru_cache(maxsize=1024)  # noqa: B019 (one font per process)
    def picture(self, cluster: str) -> Picture | None:
        glyph = self.glyph(cluster)
        bitmap = self._font.bitmap(glyph) if glyph is not None else None
        if bitmap is None:
            return None
        ppem = self._font.ppem
        return Picture(png=bitmap.png, width=bitmap.advance / ppem, height=bitmap.height / ppem,
                       rise=(bitmap.bearing_y - bitmap.height) / ppem)
