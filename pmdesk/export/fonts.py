"""Fonts for the PDFs and images, with a fallback per character so no user text is ever
dropped.

DejaVu Sans draws Latin, Greek, Cyrillic, Hebrew and Arabic; a CJK font from the system
(WenQuanYi Micro Hei from Debian's ``fonts-wqy-microhei``, or another TrueType CJK font
found on the machine) draws Chinese, Japanese and Korean; the bundled Noto Emoji draws emoji
as outlines, or as colour pictures where the system has Noto Color Emoji (``emoji``). Text is
cut into runs by which font has each character. A character that no font has is drawn as
``SUBSTITUTE`` and recorded, so the export can say so.

Bold text in Chinese, Japanese or Korean uses a bold face of the CJK family when the system
has one in TrueType; Debian has none (WenQuanYi has no bold, Noto Sans CJK's bold is
PostScript-flavoured), so such runs are usually made bold by stroking the regular glyphs'
outlines in the text colour (``synthetic_bold``).

Text is measured here without reportlab (``metrics`` reads the bundled files; only a system
CJK font is read by reportlab, which must also embed it); ``pdf_fonts`` registers the faces
with reportlab when a PDF draws with them.
"""

from __future__ import annotations

import re
import subprocess
import threading
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from pmdesk.assets import resource
from pmdesk.export import emoji
from pmdesk.export.emoji import COLOUR
from pmdesk.export.metrics import FaceMetrics, read_metrics

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
CJK = "PmdeskCJK"
CJK_BOLD = "PmdeskCJK-Bold"
_BOLD_FACES = frozenset({BOLD, BOLD_ITALIC})
EMOJI = "NotoEmoji"
SUBSTITUTE = "\ufffd"
CJK_PACKAGE = "fonts-wqy-microhei"

FACE_FILES = {FONT: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf",
               ITALIC: "DejaVuSans-Oblique.ttf", BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf"}
EMOJI_FILE = "NotoEmoji-Regular.ttf"
_BUNDLED_FILES = {**FACE_FILES, EMOJI: EMOJI_FILE}
# TrueType-outline CJK fonts as Debian and other distributions install them (reportlab cannot
# embed the PostScript outlines of Noto Sans CJK).
CJK_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf", 0),
)
# Bidirectional embedding, override and isolate controls: never drawn (they could make a PDF
# reader show a name reversed) and never needed for the words themselves.
BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
# Invisible joiners and selectors: kept where the font has them, else left out (no box).
_INVISIBLE = frozenset({0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x20E3}) | frozenset(
    range(0xFE00, 0xFE10)) | frozenset(range(0xE0020, 0xE0080))
_NO_BIDI_CONTROLS = dict.fromkeys(BIDI_CONTROLS)
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff"
                  "\U0001e800-\U0001efff]")
_ARABIC = re.compile("[\u0600-\u08ff]")
_WIDE = (r"\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
         r"\U00020000-\U0003ffff")
# Marks that never start a line in Chinese or Japanese (kinsoku): they stay with the
# character before them.
_CLOSING = "、。，．・：；！？）］｝」』】〕〉》ーぁぃぅぇぉっゃゅょァィゥェォッャュョ"
# Whitespace, one CJK character (lines may break between any two), or a run of anything else.
_TOKENS = re.compile(rf"\s+|[{_WIDE}][{_CLOSING}]*|[^\s{_WIDE}]+")

EMOJI_PLANES = (0x1F000, 0x1FAFF)  # Mahjong tiles to Symbols and Pictographs Extended-A

_missing: set[str] = set()
_missing_lock = threading.Lock()


@cache
def fallback_chain() -> tuple[str, ...]:
    """The fonts tried for each character, in order; the CJK font only where the machine
    has one (found without reading it)."""
    return (FONT, CJK, EMOJI) if cjk_font_file() is not None else (FONT, EMOJI)


def cjk_font_file() -> tuple[Path, int] | None:
    """The first CJK font on this machine that reportlab can embed, with its subfont; a
    known file is found without reading it."""
    for path, index in CJK_CANDIDATES:
        if Path(path).is_file():
            return Path(path), index
    from pmdesk.export import pdf_fonts

    return pdf_fonts.cjk_font_file()


@cache
def face_metrics(face: str) -> FaceMetrics | None:
    """The widths and characters of ``face``: the bundled files are read here, the system's
    CJK fonts by reportlab (which must be able to embed them); None for a font the machine
    does not have."""
    filename = _BUNDLED_FILES.get(face)
    if filename is not None:
        found = read_metrics(resource("fonts", filename))
        if found is not None:
            return found
    from pmdesk.export import pdf_fonts

    return pdf_fonts.face_metrics(face)


def synthetic_bold(face: str) -> bool:
    """Whether runs of ``face`` are drawn bold by stroking a regular face."""
    if face != CJK_BOLD:
        return False
    from pmdesk.export import pdf_fonts

    return not pdf_fonts.has_face(CJK_BOLD)


def pdf_font(face: str) -> str:
    """The registered reportlab font that draws runs of ``face``."""
    return CJK if synthetic_bold(face) else face


def piece_width(piece: str, face: str, size: float) -> float:
    """The width of one run, as ``runs`` returned it."""
    if face == COLOUR:
        found = emoji.picture(piece)
        return found.width * size if found else 0.0
    metrics = face_metrics(pdf_font(face))
    return metrics.string_width(piece, size) if metrics is not None else 0.0


@cache
def fontconfig_cjk_files() -> tuple[tuple[str, int], ...]:
    """TrueType fonts with Chinese, as fontconfig lists them (none without fontconfig)."""
    return fontconfig_files(":lang=zh:fontformat=TrueType")


def fontconfig_files(pattern: str) -> tuple[tuple[str, int], ...]:
    """The font files (and subfont indexes) fontconfig lists for ``pattern``."""
    try:
        listed = subprocess.run(
            ["fc-list", "--format", "%{file}\t%{index}\n", pattern],
            capture_output=True, text=True, timeout=5, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    found = []
    for line in sorted(listed.splitlines()):
        path, _, index = line.partition("\t")
        found.append((path, int(index) if index.strip().isdigit() else 0))
    return tuple(found)


@cache
def glyphs(font: str) -> frozenset[int]:
    """The characters ``font`` draws (none for a font the machine lacks)."""
    if font == COLOUR:
        return frozenset()
    if synthetic_bold(font):
        return glyphs(CJK)  # drawn with the regular face, stroked
    metrics = face_metrics(font)
    return metrics.glyphs if metrics is not None else frozenset()


def runs(text: str, font: str) -> tuple[tuple[str, str], ...]:
    """``text`` as ``(piece, font name)`` runs: ``font`` where it has the glyphs, else the
    first fallback that has them; a character no font has becomes ``SUBSTITUTE``."""
    pieces, missing = _split(text, font)
    if missing:
        with _missing_lock:
            _missing.update(missing)
    return pieces


def take_unprintable() -> list[str]:
    """The characters no font could draw since the last call, in code point order."""
    with _missing_lock:
        found = sorted(_missing)
        _missing.clear()
    return found


def missing_characters_note() -> str:
    """A sentence about characters that no font drew since the last call, or ``""``."""
    return unprintable_note(take_unprintable())


def unprintable_note(found: list[str]) -> str:
    """One sentence naming the characters printed as ``SUBSTITUTE``, or ``""``."""
    if not found:
        return ""
    shown = ", ".join(f"U+{ord(ch):04X}" for ch in found[:8])
    more = f" and {len(found) - 8} more" if len(found) > 8 else ""
    hint = "" if glyphs_cover_cjk() else f" (installing {CJK_PACKAGE} adds Chinese, " \
        "Japanese and Korean)"
    return (f"{len(found)} character{'s' if len(found) != 1 else ''} ({shown}{more}) "
            f"had no font on this machine and print{'s' if len(found) == 1 else ''} "
            f"as {SUBSTITUTE}{hint}.")


def glyphs_cover_cjk() -> bool:
    return bool(glyphs(CJK))


@lru_cache(maxsize=8192)
def _split(text: str, font: str) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    shown = visual(text)
    colour = emoji.may_be_emoji(shown)
    if not colour and glyphs(font).issuperset(map(ord, shown)):
        # Every character in ``font`` and no picture: the one run the loop below finds
        # (``font`` comes first in every chain), for a fraction of its cost.
        return (((shown, font),) if shown else ()), frozenset()
    fallbacks: tuple[str, ...] = fallback_chain()
    if font in _BOLD_FACES and CJK in fallbacks:
        fallbacks = tuple(f for g in fallbacks for f in ((CJK_BOLD, CJK) if g == CJK else (g,)))
    chain = (font, *(f for f in fallbacks if f != font))
    # Emoji of the supplementary planes are in no CJK font: asking the emoji font first
    # spares reading the CJK font for a board whose only foreign characters are emoji.
    emoji_chain = (font, *sorted(chain[1:], key=lambda f: f != EMOJI))
    out: list[tuple[str, str]] = []
    missing: set[str] = set()
    current: str | None = None
    buffer: list[str] = []
    for ch in emoji.pictured(shown) if colour else shown:
        if colour and emoji.picture(ch) is not None:  # one cluster, drawn as a picture
            if buffer and current is not None:
                out.append(("".join(buffer), current))
            out.append((ch, COLOUR))
            current, buffer = None, []
            continue
        code = ord(ch)
        joins = code in _INVISIBLE or unicodedata.category(ch) in ("Mn", "Me")
        if joins and current is not None and code in glyphs(current):
            buffer.append(ch)
            continue
        # Spaces come from the main font: an emoji font's space is far wider.
        tried = emoji_chain if EMOJI_PLANES[0] <= code <= EMOJI_PLANES[1] else chain
        face = next((f for f in tried if code in glyphs(f)), None)
        if face is None:
            if joins:
                continue
            missing.add(ch)
            ch, face = SUBSTITUTE, font
        if face != current:
            if buffer and current is not None:
                out.append(("".join(buffer), current))
            current, buffer = face, []
        buffer.append(ch)
    if buffer and current is not None:
        out.append(("".join(buffer), current))
    return tuple(out), frozenset(missing)


def visual(text: str) -> str:
    """One line in the order it is drawn: right-to-left words reversed (Unicode's
    bidirectional algorithm), Arabic letters in their joined forms."""
    text = text.translate(_NO_BIDI_CONTROLS)
    if not _RTL.search(text):
        return text
    from bidi import get_display  # read only for right-to-left text

    if _ARABIC.search(text):
        import arabic_reshaper

        text = arabic_reshaper.reshape(text)
    return str(get_display(text))


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in points, each run measured in the font that draws it."""
    return float(sum(piece_width(piece, face, size) for piece, face in runs(text, font)))


def split_lines(text: str, font: str, size: float, room: float) -> list[str]:
    """Break one line of text to fit ``room`` points: at spaces, between CJK characters,
    and inside a word only when the word alone is too wide."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if token.isspace():
            line = line + " " if line else line
            continue
        if width(line + token, font, size) <= room:
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
        while len(token) > 1 and width(token, font, size) > room:
            cut = _fitting(token, font, size, room)
            lines.append(token[:cut])
            token = token[cut:]
        line = token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _fitting(text: str, font: str, size: float, room: float) -> int:
    """How many leading characters of ``text`` fit in ``room`` (at least one)."""
    low, high = 1, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if width(text[:mid], font, size) <= room:
            low = mid
        else:
            high = mid - 1
    return low
