"""The colour emoji font is read glyph by glyph, to what fontTools reads of it."""

import os

import pytest

from pmdesk.export import emoji
from pmdesk.export.bitmap_font import BitmapFont

PATH = next((p for p in emoji.COLOUR_CANDIDATES if os.path.isfile(p)), None)
pytestmark = pytest.mark.skipif(PATH is None, reason=f"no {emoji.COLOUR_PACKAGE} here")


def test_every_glyph_and_ligature_is_what_fonttools_reads():
    fonttools = pytest.importorskip("fontTools.ttLib")
    with fonttools.TTFont(PATH, lazy=True) as theirs:
        _compare(theirs, BitmapFont(PATH))


def _compare(theirs, ours) -> None:
    cmap = theirs.getBestCmap()
    glyph_id = theirs.getGlyphID
    assert ours.cmap == {code: glyph_id(name) for code, name in cmap.items()}
    strike = theirs["CBDT"].strikeData[0]
    assert ours.ppem == float(theirs["CBLC"].strikes[0].bitmapSizeTable.ppemY)
    for name in set(cmap.values()):
        bitmap, mine = strike.get(name), ours.bitmap(glyph_id(name))
        if bitmap is None or not getattr(bitmap, "imageData", None):
            assert mine is None
            continue
        metrics = bitmap.metrics
        assert mine is not None and mine.png == bytes(bitmap.imageData)
        assert (mine.advance, mine.height, mine.bearing_y) == (
            metrics.Advance, metrics.height, metrics.BearingY)
    ligatures: dict[int, list[tuple[tuple[int, ...], int]]] = {}
    for lookup in theirs["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)
            for first, sets in (getattr(table, "ligatures", None) or {}).items():
                ligatures.setdefault(glyph_id(first), []).extend(
                    (tuple(map(glyph_id, entry.Component)), glyph_id(entry.LigGlyph))
                    for entry in sets)
    for entries in ligatures.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    assert ours.ligatures == ligatures


def test_a_flag_a_joined_sequence_and_a_keycap_are_one_picture_each():
    for cluster in ("🇩🇪", "👩🏽\u200d💻", "1\ufe0f\u20e3", "🔥"):
        found = emoji.picture(cluster)
        assert found is not None and found.png.startswith(b"\x89PNG")
