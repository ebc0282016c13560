"""Every PDF prints Chinese, Japanese, Korean, Hebrew, Arabic and emoji: no character lost."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from datetime import timedelta

import pytest

from pmdesk import documents
from pmdesk.export import emoji, fonts
from pmdesk.export.paragraphs import fit_paragraph, markup, style
from pmdesk.export.style import width
from pmdesk.services import Services
from tests.unit.export.helpers import TODAY, Pdf

needs_cjk = pytest.mark.skipif(fonts.cjk_font_file() is None,
                               reason=f"no CJK font installed ({fonts.CJK_PACKAGE})")

# Emoji print as colour pictures where the colour font is installed, else as outlines.
EMOJI_FACE = emoji.COLOUR if emoji.available() else fonts.EMOJI
PRODUCT = "2026-06歐洲行 🚀"
LTR_NAMES = {
    "goal": "成長 Growth 🌱",
    "lane": "モバイル版",
    "initiative": "한국어 지원 ✅ 출시",
    "initiative2": "離線同步與衝突處理功能完整版本上線計畫",
    "milestone": "ベータ版 🎉",
    "column": "進行中 👷",
    "card": "翻譯所有的說明文件 😀 和 截圖",
    "label": "緊急 🔥",
    "person": "김민준",
}
RTL_NAMES = {"card_he": "תרגום לעברית", "card_ar": "ترجمة إلى العربية"}


def _product(services: Services) -> dict[str, int]:
    person = services.people.ensure_person(LTR_NAMES["person"]).value
    pid = services.products.create_product(
        PRODUCT, tagline="為歐洲團隊 🇪🇺", vision="讓每個團隊都知道什麼最重要 — שלום, مرحبا 👋",
        problem="計画はスライドにある。", not_doing="하드웨어 없음 🙅", owner_id=person.id,
        success_metrics="週活躍團隊 📈",
    ).value.id
    goal = services.products.create_goal(pid, LTR_NAMES["goal"], colour="#2E7D32",
                                         metric="活躍團隊", target="1,200 👥").value
    lane = services.lanes.create_lane(pid, LTR_NAMES["lane"]).value
    initiative = services.initiatives.create_initiative(
        pid, LTR_NAMES["initiative"], lane_id=lane.id, goal_id=goal.id, status="in_progress",
        start_date=TODAY - timedelta(days=10), end_date=TODAY + timedelta(days=60),
        reach=100, impact=2, confidence=80, effort=1, owner_id=person.id).value
    services.initiatives.create_initiative(
        pid, LTR_NAMES["initiative2"], lane_id=lane.id, goal_id=goal.id,
        start_date=TODAY + timedelta(days=5), end_date=TODAY + timedelta(days=90))
    services.lanes.create_milestone(pid, LTR_NAMES["milestone"], TODAY + timedelta(days=14))
    board = services.boards.list_boards(pid)[0]
    columns = services.boards.list_columns(board.id)
    services.boards.update_column(columns[1].id, name=LTR_NAMES["column"])
    label = services.people.create_label(pid, LTR_NAMES["label"], "#C62828").value
    for title in (LTR_NAMES["card"], *RTL_NAMES.values()):
        services.tasks.create_task(columns[1].id, title, initiative_id=initiative.id,
                                   assignee_id=person.id, label_ids=[label.id])
    return {"product": pid, "board": board.id}


def _read(pdf: bytes) -> str:
    """The PDF's text, Arabic letters back from their joined (presentation) forms."""
    return unicodedata.normalize("NFKC", Pdf.of(pdf).text)


def _assert_every_character(text: str, expected: list[str]) -> None:
    flat = text.replace("\n", " ")
    missing = [name for name in expected if unicodedata.normalize("NFKC", name) not in flat]
    assert not missing, missing
    assert fonts.SUBSTITUTE not in text


@needs_cjk
def test_board_pdf_prints_every_script(services: Services) -> None:
    ids = _product(services)
    text = _read(documents.board_pdf(services, ids["board"]))
    _assert_every_character(text, [LTR_NAMES[k] for k in ("column", "card", "label", "person")]
                            + [PRODUCT, *RTL_NAMES.values()])
    assert fonts.take_unprintable() == []


@needs_cjk
def test_roadmap_pdf_prints_every_script(services: Services) -> None:
    ids = _product(services)
    text = _read(documents.roadmap_pdf(services, ids["product"]))
    _assert_every_character(text, [PRODUCT, LTR_NAMES["lane"], LTR_NAMES["initiative"],
                                   LTR_NAMES["milestone"], LTR_NAMES["goal"]])
    assert fonts.take_unprintable() == []


@needs_cjk
def test_onepager_prints_every_script(services: Services) -> None:
    ids = _product(services)
    text = _read(documents.onepager_pdf(services, ids["product"]))
    _assert_every_character(text, [PRODUCT, "為歐洲團隊 🇪🇺", "計画はスライドにある。",
                                   "하드웨어 없음 🙅", "週活躍團隊 📈", LTR_NAMES["goal"],
                                   LTR_NAMES["initiative"]])
    for word in ("שלום", "مرحبا", "👋"):  # a reader's own reordering moves the spaces
        assert word in text
    assert fonts.take_unprintable() == []


def test_runs_pick_the_font_that_has_each_character() -> None:
    pieces = fonts.runs("Plan 🚀 now", fonts.FONT)
    assert pieces == (("Plan ", fonts.FONT), ("🚀", EMOJI_FACE), (" now", fonts.FONT))
    assert fonts.runs("a\u202eexe.txt\u202c", fonts.FONT) == (("aexe.txt", fonts.FONT),)
    italic = fonts.runs("x مرحبا", fonts.ITALIC)
    assert [face for _, face in italic] == [fonts.ITALIC, fonts.FONT]


def test_right_to_left_words_are_drawn_in_display_order() -> None:
    assert fonts.visual("Vision שלום עולם") == "Vision םלוע םולש"
    shaped = fonts.visual("مرحبا")
    assert shaped != "مرحبا"[::-1] and unicodedata.normalize("NFKC", shaped) == "ابحرم"
    assert fonts.visual("plain \u202etxt") == "plain txt"


def test_a_character_no_font_has_prints_as_a_visible_substitute_and_is_reported() -> None:
    fonts.take_unprintable()
    hieroglyph = "\U00013000"
    assert fonts.runs(f"a{hieroglyph}b", fonts.FONT) == ((f"a{fonts.SUBSTITUTE}b", fonts.FONT),)
    assert fonts.take_unprintable() == [hieroglyph]
    assert fonts.take_unprintable() == []
    note = fonts.unprintable_note([hieroglyph])
    assert "U+13000" in note and fonts.SUBSTITUTE in note and "\n" not in note


@needs_cjk
def test_cjk_lines_break_between_characters_and_fit() -> None:
    text = "離線同步與衝突處理功能完整版本上線計畫" * 3
    lines = fonts.split_lines(text, fonts.BOLD, 8, 100)
    assert len(lines) > 2 and "".join(lines) == text
    assert all(width(line, fonts.BOLD, 8) <= 100 for line in lines)
    para, height = fit_paragraph(text, style("t", 8), 100, 30)
    assert height <= 30 and "離線同步" in para.text
    assert f'<font face="{fonts.CJK}">' in markup("歐洲 trip")


def test_emoji_and_latin_text_never_reads_the_cjk_font():
    # Only reportlab reads the CJK font (it must know it can embed it): not loaded at all.
    code = ("import sys\n"
            "from pmdesk.export import fonts\n"
            "pieces = fonts.runs('Hot 🔥 fix', fonts.FONT)\n"
            "print(pieces[1][1], fonts.width('Hot 🔥 fix', fonts.BOLD, 9) > 0,\n"
            "      any(m.startswith('reportlab') for m in sys.modules))\n")
    assert _words_printed_by(code) == [EMOJI_FACE, "True", "False"]


@needs_cjk
def test_a_cjk_font_outside_the_usual_paths_is_found_through_fontconfig():
    code = ("from pmdesk.export import fonts\n"
            "fonts.CJK_CANDIDATES = ()\n"
            "print(bool(fonts.glyphs(fonts.CJK)), fonts.runs('歐洲', fonts.FONT)[0][1])\n")
    assert _words_printed_by(code) == ["True", fonts.CJK]


def _words_printed_by(code: str) -> list[str]:
    """Run ``code`` in a fresh Python, where no font has been read yet."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.split()
