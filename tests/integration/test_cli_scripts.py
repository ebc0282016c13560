"""A real Japanese Trello board comes out of the board PDF with every title, character for
character; a character no font has is printed visibly and named."""

import io
import json
import sqlite3
from pathlib import Path

import pypdf
import pytest

from pmdesk.export import fonts
from pmdesk.store.workspace import create_workspace
from tests.integration.cli import run_cli

DATA = Path(__file__).resolve().parents[1] / "data" / "trello"


def squeezed(text: str) -> str:
    """Text without whitespace: a title may break over two lines anywhere."""
    return "".join(text.split())


@pytest.mark.skipif(fonts.cjk_font_file() is None,
                    reason=f"no CJK font installed ({fonts.CJK_PACKAGE})")
def test_japanese_board_pdf_prints_every_title_and_column(tmp_path):
    ws = tmp_path / "w.pmdesk"
    create_workspace(ws).close()
    source = DATA / "trello-clipkit-japanese-board.json"
    assert run_cli("import", "trello", source, ws).returncode == 0
    out = tmp_path / "board.pdf"
    result = run_cli("export", "board", ws, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Note:" not in result.stderr
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    text = squeezed("".join(page.extract_text() for page in reader.pages))
    board = json.loads(source.read_text(encoding="utf-8"))
    closed = {item["id"] for item in board["lists"] if item.get("closed")}
    titles = [card["name"] for card in board["cards"]
              if not card.get("closed") and card["idList"] not in closed]
    assert len(titles) == 66
    assert [t for t in titles if squeezed(t) not in text] == []
    with sqlite3.connect(ws) as conn:
        columns = [r[0] for r in conn.execute("SELECT name FROM board_column")]
    assert all(squeezed(name) in text for name in columns)


def test_a_character_without_any_font_is_substituted_and_named(tmp_path):
    ws = tmp_path / "w.pmdesk"
    create_workspace(ws).close()
    csv = tmp_path / "cards.csv"
    csv.write_text("Summary,Status\nDecode \U00013000 glyph,To Do\n", encoding="utf-8")
    imported = run_cli("import", "csv", csv, ws)
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "board.pdf"
    result = run_cli("export", "board", ws, "-o", out)
    assert result.returncode == 0, result.stderr
    note = result.stderr.strip()
    assert note.startswith("Note: 1 character (U+13000) had no font") and "\n" not in note
    text = pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert f"Decode {fonts.SUBSTITUTE} glyph" in text
