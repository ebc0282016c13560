import pytest
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import Paragraph

from pmdesk.export import paper, style
from pmdesk.export import paragraphs as para_style
from pmdesk.export.shapes import Colour, hex_colour


def test_markup_escapes_user_text_and_keeps_line_breaks():
    assert para_style.markup("a <b>bold</b> & 1 < 2\nnext") == (
        "a &lt;b&gt;bold&lt;/b&gt; &amp; 1 &lt; 2<br/>next"
    )
    Paragraph(para_style.markup("<b>unclosed & <i>"), para_style.style("t"))  # parses without error


def test_printable_keeps_every_visible_character_and_drops_controls():
    assert style.printable("Dark mode 🌙 now") == "Dark mode 🌙 now"
    assert style.printable("Zażółć Съешь Γαζέες") == "Zażółć Съешь Γαζέες"
    assert style.printable("evil\u202etxt.exe\x07") == "eviltxt.exe"


def test_elide_fits_the_room_and_marks_the_cut():
    text = "Ukrainian localisation — Українська"
    cut = style.elide(text, style.FONT, 8, 60)
    assert cut.endswith("…") and style.width(cut, style.FONT, 8) <= 60
    assert style.elide(text, style.FONT, 8, 1000) == text
    assert style.elide(text, style.FONT, 8, 1) == ""


def test_fit_paragraph_never_exceeds_its_height():
    text = ("Zażółć gęślą jaźń <b>x</b> & " * 100)[:2000]
    para, height = para_style.fit_paragraph(text, para_style.style("body", 8, leading=10), 200, 52)
    assert height <= 52
    assert para.wrap(200, 52)[1] <= 52
    assert "…" in para.text and "&lt;b&gt;" in para.text
    unbroken = "x" * 2000
    body = para_style.style("body", 8, leading=10)
    para, height = para_style.fit_paragraph(unbroken, body, 100, 30)
    assert height <= 30


def test_page_size_follows_the_locale_unless_given():
    assert paper.page_size(None, {"LANG": "en_US.UTF-8"}) == LETTER
    assert paper.page_size(None, {"LANG": "pl_PL.UTF-8"}) == A4
    assert paper.page_size(None, {"LANG": "C.UTF-8"}) == A4
    assert paper.page_size(None, {"LC_PAPER": "es_MX.UTF-8", "LANG": "en_GB.UTF-8"}) == LETTER
    assert paper.page_size(None, {"LC_ALL": "de_DE.UTF-8", "LC_PAPER": "en_US"}) == A4
    assert paper.page_size(None, {}) == A4
    assert paper.page_size("Letter", {"LANG": "pl_PL"}) == LETTER


def test_unknown_page_size_is_refused():
    with pytest.raises(ValueError, match="a4 or letter"):
        paper.page_size("a3")


def test_tint_mixes_with_white_and_bad_colours_fall_back():
    assert style.tint("#000000", 0) == Colour(1, 1, 1)
    assert style.tint("#000000", 1) == Colour(0, 0, 0)
    assert style.colour("not a colour") == style.colour(style.NO_GOAL)


def test_colours_read_as_reportlab_reads_them():
    from reportlab.lib import colors

    for value in ("#1F2328", "#ffffff", "#000000", "0x24476B", "16777215", "#7a828c"):
        theirs = colors.HexColor(value)
        assert hex_colour(value) == Colour(theirs.red, theirs.green, theirs.blue)
    for bad in ("ffffff", "#12345z", ""):
        with pytest.raises(ValueError):
            hex_colour(bad)
