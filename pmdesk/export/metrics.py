"""Character widths of a TrueType font, read with the standard library.

An image export measures its text exactly as the PDF does, but needs no reportlab for it:
this reads the same tables reportlab's ``TTFontFace`` reads (the cmap subtable it picks,
``hmtx``, ``head``) and computes the same numbers, in thousandths of an em, so a line is
cut and placed at the same point in both. A font whose cmap is in a format not read here
gives None, and the caller asks reportlab.
"""

from __future__ import annotations

import struct
from itertools import repeat
from dataclasses import dataclass
from mmap import mmap
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FaceMetrics:
    """What measuring needs of one face: the characters it has, each one's advance and the
    advance of a character it lacks."""

    glyphs: frozenset[int]
    widths: dict[int, float]
    default_width: float

    def string_width(self, text: str, size: float) -> float:
        """``text``'s width at ``size`` points, summed as reportlab sums it."""
        advances = map(self.widths.get, map(ord, text), repeat(self.default_width))
        return 0.001 * size * sum(advances)


def read_metrics(path: str | Path) -> FaceMetrics | None:
    """The metrics of the TrueType file at ``path`` (not a collection), or None when its
    cmap is in a format this reader does not know."""
    data = Path(path).read_bytes()
    tables = table_offsets(data)
    upem = struct.unpack_from(">H", data, tables["head"] + 18)[0]
    scale = 1000 / upem
    metric_count = struct.unpack_from(">H", data, tables["hhea"] + 34)[0]
    glyph_count = struct.unpack_from(">H", data, tables["maxp"] + 4)[0]
    char_to_glyph = _cmap(data, tables["cmap"])
    if char_to_glyph is None:
        return None
    advances = struct.unpack_from(f">{metric_count * 2}H", data, tables["hmtx"])[0::2]

    def advance(glyph: int) -> float:
        raw = advances[glyph] if glyph < metric_count else advances[-1]
        return float(raw) if upem == 1000 else raw * scale

    widths = {char: advance(glyph) for char, glyph in char_to_glyph.items()
              if glyph < glyph_count}
    if 0x20 in char_to_glyph:
        widths[0xA0] = widths[0x20]
        char_to_glyph[0xA0] = char_to_glyph[0x20]
    elif 0xA0 in char_to_glyph:
        widths[0x20] = widths[0xA0]
        char_to_glyph[0x20] = char_to_glyph[0xA0]
    return FaceMetrics(frozenset(char_to_glyph), widths, advance(0))


def table_offsets(data: bytes | mmap) -> dict[str, int]:
    """Where each table of a TrueType file starts, by tag."""
    count = struct.unpack_from(">H", data, 4)[0]
    found = {}
    for index in range(count):
        tag, _, offset, _ = struct.unpack_from(">4sLLL", data, 12 + 16 * index)
        found[tag.decode("latin-1")] = offset
    return found


def _cmap(data: bytes | mmap, start: int) -> dict[int, int] | None:
    """Characters to glyphs from the subtable reportlab reads: the last Windows one, else
    the last Unicode or Macintosh one, as its loop over the subtables leaves it."""
    version, count = struct.unpack_from(">HH", data, start)
    if count == 0 and version != 0:
        count = version
    chosen: int | None = None
    windows = False
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", data, start + 4 + 8 * index)
        if platform == 3 or (platform == 1 and encoding == 1) or (
                platform == 0 and encoding != 5):
            chosen, windows = offset, True
        elif platform == 1 and encoding == 0 and not windows:
            chosen = offset
    if chosen is None:
        return None
    return _subtable(data, start + chosen)


# The subtables fontTools' ``getBestCmap`` prefers, in its order.
_BEST = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def best_cmap(data: bytes | mmap, start: int) -> dict[int, int] | None:
    """Characters to glyphs from the subtable fontTools' ``getBestCmap`` reads (the full
    Unicode one first), or None when it is in a format not read here."""
    count = struct.unpack_from(">H", data, start + 2)[0]
    offsets: dict[tuple[int, int], int] = {}
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", data, start + 4 + 8 * index)
        offsets.setdefault((platform, encoding), offset)
    found = next((offsets[key] for key in _BEST if key in offsets), None)
    return None if found is None else _subtable(data, start + found)


def _subtable(data: bytes | mmap, at: int) -> dict[int, int] | None:
    kind = struct.unpack_from(">H", data, at)[0]
    if kind == 4:
        return _format_4(data, at)
    if kind == 12:
        return _format_12(data, at)
    return None


def _format_4(data: bytes | mmap, at: int) -> dict[int, int]:
    length = struct.unpack_from(">H", data, at + 2)[0]
    limit = at + length
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts_at = at + 16 + 2 * segments
    starts = struct.unpack_from(f">{segments}H", data, starts_at)
    deltas = struct.unpack_from(f">{segments}h", data, starts_at + 2 * segments)
    ranges_at = starts_at + 4 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    mapping: dict[int, int] = {}
    for n in range(segments):
        first, last, delta, range_offset = starts[n], ends[n], deltas[n], ranges[n]
        if range_offset == 0:
            for char in range(first, last + 1):
                mapping[char] = (char + delta) & 0xFFFF
            continue
        base = ranges_at + 2 * n + range_offset
        for char in range(first, last + 1):
            offset = base + (char - first) * 2
            if offset >= limit:  # as reportlab reads broken fonts
                mapping[char] = 0
                continue
            glyph = struct.unpack_from(">H", data, offset)[0]
            mapping[char] = (glyph + delta) & 0xFFFF if glyph else 0
    return mapping


def _format_12(data: bytes | mmap, at: int) -> dict[int, int]:
    groups = struct.unpack_from(">L", data, at + 12)[0]
    mapping: dict[int, int] = {}
    for n in range(groups):
        first, last, glyph = struct.unpack_from(">LLL", data, at + 16 + 12 * n)
        for char in range(first, last + 1):
            mapping[char] = glyph + char - first
    return mapping
