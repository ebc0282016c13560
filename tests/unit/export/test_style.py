import pytest
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import Paragraph

from pmdesk.export import paper, style


def test_markup_escapes_user_text_and_keeps_line_breaks():
    assert style.markup("a <b>bold</b> & 1 < 2\nnext") == (
        "a &lt;b&gt;bold&lt;/b&gt; &amp; 1 &lt; 2<br/>next"
    )
    Paragraph(style.markup("<b>unclosed & <i>"), style.style("t"))  # parses without error


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
    para, height = style.fit_paragraph(text, style.style("body", 8, leading=10), 200, 52)
    assert height <= 52
    assert para.wrap(200, 52)[1] <= 52
    assert "…" in para.text and "&lt;b&gt;" in para.text
    unbroken = "x" * 2000
    para, height = style.fit_paragraph(unbroken, style.style("body", 8, leading=10), 100, 30)
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
    assert style.tint("#000000", 0).rgb() == (1, 1, 1)
    assert style.tint("#000000", 1).rgb() == (0, 0, 0)
    assert style.colour("not a colour").hexval() == style.colour(style.NO_GOAL).hexval()
