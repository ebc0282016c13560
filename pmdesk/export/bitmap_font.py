"""A colour bitmap font (CBDT/CBLC, as Noto Color Emoji is made), read with the standard
library: only the tables and glyphs a text asks for.

The file is mapped, not read: a document with two emoji touches a few kilobytes of an
11 MB font. Glyphs are numbers here; the ligatures (flags, joined sequences, keycaps and
skin tones are all ligature substitutions) are read from GSUB the first time a sequence
asks for one.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pmdesk.export.metrics import best_cmap, table_offsets

_SMALL_METRICS, _BIG_METRICS = 17, 18  # PNG images with their metrics before them
_LIGATURE, _EXTENSION = 4, 7  # GSUB lookup types


@dataclass(frozen=True, slots=True)
class Bitmap:
    """One glyph's PNG and its metrics, in pixels of the strike."""

    png: bytes
    advance: int
    height: int
    bearing_y: int


class BitmapFont:
    """The first strike of a CBDT font: its cmap, its bitmaps and its ligatures."""

    def __init__(self, path: str | Path) -> None:
        with open(path, "rb") as file:
            self._data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        self._tables = table_offsets(self._data)
        cmap = best_cmap(self._data, self._tables["cmap"])
        if cmap is None:
            raise ValueError("no Unicode cmap in a format this reader knows")
        self.cmap: dict[int, int] = cmap
        locations = self._tables["CBLC"]
        array, count = struct.unpack_from(">L4xL", self._data, locations + 8)
        self.ppem = float(self._data[locations + 8 + 45])  # the strike's ppemY
        self._index: list[tuple[int, int, int]] = []  # first glyph, last glyph, subtable
        for n in range(count):
            first, last, offset = struct.unpack_from(">HHL", self._data,
                                                     locations + array + 8 * n)
            self._index.append((first, last, locations + array + offset))

    def bitmap(self, glyph: int) -> Bitmap | None:
        """The glyph's picture, or None when the strike has none for it."""
        for first, last, at in self._index:
            if first <= glyph <= last:
                return self._read(at, glyph - first)
        return None

    def _read(self, at: int, index: int) -> Bitmap | None:
        data = self._data
        index_format, image_format, image_data = struct.unpack_from(">HHL", data, at)
        if index_format == 1:
            start, end = struct.unpack_from(">LL", data, at + 8 + 4 * index)
        elif index_format == 3:
            start, end = struct.unpack_from(">HH", data, at + 8 + 2 * index)
        else:
            return None
        if end <= start:
            return None
        place = self._tables["CBDT"] + image_data + start
        if image_format == _SMALL_METRICS:
            height, _, _, bearing_y, advance = struct.unpack_from(">BBbbB", data, place)
            place += 5
        elif image_format == _BIG_METRICS:
            height, _, _, bearing_y, advance = struct.unpack_from(">BBbbB", data, place)
            place += 8
        else:
            return None
        length = struct.unpack_from(">L", data, place)[0]
        png = bytes(data[place + 4:place + 4 + length])
        return Bitmap(png, advance, height, bearing_y) if png else None

    @cached_property
    def ligatures(self) -> dict[int, list[tuple[tuple[int, ...], int]]]:
        """Every ligature, by its first glyph, longest first (in the font's order among
        ligatures of one length)."""
        found: dict[int, list[tuple[tuple[int, ...], int]]] = {}
        if "GSUB" not in self._tables:
            return found
        data, gsub = self._data, self._tables["GSUB"]
        lookups = gsub + struct.unpack_from(">H", data, gsub + 8)[0]
        for n in range(struct.unpack_from(">H", data, lookups)[0]):
            lookup = lookups + struct.unpack_from(">H", data, lookups + 2 + 2 * n)[0]
            kind, _, count = struct.unpack_from(">HHH", data, lookup)
            for m in range(count):
                table = lookup + struct.unpack_from(">H", data, lookup + 6 + 2 * m)[0]
                table_kind = kind
                if kind == _EXTENSION:
                    table_kind, offset = struct.unpack_from(">HL", data, table + 2)
                    table += offset
                if table_kind == _LIGATURE:
                    self._ligature_table(table, found)
        for entries in found.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        return found

    def _ligature_table(self, table: int, found: dict[int, list[tuple[tuple[int, ...], int]]]
                        ) -> None:
        data = self._data
        coverage_at, set_count = struct.unpack_from(">HH", data, table + 2)
        firsts = self._coverage(table + coverage_at)
        for first, n in zip(firsts, range(set_count), strict=False):
            lig_set = table + struct.unpack_from(">H", data, table + 6 + 2 * n)[0]
            for k in range(struct.unpack_from(">H", data, lig_set)[0]):
                ligature = lig_set + struct.unpack_from(">H", data, lig_set + 2 + 2 * k)[0]
                glyph, components = struct.unpack_from(">HH", data, ligature)
                rest = struct.unpack_from(f">{components - 1}H", data, ligature + 4)
                found.setdefault(first, []).append((rest, glyph))

    def _coverage(self, at: int) -> list[int]:
        kind, count = struct.unpack_from(">HH", self._data, at)
        if kind == 1:
            return list(struct.unpack_from(f">{count}H", self._data, at + 4))
        ranges = [struct.unpack_from(">HHH", self._data, at + 4 + 6 * n) for n in range(count)]
        glyphs: list[int] = []
        for start, end, _ in sorted(ranges, key=lambda r: r[2]):
            glyphs.extend(range(start, end + 1))
        return glyphs
