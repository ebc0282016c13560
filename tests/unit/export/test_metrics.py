"""The bundled fonts are measured without reportlab, to the same numbers reportlab reads."""

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from pmdesk.assets import resource
from pmdesk.export import fonts, pdf_fonts
from pmdesk.export.metrics import read_metrics

FILES = sorted({*fonts.FACE_FILES.values(), fonts.EMOJI_FILE})


@pytest.mark.parametrize("filename", FILES)
def test_each_bundled_face_has_reportlabs_characters_and_widths(filename):
    path = resource("fonts", filename)
    ours = read_metrics(path)
    theirs = TTFont("probe", str(path)).face
    assert ours is not None
    assert ours.glyphs == frozenset(theirs.charToGlyph)
    assert ours.widths == theirs.charWidths
    assert ours.default_width == theirs.defaultWidth


def test_a_line_measures_what_the_pdf_measures():
    pdf_fonts.register_family()
    line = "Ünïcødé · Ελληνικά — Кириллица שלום ☑ 3/5 \u00a0x\U00013000"
    for face in fonts.FACE_FILES:
        for size in (6.2, 7.5, 14):
            assert fonts.face_metrics(face).string_width(line, size) == stringWidth(
                line, face, size)
