"""Flags, joined emoji, skin tones and keycaps print as one emoji each, bold CJK prints
bold, and the PDF's text still holds every character."""

from __future__ import annotations

import io
import re
import unicodedata

import pypdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from pmdesk import documents
from pmdesk.export import emoji, fonts
from pmdesk.export.paragraphs import fit_paragraph, markup, style
from pmdesk.services import Services
from tests.unit.export.helpers import Pdf

needs_colour = pytest.mark.skipif(
    not emoji.available(),
    reason=f"no colour emoji font readable here ({emoji.COLOUR_PACKAGE})")
needs_cjk = pytest.mark.skipif(fonts.cjk_font_file() is None,
                               reason=f"no CJK font installed ({fonts.CJK_PACKAGE})")

FLAG = "\U0001f1eb\U0001f1f7"  # France
CODER = "\U0001f469\u200d\U0001f4bb"  # woman technologist: woman, ZWJ, laptop
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
THUMB = "\U0001f44d\U0001f3fd"  # thumbs up, medium skin tone
KEYCAP = "1\ufe0f\u20e3"
SEQUENCES = (FLAG, CODER, FAMILY, THUMB, KEYCAP)
BOLD_TITLE = "發布計畫 Launch"


def test_emoji_clusters_are_cut_as_readers_show_them() -> None:
    text = f"a{FLAG}{CODER} {THUMB}{KEYCAP}\U0001f1eb"
    assert emoji.clusters(text) == ["a", FLAG, CODER, " ", THUMB, KEYCAP, "\U0001f1eb"]
    assert emoji.clusters("x\u200d ") == ["x", "\u200d", " "]


@needs_colour
@pytest.mark.parametrize("sequence", SEQUENCES)
def test_each_sequence_is_one_picture_of_the_colour_font(sequence: str) -> None:
    assert fonts.runs(f"Go {sequence} now", fonts.FONT) == (
        ("Go ", fonts.FONT), (sequence, emoji.COLOUR), (" now", fonts.FONT))
    found = emoji.picture(sequence)
    assert found is not None and found.png.startswith(b"\x89PNG")
    assert found.width > 0 and found.height > 0


@needs_colour
def test_plain_digits_and_text_symbols_stay_text_and_unknown_joins_fall_back_to_parts() -> None:
    assert fonts.runs("12 © ❤", fonts.FONT) == (("12 © ❤", fonts.FONT),)
    unknown = "\U0001f680\u200d\U0001f34e"  # rocket joined with an apple: no such emoji
    assert [face for _, face in fonts.runs(unknown, fonts.FONT)] == [
        emoji.COLOUR, fonts.FONT, emoji.COLOUR]  # rocket, the joiner, apple
    assert "".join(piece for piece, _ in fonts.runs(unknown, fonts.FONT)) == unknown


@needs_cjk
def test_bold_cjk_runs_use_a_bold_face_or_say_they_are_synthesised() -> None:
    pieces = fonts.runs(BOLD_TITLE, fonts.BOLD)
    assert pieces[0] == ("發布計畫", fonts.CJK_BOLD)
    assert fonts.runs("發布", fonts.FONT)[0][1] == fonts.CJK
    if fonts.synthetic_bold(fonts.CJK_BOLD):
        assert fonts.pdf_font(fonts.CJK_BOLD) == fonts.CJK
    assert f'<font face="{fonts.CJK}">' in markup("發布", fonts.BOLD)


def _product(services: Services) -> dict[str, int]:
    pid = services.products.create_product(
        f"{BOLD_TITLE} {FLAG}", tagline=f"Team {CODER} and {FAMILY}",
        vision=f"Ship {THUMB} {KEYCAP} {FLAG}", success_metrics=f"Weekly {CODER} users",
    ).value.id
    board = services.boards.list_boards(pid)[0]
    columns = services.boards.list_columns(board.id)
    services.boards.update_column(columns[1].id, name=f"進行中 {THUMB}")
    for title in (f"Paris {FLAG} launch", f"Pair {CODER} review", f"Vote {THUMB} {KEYCAP}",
                  f"{FAMILY} offsite"):
        services.tasks.create_task(columns[1].id, title)
    return {"product": pid, "board": board.id}


def _text(pdf: bytes) -> str:
    return unicodedata.normalize("NFC", Pdf.of(pdf).text)


def _images(pdf: bytes) -> int:
    """How many times the pages paint an image."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return sum(len(re.findall(rb"/[^\s/]+ Do\b", page.get_contents().get_data()))
               for page in reader.pages)


@needs_cjk
@pytest.mark.parametrize("kind", ["board", "onepager"])
def test_exports_keep_every_code_point_of_every_sequence(services: Services, kind: str
                                                         ) -> None:
    ids = _product(services)
    pdf = (documents.board_pdf(services, ids["board"]) if kind == "board"
           else documents.onepager_pdf(services, ids["product"]))
    text = _text(pdf)
    for sequence in SEQUENCES:
        assert sequence in text, (sequence, [hex(ord(c)) for c in sequence])
    assert "發布計畫" in text
    assert fonts.SUBSTITUTE not in text
    assert fonts.take_unprintable() == []
    if emoji.available():
        assert _images(pdf) >= 4  # the flag, the coder, the thumb, the keycap at least
    else:
        assert _images(pdf) == 0


@needs_colour
def test_a_flag_alone_is_drawn_as_one_image_over_invisible_text(services: Services) -> None:
    pid = services.products.create_product(f"Only {FLAG}").value.id
    pdf = documents.onepager_pdf(services, pid)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
    assert b"3 Tr" in page  # the flag's two letters are there, invisible
    assert FLAG in _text(pdf)
    assert _images(pdf) >= 1


@needs_colour
@needs_cjk
def test_paragraphs_draw_pictures_and_bold_cjk_and_read_back_in_order() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 200))
    bold, height = fit_paragraph(f"粗體標題 Bold {FLAG} then {CODER}", style("b", 11,
                                 font=fonts.BOLD), 280, 60)
    bold.drawOn(canvas, 10, 190 - height)
    plain, height = fit_paragraph(f"{FAMILY} first, {THUMB} {KEYCAP} " * 3, style("r", 8),
                                  120, 80)
    plain.drawOn(canvas, 10, 100 - height)
    canvas.save()
    text = _text(buffer.getvalue())
    assert f"粗體標題 Bold {FLAG} then {CODER}" in text
    assert FAMILY in text and THUMB in text and KEYCAP in text
    assert _images(buffer.getvalue()) >= 5
    contents = pypdf.PdfReader(io.BytesIO(buffer.getvalue())).pages[0].get_contents()
    assert b"2 Tr" in contents.get_data() or not fonts.synthetic_bold(fonts.CJK_BOLD)


def test_without_a_colour_font_sequences_print_as_outlines_with_every_character(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(emoji, "_colour_font", lambda: None)
    fonts._split.cache_clear()
    try:
        pieces = fonts.runs(f"{FLAG} {CODER}", fonts.FONT)
        assert "".join(piece for piece, _ in pieces) == f"{FLAG} {CODER}"
        assert emoji.COLOUR not in {face for _, face in pieces}
        assert markup(FLAG).count("<img") == 0
    finally:
        fonts._split.cache_clear()
